package dev.wirekit.proxy.internal.cache;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wirekit.http.Headers;
import dev.wirekit.http.HttpDate;
import dev.wirekit.proxy.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** RFC 9111 decisions with an injected clock: nothing sleeps. */
class HttpCacheTest {
    private static final Instant T0 = Instant.parse("2025-06-01T12:00:00Z");
    private static final String KEY = "http://origin/a";

    private final MutableClock clock = new MutableClock(T0);
    private final HttpCache cache = new HttpCache(new MemoryStore(1 << 20), clock, 1 << 16, 0.1, Duration.ofDays(1));

    private Headers response(String... fields) {
        Headers h = Headers.of(fields);
        h.setIfAbsent("Date", HttpDate.format(clock.instant()));
        return h;
    }

    private HttpCache.State state(Headers request) {
        return cache.lookup(KEY, request).state();
    }

    private void store(Headers request, Headers response) {
        long now = clock.millis();
        cache.store(KEY, request, 200, "OK", response, "body".getBytes(), now, now);
    }

    @Test
    void maxAgeMakesAResponseFreshForThatLong() {
        store(new Headers(), response("Cache-Control", "max-age=60"));
        assertEquals(HttpCache.State.FRESH, state(new Headers()));
        clock.advance(Duration.ofSeconds(59));
        assertEquals(HttpCache.State.FRESH, state(new Headers()));
        assertEquals(59, cache.ageSeconds(cache.lookup(KEY, new Headers()).entry()));
        clock.advance(Duration.ofSeconds(2));
        assertEquals(HttpCache.State.STALE, state(new Headers()));
    }

    @Test
    void sMaxAgeWinsOverMaxAgeAndExpiresCountsFromDate() {
        store(new Headers(), response("Cache-Control", "max-age=10, s-maxage=100"));
        clock.advance(Duration.ofSeconds(50));
        assertEquals(HttpCache.State.FRESH, state(new Headers()));

        cache.invalidate(KEY);
        store(
                new Headers(),
                response(
                        "Date", HttpDate.format(T0.minusSeconds(100)),
                        "Expires", HttpDate.format(T0.minusSeconds(100).plusSeconds(200))));
        // the Date says the response is already 150 s old (the clock moved 50 s): 50 s are left
        assertEquals(HttpCache.State.FRESH, state(new Headers()));
        clock.advance(Duration.ofSeconds(51));
        assertEquals(HttpCache.State.STALE, state(new Headers()));

        cache.invalidate(KEY);
        store(new Headers(), response("Expires", "not a date"));
        assertEquals(HttpCache.State.STALE, state(new Headers()), "an invalid Expires is in the past");
    }

    @Test
    void theAgeFieldAndTransitDelayCountAgainstFreshness() {
        long now = clock.millis();
        Headers h = response("Cache-Control", "max-age=60", "Age", "50");
        cache.store(KEY, new Headers(), 200, "OK", h, new byte[0], now - 5000, now);
        CachedResponse e = cache.lookup(KEY, new Headers()).entry();
        assertEquals(55, cache.ageSeconds(e), "Age 50 plus 5 s between request and response");
        clock.advance(Duration.ofSeconds(6));
        assertEquals(HttpCache.State.STALE, state(new Headers()));
    }

    @Test
    void heuristicFreshnessIsATenthOfTheTimeSinceLastModified() {
        store(new Headers(), response("Last-Modified", HttpDate.format(T0.minus(Duration.ofHours(10)))));
        clock.advance(Duration.ofMinutes(59));
        assertEquals(HttpCache.State.FRESH, state(new Headers()));
        clock.advance(Duration.ofMinutes(2));
        assertEquals(HttpCache.State.STALE, state(new Headers()));
    }

    @Test
    void requestDirectivesTightenOrLoosenFreshness() {
        store(new Headers(), response("Cache-Control", "max-age=60"));
        clock.advance(Duration.ofSeconds(30));
        assertEquals(HttpCache.State.STALE, state(Headers.of("Cache-Control", "max-age=10")));
        assertEquals(HttpCache.State.STALE, state(Headers.of("Cache-Control", "min-fresh=40")));
        assertEquals(HttpCache.State.STALE, state(Headers.of("Cache-Control", "no-cache")));
        assertEquals(HttpCache.State.STALE, state(Headers.of("Pragma", "no-cache")));
        clock.advance(Duration.ofSeconds(40));
        assertEquals(HttpCache.State.FRESH, state(Headers.of("Cache-Control", "max-stale=20")));
        assertEquals(HttpCache.State.STALE, state(Headers.of("Cache-Control", "max-stale=5")));
        assertEquals(HttpCache.State.FRESH, state(Headers.of("Cache-Control", "max-stale")));
    }

