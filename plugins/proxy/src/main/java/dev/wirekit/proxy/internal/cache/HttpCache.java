package dev.wirekit.proxy.internal.cache;

import dev.wirekit.http.Headers;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;

/**
 * A shared HTTP cache (RFC 9111): decides what may be stored, finds the stored response that
 * matches a request (Vary), says whether it is fresh, must be validated or may be served stale,
 * refreshes it after a {@code 304}, and invalidates after unsafe methods. Time comes from the
 * injected clock. Thread-safe.
 */
public final class HttpCache implements AutoCloseable {
    /** Header fields a 304 must not change in the stored response (RFC 9111 section 3.2). */
    private static final Set<String> NOT_UPDATED = Set.of(
            "content-length", "content-encoding", "transfer-encoding", "content-range", "connection", "keep-alive");

    /** What {@link #lookup} found. */
    public enum State {
        /** Nothing usable is stored. */
        MISS,
        /** A fresh response may be served as it is. */
        FRESH,
        /** A response is stored but must be validated with the origin before it is served. */
        STALE
    }

    /** A lookup's outcome; {@code entry} is null for a miss. */
    public record Lookup(State state, CachedResponse entry) {}

    private final CacheStore store;
    private final Clock clock;
    private final Freshness freshness;
    private final long maxObjectBytes;
    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();
    private final LongAdder validations = new LongAdder();
    private final LongAdder stores = new LongAdder();

    public HttpCache(
            CacheStore store, Clock clock, long maxObjectBytes, double heuristicFraction, Duration heuristicMax) {
        this.store = store;
        this.clock = clock;
        this.maxObjectBytes = maxObjectBytes;
        this.freshness = new Freshness(heuristicFraction, heuristicMax);
    }

    public long now() {
        return clock.millis();
    }

    public long maxObjectBytes() {
        return maxObjectBytes;
    }

    /** The normalised key of an absolute http URI: lower-case scheme and host, no default port. */
    public static String key(java.net.URI uri) {
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        int port = uri.getPort();
        boolean defaultPort = port < 0 || scheme.equals("http") && port == 80 || scheme.equals("https") && port == 443;
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        return scheme + "://" + host + (defaultPort ? "" : ":" + port) + path
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    }

    /** The stored response for a GET or HEAD with {@code request} fields, and whether it is fresh. */
    public Lookup lookup(String key, Headers request) {
        CachedResponse match = null;
        for (CachedResponse r : store.variants(key)) {
            if (varyMatches(r, request)) {
                match = r;
                break;
            }
        }
        if (match == null) {
            misses.increment();
            return new Lookup(State.MISS, null);
        }
        CacheControl req = CacheControl.of(request);
        CacheControl res = match.directives();
        long now = now();
        long age = Freshness.currentAge(match, now);
        long lifetime = freshness.lifetime(match);
        boolean mustValidate = res.has("no-cache") || req.has("no-cache");
        long reqMaxAge = req.seconds("max-age");
        if (reqMaxAge >= 0 && age > reqMaxAge * 1000) {
            mustValidate = true;
        }
        long minFresh = req.seconds("min-fresh");
        long freshLeft = lifetime - age;
        if (minFresh >= 0 && freshLeft < minFresh * 1000) {
            mustValidate = true;
        }
        if (!mustValidate && freshLeft > 0) {
            hits.increment();
            return new Lookup(State.FRESH, match);
        }
        if (!mustValidate && staleAllowedByClient(req, res, -freshLeft)) {
            hits.increment();
            return new Lookup(State.FRESH, match);
        }
        return new Lookup(State.STALE, match);
    }

    private static boolean staleAllowedByClient(CacheControl req, CacheControl res, long staleness) {
        long maxStale = req.maxStale();
        if (maxStale < 0 || neverStale(res)) {
            return false;
        }
        return maxStale == Long.MAX_VALUE || staleness <= maxStale * 1000;
    }

    /** Whether the origin forbids serving the response stale (shared cache). */
    private static boolean neverStale(CacheControl res) {
        return res.has("must-revalidate") || res.has("proxy-revalidate") || res.has("s-maxage") || res.has("no-cache");
    }

