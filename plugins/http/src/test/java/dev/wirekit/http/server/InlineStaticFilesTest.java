package dev.wirekit.http.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wirekit.api.Server;
import dev.wirekit.api.Transport;
import dev.wirekit.api.TransportOptions;
import dev.wirekit.http.testing.RawClient;
import dev.wirekit.http.testing.TestSite;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Cached small static files answered on the NIO event loop, between requests of a kept-alive
 * connection: the answers are those the connection's own thread gives, and everything the fast
 * path does not cover still goes through that thread, in order.
 */
class InlineStaticFilesTest {

    /** The system clock, noting for every response (its Date field) whether a virtual thread asked. */
    private static final class WatchingClock extends Clock {
        final ConcurrentLinkedDeque<String> askedBy = new ConcurrentLinkedDeque<>();

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Instant instant() {
            askedBy.add(Thread.currentThread().isVirtual() ? "connection thread" : "event loop");
            return Instant.now();
        }

        String last() {
            return askedBy.peekLast();
        }
    }

    private record Fixture(Transport transport, Server server, WatchingClock clock) implements AutoCloseable {
        static Fixture start(TestSite site, UnaryOperator<HttpLimits.Builder> limits) throws Exception {
            WatchingClock clock = new WatchingClock();
            HttpServer http = HttpServer.builder()
                    .staticFiles("/", StaticFiles.of(site.root()))
                    .get("/dynamic", (req, res) -> res.send("made by a handler\n"))
                    .limits(limits.apply(HttpLimits.builder()).build())
                    .clock(clock)
                    .build();
            Transport transport = Transport.load("nio");
            Server server = http.start(transport, new InetSocketAddress("127.0.0.1", 0), TransportOptions.defaults());
            return new Fixture(transport, server, clock);
        }

        @Override
        public void close() {
            server.close();
            transport.close();
        }
    }

    private static String get(String path, String... headers) {
        return "GET " + path + " HTTP/1.1\r\nHost: x\r\n" + String.join("", headers) + "\r\n";
    }

    /**
     * Sends {@code request} until the event loop answers it and returns that answer; every answer
     * on the way must pass {@code check}. The connection's thread arms the fast path just after it
     * has written its previous answer, so a request sent at once after reading that answer can
     * still reach the thread: a few tries at most.
     */
    private static String untilOnTheLoop(Fixture f, RawClient c, String request, Predicate<String> check)
            throws Exception {
        for (int i = 0; i < 100; i++) {
            String response = request.startsWith("HEAD ")
                    ? c.send(request).readUntil("\r\n\r\n", 1)
                    : c.send(request).readResponse();
            assertTrue(check.test(response), response);
            if (f.clock.last().equals("event loop")) {
                return response;
            }
        }
        throw new AssertionError("not once answered on the event loop: " + request);
    }

    private static String withoutDate(String response) {
        return response.replaceAll("\r\nDate: [^\r]*", "");
    }

    @Test
    void cachedFilesAreAnsweredOnTheLoopExactlyAsTheConnectionThreadAnswersThem() throws Exception {
        try (TestSite site = new TestSite();
                Fixture f = Fixture.start(site, b -> b);
                RawClient c = new RawClient(f.server.localAddress())) {
            String first = c.send(get("/hello.txt")).readResponse();
            assertEquals("connection thread", f.clock.last(), "a connection's first request");
            assertTrue(first.startsWith("HTTP/1.1 200 "), first);
            assertTrue(first.endsWith("\r\n\r\n" + TestSite.HELLO), first);

            String second = untilOnTheLoop(f, c, get("/hello.txt"), r -> r.endsWith(TestSite.HELLO));
            assertEquals(withoutDate(first), withoutDate(second));

            // Conditional requests are answered inline too.
            String etag = first.replaceAll("(?s).*\r\nETag: ([^\r]*)\r\n.*", "$1");
            untilOnTheLoop(
                    f, c, get("/hello.txt", "If-None-Match: " + etag + "\r\n"), r -> r.startsWith("HTTP/1.1 304 "));

            // HEAD: the same head, no body.
            String firstHead =
                    withoutDate(first).substring(0, withoutDate(first).indexOf("\r\n\r\n") + 4);
            untilOnTheLoop(
                    f,
                    c,
                    "HEAD /hello.txt HTTP/1.1\r\nHost: x\r\n\r\n",
                    r -> withoutDate(r).equals(firstHead));

            // Not covered by the fast path: a range, a handler route, a file not cached yet, a miss.
            String range = c.send(get("/hello.txt", "Range: bytes=0-4\r\n")).readResponse();
            assertEquals("connection thread", f.clock.last());
            assertTrue(range.startsWith("HTTP/1.1 206 ") && range.endsWith("hello"), range);
            assertTrue(c.send(get("/dynamic")).readResponse().endsWith("made by a handler\n"));
            assertEquals("connection thread", f.clock.last());
            assertTrue(c.send(get("/index.html")).readResponse().endsWith(TestSite.INDEX));
            assertEquals("connection thread", f.clock.last());
            assertTrue(c.send(get("/missing.txt")).readResponse().startsWith("HTTP/1.1 404 "));
            assertEquals("connection thread", f.clock.last());

            // Back on the loop once the connection's thread has answered and waits again.
            untilOnTheLoop(f, c, get("/index.html"), r -> r.endsWith(TestSite.INDEX));
        }
    }