    @Test
    void noCacheAndMustRevalidateNeverServeWithoutTheOrigin() {
        store(new Headers(), response("Cache-Control", "no-cache", "ETag", "\"v1\""));
        assertEquals(HttpCache.State.STALE, state(new Headers()));
        CachedResponse e = cache.lookup(KEY, new Headers()).entry();
        assertFalse(cache.mayServeStaleWhenDisconnected(e));

        cache.invalidate(KEY);
        store(new Headers(), response("Cache-Control", "max-age=1, must-revalidate"));
        clock.advance(Duration.ofSeconds(5));
        assertEquals(HttpCache.State.STALE, state(Headers.of("Cache-Control", "max-stale")));
        assertFalse(cache.mayServeStaleWhenDisconnected(
                cache.lookup(KEY, new Headers()).entry()));

        cache.invalidate(KEY);
        store(new Headers(), response("Cache-Control", "max-age=1"));
        clock.advance(Duration.ofSeconds(5));
        assertTrue(cache.mayServeStaleWhenDisconnected(
                cache.lookup(KEY, new Headers()).entry()));
    }

    @Test
    void whatMayBeStored() {
        Headers none = new Headers();
        assertTrue(cache.storable("GET", none, 200, response("Cache-Control", "max-age=5"), 10));
        assertTrue(cache.storable("GET", none, 200, response("ETag", "\"x\""), -1), "heuristic with a validator");
        assertFalse(cache.storable("GET", none, 200, response(), -1), "nothing to serve it by");
        assertFalse(cache.storable("GET", none, 201, response("ETag", "\"x\""), 10), "201 needs an explicit lifetime");
        assertTrue(cache.storable("GET", none, 201, response("Cache-Control", "max-age=5"), 10));
        assertFalse(cache.storable("POST", none, 200, response("Cache-Control", "max-age=5"), 10));
        assertFalse(cache.storable("GET", none, 206, response("Cache-Control", "max-age=5"), 10));
        assertFalse(cache.storable("GET", none, 200, response("Cache-Control", "no-store, max-age=5"), 10));
        assertFalse(cache.storable(
                "GET", Headers.of("Cache-Control", "no-store"), 200, response("Cache-Control", "max-age=5"), 10));
        assertFalse(cache.storable("GET", none, 200, response("Cache-Control", "private, max-age=5"), 10));
        assertFalse(cache.storable("GET", none, 200, response("Cache-Control", "max-age=5", "Vary", "*"), 10));
        assertFalse(cache.storable("GET", none, 200, response("Cache-Control", "max-age=5", "Set-Cookie", "a=b"), 10));
        Headers auth = Headers.of("Authorization", "Basic eA==");
        assertFalse(cache.storable("GET", auth, 200, response("Cache-Control", "max-age=5"), 10));
        assertTrue(cache.storable("GET", auth, 200, response("Cache-Control", "s-maxage=5"), 10));
        assertFalse(cache.storable("GET", none, 200, response("Cache-Control", "max-age=5"), 1 << 20), "too big");
    }

    @Test
    void varySelectsTheVariantByTheRequestFields() {
        long now = clock.millis();
        Headers vary = response("Cache-Control", "max-age=60", "Vary", "Accept-Language");
        cache.store(KEY, Headers.of("Accept-Language", "en"), 200, "OK", vary, "hello".getBytes(), now, now);
        cache.store(KEY, Headers.of("Accept-Language", "fr"), 200, "OK", vary, "bonjour".getBytes(), now, now);
        assertArrayEquals(
                "hello".getBytes(),
                cache.lookup(KEY, Headers.of("Accept-Language", "en")).entry().body());
        assertArrayEquals(
                "bonjour".getBytes(),
                cache.lookup(KEY, Headers.of("Accept-Language", "fr")).entry().body());
        assertEquals(HttpCache.State.MISS, state(Headers.of("Accept-Language", "de")));
        assertEquals(HttpCache.State.MISS, state(new Headers()));
    }

    @Test
    void aNotModifiedRefreshesTheStoredResponse() {
        store(new Headers(), response("Cache-Control", "max-age=10", "ETag", "\"v1\"", "X-Version", "1"));
        clock.advance(Duration.ofSeconds(20));
        CachedResponse stale = cache.lookup(KEY, new Headers()).entry();
        long now = clock.millis();
        CachedResponse fresh = cache.refresh(
                stale, response("Cache-Control", "max-age=30", "X-Version", "2", "Content-Length", "999"), now, now);
        assertEquals("2", fresh.headers().get("X-Version"));
        assertEquals("max-age=30", fresh.headers().get("Cache-Control"));
        assertEquals(null, fresh.headers().get("Content-Length"), "a 304 does not change Content-Length");
        assertArrayEquals("body".getBytes(), fresh.body());
        assertEquals(HttpCache.State.FRESH, state(new Headers()));
        assertEquals(1, cache.validations());
    }

    @Test
    void keysAreNormalised() {
        assertEquals("http://example.com/a?b=c", HttpCache.key(java.net.URI.create("HTTP://Example.COM:80/a?b=c")));
        assertEquals("http://example.com:8080/", HttpCache.key(java.net.URI.create("http://example.com:8080")));
    }
}