    /** Whether a stale {@code entry} may be served because the origin cannot be reached. */
    public boolean mayServeStaleWhenDisconnected(CachedResponse entry) {
        return !neverStale(entry.directives());
    }

    private static boolean varyMatches(CachedResponse r, Headers request) {
        for (Map.Entry<String, String> e : r.vary().entrySet()) {
            if (!e.getValue().equals(varyValue(request, e.getKey()))) {
                return false;
            }
        }
        return true;
    }

    private static String varyValue(Headers request, String name) {
        List<String> all = request.all(name);
        return all.isEmpty() ? "" : String.join(", ", all).strip();
    }

    /**
     * Whether a response may be stored (RFC 9111 section 3): a GET, a final status other than 206
     * and 304, no {@code no-store} on either side, not {@code private}, no {@code Vary: *}, no
     * {@code Set-Cookie}, {@code Authorization} only with {@code public}, {@code s-maxage} or
     * {@code must-revalidate}, and something to serve it by: an explicit or heuristic lifetime, or
     * a validator.
     */
    public boolean storable(String method, Headers request, int status, Headers response, long length) {
        if (!method.equals("GET") || status < 200 || status == 206 || status == 304) {
            return false;
        }
        if (length > maxObjectBytes) {
            return false;
        }
        CacheControl req = CacheControl.of(request);
        CacheControl res = CacheControl.of(response);
        if (req.has("no-store") || res.has("no-store") || res.has("private")) {
            return false;
        }
        if (response.tokens("Vary").contains("*") || response.contains("Set-Cookie")) {
            return false;
        }
        if (request.contains("Authorization")
                && !(res.has("public") || res.has("s-maxage") || res.has("must-revalidate"))) {
            return false;
        }
        boolean explicit = res.has("public")
                || res.seconds("max-age") >= 0
                || res.seconds("s-maxage") >= 0
                || response.contains("Expires");
        boolean heuristic = Freshness.HEURISTICALLY_CACHEABLE.contains(status);
        boolean validators = response.contains("ETag") || response.contains("Last-Modified");
        return (explicit || heuristic) && (explicit || validators);
    }

    /** Stores a complete response; {@code response} must already be without hop-by-hop fields. */
    public CachedResponse store(
            String key,
            Headers request,
            int status,
            String reason,
            Headers response,
            byte[] body,
            long requestTime,
            long responseTime) {
        Map<String, String> vary = new HashMap<>();
        for (String name : response.tokens("Vary")) {
            vary.put(name.toLowerCase(Locale.ROOT), varyValue(request, name));
        }
        CachedResponse r = new CachedResponse(
                key, status, reason, response.copy(), body, Map.copyOf(vary), requestTime, responseTime);
        store.put(r);
        stores.increment();
        return r;
    }

    /** Updates {@code entry} with the fields of a {@code 304} that validated it; returns the new entry. */
    public CachedResponse refresh(CachedResponse entry, Headers notModified, long requestTime, long responseTime) {
        Headers merged = entry.headers().copy();
        for (String name : notModified.names()) {
            if (NOT_UPDATED.contains(name.toLowerCase(Locale.ROOT))) {
                continue;
            }
            merged.remove(name);
            for (String value : notModified.all(name)) {
                merged.add(name, value);
            }
        }
        CachedResponse r = new CachedResponse(
                entry.key(),
                entry.status(),
                entry.reason(),
                merged,
                entry.body(),
                entry.vary(),
                requestTime,
                responseTime);
        store.put(r);
        validations.increment();
        return r;
    }

    /** The current age of {@code entry}, in whole seconds, for the Age field. */
    public long ageSeconds(CachedResponse entry) {
        return Freshness.currentAge(entry, now()) / 1000;
    }

    /** Forgets every response stored under {@code key}. */
    public void invalidate(String key) {
        store.remove(key);
    }

    public long hits() {
        return hits.sum();
    }

    public long misses() {
        return misses.sum();
    }

    public long validations() {
        return validations.sum();
    }

    public long stores() {
        return stores.sum();
    }

    public long bytes() {
        return store.bytes();
    }

    public int entries() {
        return store.entries();
    }

    @Override
    public void close() {
        store.close();
    }
}
