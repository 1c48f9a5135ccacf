package dev.wirekit.http.internal.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wirekit.http.Headers;
import dev.wirekit.http.HttpDate;
import dev.wirekit.http.server.Handler;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Ranges, preconditions and routing, without sockets. */
class StaticLogicTest {
    private static ByteRanges.Range r(long a, long b) {
        return new ByteRanges.Range(a, b);
    }

    @Test
    void rangesAreResolvedClippedAndMerged() {
        assertEquals(List.of(r(0, 4)), ByteRanges.parse("bytes=0-4", 13));
        assertEquals(List.of(r(7, 12)), ByteRanges.parse("bytes=7-", 13));
        assertEquals(List.of(r(7, 12)), ByteRanges.parse("bytes=7-100", 13));
        assertEquals(List.of(r(10, 12)), ByteRanges.parse("bytes=-3", 13));
        assertEquals(List.of(r(0, 12)), ByteRanges.parse("bytes=-30", 13));
        assertEquals(List.of(r(0, 6)), ByteRanges.parse("BYTES=0-3, 2-6", 13));
        assertEquals(List.of(r(0, 1), r(5, 6)), ByteRanges.parse("bytes=5-6,0-1", 13));
        assertEquals(List.of(r(0, 3)), ByteRanges.parse("bytes=0-1,2-3", 13));
        assertEquals(List.of(), ByteRanges.parse("bytes=13-20", 13));
        assertEquals(List.of(), ByteRanges.parse("bytes=-0", 13));
        assertEquals(List.of(), ByteRanges.parse("bytes=0-1", 0));
    }

    @Test
    void malformedRangesAreIgnored() {
        for (String bad : List.of(
                "items=0-1",
                "bytes=",
                "bytes=a-b",
                "bytes=5-1",
                "bytes=0-1-2",
                "bytes=+1-2",
                "bytes=" + "0-0,".repeat(17))) {
            assertNull(ByteRanges.parse(bad, 13), bad);
        }
    }

    @Test
    void preconditionsFollowTheOrderOfRfc9110() {
        Instant modified = Instant.parse("2025-01-01T00:00:00Z");
        String etag = "\"abc\"";
        String date = HttpDate.format(modified);
        String earlier = HttpDate.format(modified.minusSeconds(60));
        assertEquals(Preconditions.Result.NOT_MODIFIED, eval("GET", etag, modified, "If-None-Match", "W/\"abc\""));
        assertEquals(Preconditions.Result.NOT_MODIFIED, eval("GET", etag, modified, "If-None-Match", "\"x\", \"abc\""));
        assertEquals(Preconditions.Result.FAILED, eval("PUT", etag, modified, "If-None-Match", "*"));
        assertEquals(Preconditions.Result.NOT_MODIFIED, eval("HEAD", etag, modified, "If-Modified-Since", date));
        assertEquals(Preconditions.Result.PROCEED, eval("GET", etag, modified, "If-Modified-Since", earlier));
        assertEquals(Preconditions.Result.PROCEED, eval("GET", etag, modified, "If-Modified-Since", "garbage"));
        assertEquals(Preconditions.Result.FAILED, eval("GET", etag, modified, "If-Match", "W/\"abc\""));
        assertEquals(Preconditions.Result.PROCEED, eval("GET", etag, modified, "If-Match", "\"abc\""));
        assertEquals(Preconditions.Result.FAILED, eval("GET", etag, modified, "If-Unmodified-Since", earlier));
        Headers both = Headers.of("If-None-Match", "\"other\"", "If-Modified-Since", date);
        assertEquals(
                Preconditions.Result.PROCEED,
                Preconditions.evaluate("GET", both, etag, modified),
                "If-None-Match wins over If-Modified-Since");
        assertTrue(Preconditions.rangeApplies(Headers.of("If-Range", etag), etag, modified));
        assertFalse(Preconditions.rangeApplies(Headers.of("If-Range", "W/\"abc\""), etag, modified));
        assertTrue(Preconditions.rangeApplies(Headers.of("If-Range", date), etag, modified));
        assertFalse(Preconditions.rangeApplies(Headers.of("If-Range", earlier), etag, modified));
        assertEquals(List.of("\"a,b\"", "W/\"c\""), Preconditions.tags(" \"a,b\" ,W/\"c\", junk"));
    }

    private static Preconditions.Result eval(String method, String etag, Instant modified, String name, String v) {
        return Preconditions.evaluate(method, Headers.of(name, v), etag, modified);
    }

    @Test
    void routesPreferExactPatternsAndReport405() {
        Handler a = (req, res) -> {};
        Handler b = (req, res) -> {};
        Handler files = (req, res) -> {};
        Router router = new Router();
        router.add("*", "/*", files);
        router.add("GET", "/users/{id}", a);
        router.add("POST", "/users/{id}/posts/{post}", b);
        router.freeze();
        Router.Found user = assertInstanceOf(Router.Found.class, router.find("GET", List.of("users", "7")));
        assertEquals(Map.of("id", "7"), user.params());
        assertEquals(
                a,
                assertInstanceOf(Router.Found.class, router.find("HEAD", List.of("users", "7")))
                        .handler());
        assertEquals(
                Map.of("id", "1", "post", "2"),
                assertInstanceOf(Router.Found.class, router.find("POST", List.of("users", "1", "posts", "2")))
                        .params());
        Router.WrongMethod wrong =
                assertInstanceOf(Router.WrongMethod.class, router.find("DELETE", List.of("users", "7")));
        assertEquals(Set.of("GET", "HEAD", "OPTIONS"), wrong.allowed());
        Router.Found rest = assertInstanceOf(Router.Found.class, router.find("GET", List.of("a", "b")));
        assertEquals(files, rest.handler());
        assertEquals("a/b", rest.params().get("*"));
        assertThrows(IllegalStateException.class, () -> router.add("GET", "/x", a));
        assertThrows(IllegalArgumentException.class, () -> RoutePattern.parse("/a/*/b"));
        assertThrows(IllegalArgumentException.class, () -> RoutePattern.parse("/{x}/{x}"));
        assertThrows(IllegalArgumentException.class, () -> RoutePattern.parse("no-slash"));
    }
}
