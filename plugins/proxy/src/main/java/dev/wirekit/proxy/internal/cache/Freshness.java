package dev.wirekit.proxy.internal.cache;

import dev.wirekit.http.HttpDate;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * Freshness lifetime and age of a stored response (RFC 9111 section 4.2), computed for a shared
 * cache: {@code s-maxage}, then {@code max-age}, then {@code Expires} minus {@code Date}, then a
 * heuristic fraction of the time since {@code Last-Modified} for statuses cacheable by default.
 */
final class Freshness {
    /** Statuses a cache may store and give a heuristic lifetime to (RFC 9110 section 15.1). */
    static final Set<Integer> HEURISTICALLY_CACHEABLE =
            Set.of(200, 203, 204, 206, 300, 301, 308, 404, 405, 410, 414, 501);

    private final double heuristicFraction;
    private final long heuristicMaxMillis;

    Freshness(double heuristicFraction, Duration heuristicMax) {
        this.heuristicFraction = heuristicFraction;
        this.heuristicMaxMillis = heuristicMax.toMillis();
    }

    /** The freshness lifetime in millis (0 when the response is stale at once). */
    long lifetime(CachedResponse r) {
        CacheControl cc = r.directives();
        long sMaxAge = cc.seconds("s-maxage");
        if (sMaxAge >= 0) {
            return sMaxAge * 1000;
        }
        long maxAge = cc.seconds("max-age");
        if (maxAge >= 0) {
            return maxAge * 1000;
        }
        if (r.headers().contains("Expires")) {
            Optional<Instant> expires = HttpDate.parse(r.headers().get("Expires"));
            if (expires.isEmpty()) {
                return 0; // an invalid Expires means already expired
            }
            return Math.max(0, expires.get().toEpochMilli() - r.dateValue());
        }
        if (HEURISTICALLY_CACHEABLE.contains(r.status()) || cc.has("public")) {
            Optional<Instant> modified = HttpDate.parse(r.headers().get("Last-Modified"));
            if (modified.isPresent()) {
                long since = r.dateValue() - modified.get().toEpochMilli();
                return Math.min(heuristicMaxMillis, Math.max(0, (long) (since * heuristicFraction)));
            }
        }
        return 0;
    }

    /** Whether the lifetime comes from the heuristic rather than the origin's own statement. */
    boolean explicit(CachedResponse r) {
        CacheControl cc = CacheControl.of(r.headers());
        return cc.seconds("s-maxage") >= 0
                || cc.seconds("max-age") >= 0
                || r.headers().contains("Expires");
    }

    /** The current age in millis at {@code now} (RFC 9111 section 4.2.3). */
    static long currentAge(CachedResponse r, long now) {
        long apparentAge = Math.max(0, r.responseTime() - r.dateValue());
        long responseDelay = Math.max(0, r.responseTime() - r.requestTime());
        long ageValue = r.ageValue();
        long correctedAgeValue = ageValue + responseDelay;
        long correctedInitialAge = Math.max(apparentAge, correctedAgeValue);
        long residentTime = Math.max(0, now - r.responseTime());
        return correctedInitialAge + residentTime;
    }
}
