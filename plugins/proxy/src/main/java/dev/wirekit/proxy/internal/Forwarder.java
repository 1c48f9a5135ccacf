package dev.wirekit.proxy.internal;

import dev.wirekit.http.Headers;
import dev.wirekit.http.HttpException;
import dev.wirekit.http.HttpStatus;
import dev.wirekit.http.client.ClientRequest;
import dev.wirekit.http.client.ClientResponse;
import dev.wirekit.http.server.Request;
import dev.wirekit.http.server.Response;
import dev.wirekit.proxy.internal.cache.CachedResponse;
import dev.wirekit.proxy.internal.cache.HttpCache;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.util.Set;

/**
 * Forwards one absolute-form request to its origin and the response back, through the cache:
 * fresh responses are served from it, stale ones validated with the origin's validators, new ones
 * stored while they stream to the client, and unsafe methods invalidate what they change.
 */
final class Forwarder {
    private static final Set<String> UNSAFE = Set.of("POST", "PUT", "DELETE", "PATCH");
    private static final String[] CLIENT_CONDITIONALS = {
        "If-None-Match", "If-Modified-Since", "If-Match", "If-Unmodified-Since", "If-Range"
    };

    private final ProxyConfig config;
    private final HttpCache cache;

    Forwarder(ProxyConfig config) {
        this.config = config;
        this.cache = config.cache();
    }

    void forward(Request req, Response res) throws IOException {
        URI uri;
        try {
            uri = new URI(req.target());
        } catch (java.net.URISyntaxException e) {
            throw new HttpException(400, "the request target is not a valid URI");
        }
        if (uri.getHost() == null) {
            throw new HttpException(400, "the request target has no host");
        }
        String method = req.method();
        boolean getOrHead = method.equals("GET") || method.equals("HEAD");
        String key = HttpCache.key(uri);
        HttpCache.Lookup lookup = null;
        if (cache != null && getOrHead && !req.headers().contains("Range")) {
            lookup = cache.lookup(key, req.headers());
            if (lookup.state() == HttpCache.State.FRESH) {
                serveCached(lookup.entry(), req, res);
                return;
            }
            if (lookup.state() == HttpCache.State.MISS && onlyIfCached(req)) {
                throw new HttpException(504, "the response is not in the cache (only-if-cached)");
            }
        }
        CachedResponse stale = lookup != null && lookup.state() == HttpCache.State.STALE ? lookup.entry() : null;
        long requestTime = now();
        ClientResponse upstream;
        try {
            upstream = config.upstream().send(upstreamRequest(req, uri, stale));
        } catch (IOException e) {
            if (stale != null && cache.mayServeStaleWhenDisconnected(stale)) {
                serveCached(stale, req, res);
                return;
            }
            throw UpstreamFailures.map(e, uri.getHost());
        }
        long responseTime = now();
        try (upstream) {
            if (stale != null && upstream.status() == 304) {
                upstream.bodyBytes();
                serveCached(
                        cache.refresh(stale, HopByHop.strip(upstream.headers()), requestTime, responseTime), req, res);
                return;
            }
            if (stale != null && upstream.status() >= 500 && cache.mayServeStaleWhenDisconnected(stale)) {
                serveCached(stale, req, res);
                return;
            }
            relay(upstream, req, res, key, requestTime, responseTime, lookup != null);
        }
        if (cache != null && UNSAFE.contains(method) && upstream.status() < 400) {
            invalidate(uri, key, upstream.headers());
        }
    }

    private static boolean onlyIfCached(Request req) {
        for (String d : req.headers().tokens("Cache-Control")) {
            if (d.equalsIgnoreCase("only-if-cached")) {
                return true;
            }
        }
        return false;
    }

    private ClientRequest upstreamRequest(Request req, URI uri, CachedResponse stale) {
        Headers h = HopByHop.strip(req.headers());
        h.remove("Host");
        ClientRequest.Builder b = ClientRequest.builder(req.method(), uri);
        if (stale != null) {
            for (String c : CLIENT_CONDITIONALS) {
                h.remove(c);
            }
            String etag = stale.headers().get("ETag");
            if (etag != null) {
                h.add("If-None-Match", etag);
            }
            String modified = stale.headers().get("Last-Modified");
            if (modified != null) {
                h.add("If-Modified-Since", modified);
            }
        }
        h.add("Via", req.version().substring(5) + " " + config.via());
        for (int i = 0; i < h.size(); i++) {
            b.addHeader(h.name(i), h.value(i));
        }
        if (req.contentLength() != 0) {
            b.body(req.body(), req.contentLength());
        }
        return b.build();
    }