    @Test
    void aChangedFileIsNeverServedStaleNorReadOnTheLoop() throws Exception {
        try (TestSite site = new TestSite();
                Fixture f = Fixture.start(site, b -> b);
                RawClient c = new RawClient(f.server.localAddress())) {
            Path note = site.write("note.txt", "version 1\n".getBytes());
            assertTrue(c.send(get("/note.txt")).readResponse().endsWith("version 1\n"));
            untilOnTheLoop(f, c, get("/note.txt"), r -> r.endsWith("version 1\n"));

            // Changed: the loop sees it with its one stat and leaves the reading to the thread.
            Files.writeString(note, "version 2, longer\n");
            assertTrue(c.send(get("/note.txt")).readResponse().endsWith("version 2, longer\n"));
            assertEquals("connection thread", f.clock.last());
            untilOnTheLoop(f, c, get("/note.txt"), r -> r.endsWith("version 2, longer\n"));

            // Replaced by a file too big to keep in memory: sent from the file, by the thread.
            byte[] big = new byte[200_000];
            java.util.Arrays.fill(big, (byte) 'x');
            Files.write(note, big);
            String response = c.send(get("/note.txt")).readResponse();
            assertEquals("connection thread", f.clock.last());
            assertTrue(
                    response.contains("\r\nContent-Length: 200000\r\n") && response.endsWith("xxxx"),
                    response.substring(0, 200));
            assertTrue(c.send(get("/note.txt")).readResponse().contains("\r\nContent-Length: 200000\r\n"));
            assertEquals("connection thread", f.clock.last(), "never cached in memory: never on the loop");

            Files.delete(note);
            assertTrue(c.send(get("/note.txt")).readResponse().startsWith("HTTP/1.1 404 "));
        }
    }

    @Test
    void aBadHostFieldIsAnsweredByTheConnectionThread() throws Exception {
        try (TestSite site = new TestSite();
                Fixture f = Fixture.start(site, b -> b);
                RawClient c = new RawClient(f.server.localAddress())) {
            c.send(get("/hello.txt")).readResponse();
            untilOnTheLoop(f, c, get("/hello.txt"), r -> r.endsWith(TestSite.HELLO));
            String bad = c.send("GET /hello.txt HTTP/1.1\r\nHost: x\r\nHost: y\r\n\r\n")
                    .readAll();
            assertTrue(bad.startsWith("HTTP/1.1 400 "), bad);
            assertEquals("connection thread", f.clock.last());
        }
    }

    @Test
    void pipelinedRequestsAndClosingRequestsGoThroughTheConnectionThreadInOrder() throws Exception {
        try (TestSite site = new TestSite();
                Fixture f = Fixture.start(site, b -> b);
                RawClient c = new RawClient(f.server.localAddress())) {
            c.send(get("/hello.txt")).readResponse();
            c.send(get("/hello.txt") + get("/index.html") + get("/hello.txt"));
            assertTrue(c.readResponse().endsWith(TestSite.HELLO));
            assertTrue(c.readResponse().endsWith(TestSite.INDEX));
            assertTrue(c.readResponse().endsWith(TestSite.HELLO));

            String last = c.send(get("/hello.txt", "Connection: close\r\n")).readAll();
            assertTrue(last.contains("\r\nConnection: close\r\n") && last.endsWith(TestSite.HELLO), last);
            assertEquals("connection thread", f.clock.last());
        }
    }

    @Test
    void theRequestLimitPerConnectionHolds() throws Exception {
        int limit = 120;
        try (TestSite site = new TestSite();
                Fixture f = Fixture.start(site, b -> b.maxRequestsPerConnection(limit));
                RawClient c = new RawClient(f.server.localAddress())) {
            assertFalse(c.send(get("/hello.txt")).readResponse().contains("Connection: close"));
            int sent = 1;
            boolean inline = false;
            for (; sent < limit - 1; sent++) {
                String r = c.send(get("/hello.txt")).readResponse();
                assertFalse(r.contains("Connection: close"), "request " + sent + ": " + r);
                inline |= f.clock.last().equals("event loop");
            }
            assertTrue(inline, "some were answered on the loop");
            String last = c.send(get("/hello.txt")).readAll();
            assertTrue(last.contains("\r\nConnection: close\r\n") && last.endsWith(TestSite.HELLO), last);
        }
    }
}