    /** Streams the upstream response to the client, storing it on the way when it may be. */
    private void relay(
            ClientResponse upstream,
            Request req,
            Response res,
            String key,
            long requestTime,
            long responseTime,
            boolean cacheEligible)
            throws IOException {
        Headers fields = HopByHop.strip(upstream.headers());
        int status = upstream.status();
        long length = contentLength(fields);
        boolean store = cacheEligible
                && req.method().equals("GET")
                && cache.storable("GET", req.headers(), status, fields, length);
        res.status(status);
        for (int i = 0; i < fields.size(); i++) {
            res.addHeader(fields.name(i), fields.value(i));
        }
        res.addHeader("Via", upstream.version().substring(5) + " " + config.via());
        ByteArrayOutputStream copy =
                store ? new ByteArrayOutputStream((int) Math.max(0, Math.min(length, 1 << 16))) : null;
        try (OutputStream out = res.outputStream()) {
            if (!req.method().equals("HEAD") && !HttpStatus.forbidsContent(status)) {
                InputStream in = upstream.body();
                byte[] held = new byte[16 * 1024];
                byte[] next = new byte[16 * 1024];
                int heldLength = 0;
                int n;
                while ((n = in.read(next)) > 0) {
                    if (heldLength > 0) {
                        out.write(held, 0, heldLength);
                    }
                    byte[] swap = held;
                    held = next;
                    next = swap;
                    heldLength = n;
                    if (copy != null) {
                        copy.write(held, 0, n);
                        if (copy.size() > cache.maxObjectBytes()) {
                            copy = null; // too large to keep; goes on streaming
                        }
                    }
                }
                // the last bytes go out only once the response is stored: whoever has the whole
                // response finds it in the cache
                store(copy, key, req, status, upstream.reason(), fields, requestTime, responseTime);
                copy = null;
                if (heldLength > 0) {
                    out.write(held, 0, heldLength);
                }
            }
            store(copy, key, req, status, upstream.reason(), fields, requestTime, responseTime);
        }
    }

    private void store(
            ByteArrayOutputStream copy,
            String key,
            Request req,
            int status,
            String reason,
            Headers fields,
            long requestTime,
            long responseTime) {
        if (copy != null) {
            cache.store(key, req.headers(), status, reason, fields, copy.toByteArray(), requestTime, responseTime);
        }
    }

    private static long contentLength(Headers fields) {
        String v = fields.get("Content-Length");
        if (v == null) {
            return -1;
        }
        try {
            return Long.parseLong(v.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** Sends a stored response, or a 304 when the client's own validators match it. */
    private void serveCached(CachedResponse entry, Request req, Response res) throws IOException {
        Headers stored = entry.headers();
        boolean notModified = clientHasCurrentCopy(req.headers(), stored);
        res.status(notModified ? 304 : entry.status());
        for (int i = 0; i < stored.size(); i++) {
            String name = stored.name(i);
            if (notModified && name.regionMatches(true, 0, "Content-", 0, 8)) {
                continue;
            }
            res.addHeader(name, stored.value(i));
        }
        res.header("Age", Long.toString(cache.ageSeconds(entry)));
        res.addHeader("Via", "1.1 " + config.via());
        if (notModified) {
            res.send();
        } else {
            res.send(entry.body());
        }
    }

    private static boolean clientHasCurrentCopy(Headers request, Headers stored) {
        String ifNoneMatch = request.get("If-None-Match");
        String etag = stored.get("ETag");
        if (ifNoneMatch != null) {
            if (etag == null) {
                return false;
            }
            String ours = etag.startsWith("W/") ? etag.substring(2) : etag;
            for (String tag : ifNoneMatch.split(",")) {
                String t = tag.strip();
                if (t.equals("*") || (t.startsWith("W/") ? t.substring(2) : t).equals(ours)) {
                    return true;
                }
            }
            return false;
        }
        String since = request.get("If-Modified-Since");
        String modified = stored.get("Last-Modified");
        if (since != null && modified != null) {
            var a = dev.wirekit.http.HttpDate.parse(since);
            var m = dev.wirekit.http.HttpDate.parse(modified);
            return a.isPresent() && m.isPresent() && !m.get().isAfter(a.get());
        }
        return false;
    }

    /** After an unsafe method: forget the target and the same-origin Location and Content-Location. */
    private void invalidate(URI uri, String key, Headers response) {
        cache.invalidate(key);
        for (String field : new String[] {"Location", "Content-Location"}) {
            String value = response.get(field);
            if (value == null) {
                continue;
            }
            try {
                URI other = uri.resolve(value.strip());
                if (other.getHost() != null
                        && other.getHost().equalsIgnoreCase(uri.getHost())
                        && other.getPort() == uri.getPort()
                        && "http".equalsIgnoreCase(other.getScheme())) {
                    cache.invalidate(HttpCache.key(other));
                }
            } catch (IllegalArgumentException e) {
                // an unusable Location: nothing to invalidate
            }
        }
    }

    private long now() {
        return cache != null ? cache.now() : System.currentTimeMillis();
    }
}
