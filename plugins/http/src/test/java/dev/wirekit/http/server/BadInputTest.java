package dev.wirekit.http.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wirekit.http.testing.RawClient;
import dev.wirekit.http.testing.ServerFixture;
import dev.wirekit.http.testing.TestSite;
import dev.wirekit.http.testing.Transports;
import dev.wirekit.testkit.doubles.LogCapture;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Smuggling vectors, malformed and oversized heads, slow and vanishing clients: each gets its
 * status (or a close), exactly one log line, and every other client carries on being served.
 */
class BadInputTest {
    private static final String H = "Host: x\r\n";

    record Bad(String name, String request, int status) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<Bad> malformed() {
        return List.of(
                new Bad(
                        "CL.TE",
                        "POST /echo HTTP/1.1\r\n" + H
                                + "Content-Length: 6\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\nG",
                        400),
                new Bad(
                        "TE.CL",
                        "POST /echo HTTP/1.1\r\n" + H
                                + "Transfer-Encoding: chunked\r\nContent-Length: 3\r\n\r\n8\r\nSMUGGLED\r\n0\r\n\r\n",
                        400),
                new Bad(
                        "duplicate Content-Length",
                        "POST /echo HTTP/1.1\r\n" + H + "Content-Length: 5\r\nContent-Length: 5\r\n\r\nabcde",
                        400),
                new Bad(
                        "Content-Length list",
                        "POST /echo HTTP/1.1\r\n" + H + "Content-Length: 5, 5\r\n\r\nabcde",
                        400),
                new Bad(
                        "signed Content-Length",
                        "POST /echo HTTP/1.1\r\n" + H + "Content-Length: +5\r\n\r\nabcde",
                        400),
                new Bad("negative Content-Length", "POST /echo HTTP/1.1\r\n" + H + "Content-Length: -1\r\n\r\n", 400),
                new Bad(
                        "obfuscated Transfer-Encoding",
                        "POST /echo HTTP/1.1\r\n" + H + "Transfer-Encoding: xchunked\r\n\r\n0\r\n\r\n",
                        400),
                new Bad(
                        "whitespace before colon",
                        "POST /echo HTTP/1.1\r\n" + H + "Transfer-Encoding : chunked\r\n\r\n0\r\n\r\n",
                        400),
                new Bad(
                        "chunked not last",
                        "POST /echo HTTP/1.1\r\n" + H + "Transfer-Encoding: chunked, identity\r\n\r\n0\r\n\r\n",
                        400),
                new Bad(
                        "unsupported transfer coding",
                        "POST /echo HTTP/1.1\r\n" + H + "Transfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n",
                        501),
                new Bad(
                        "Transfer-Encoding in HTTP/1.0",
                        "POST /echo HTTP/1.0\r\n" + "Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
                        400),
                new Bad("obs-fold", "GET /hello.txt HTTP/1.1\r\n" + H + "X-A: a\r\n b\r\n\r\n", 400),
                new Bad("bare CR", "GET /hello.txt HTTP/1.1\r\n" + H + "X-A: a\rb\r\n\r\n", 400),
                new Bad("bare LF", "GET /hello.txt HTTP/1.1\n" + H + "\n", 400),
                new Bad("NUL in a header", "GET /hello.txt HTTP/1.1\r\n" + H + "X-A: a\0b\r\n\r\n", 400),
                new Bad("double space", "GET  /hello.txt HTTP/1.1\r\n" + H + "\r\n", 400),
                new Bad("space in target", "GET /a b HTTP/1.1\r\n" + H + "\r\n", 400),
                new Bad("no version", "GET /hello.txt\r\n" + H + "\r\n", 400),
                new Bad("lower-case version", "GET /hello.txt http/1.1\r\n" + H + "\r\n", 400),
                new Bad("trailing space", "GET /hello.txt HTTP/1.1 \r\n" + H + "\r\n", 400),
                new Bad("non-ASCII method", "G\u00C9T /hello.txt HTTP/1.1\r\n" + H + "\r\n", 400),
                new Bad("HTTP/2.0", "GET /hello.txt HTTP/2.0\r\n" + H + "\r\n", 505),
                new Bad("no Host", "GET /hello.txt HTTP/1.1\r\n\r\n", 400),
                new Bad("two Hosts", "GET /hello.txt HTTP/1.1\r\n" + H + H + "\r\n", 400),
                new Bad("invalid Host", "GET /hello.txt HTTP/1.1\r\nHost: a b\r\n\r\n", 400),
                new Bad("user info in target", "GET http://u@x/hello.txt HTTP/1.1\r\n" + H + "\r\n", 400),
                new Bad("long URI", "GET /" + "a".repeat(9000) + " HTTP/1.1\r\n" + H + "\r\n", 414),
                new Bad("too many headers", "GET /hello.txt HTTP/1.1\r\n" + H + "X-A: 1\r\n".repeat(101) + "\r\n", 431),
                new Bad(
                        "headers too large",
                        "GET /hello.txt HTTP/1.1\r\n" + H + ("X-A: " + "b".repeat(1000) + "\r\n").repeat(40) + "\r\n",
                        431),
                new Bad(
                        "bad chunk size",
                        "POST /echo HTTP/1.1\r\n" + H + "Transfer-Encoding: chunked\r\n\r\nzz\r\nabc\r\n0\r\n\r\n",
                        400),
                new Bad(
                        "chunk data without CRLF",
                        "POST /echo HTTP/1.1\r\n" + H + "Transfer-Encoding: chunked\r\n\r\n3\r\nabcX\r\n0\r\n\r\n",
                        400),
                new Bad("body too large", "POST /echo HTTP/1.1\r\n" + H + "Content-Length: 999999999999\r\n\r\n", 413),
                new Bad(
                        "chunked body too large",
                        "POST /echo HTTP/1.1\r\n" + H + "Transfer-Encoding: chunked\r\n\r\n"
                                + ("400\r\n" + "z".repeat(1024) + "\r\n").repeat(2) + "0\r\n\r\n",
                        413),
                new Bad(
                        "unknown expectation",
                        "POST /echo HTTP/1.1\r\n" + H + "Content-Length: 1\r\nExpect: teapot\r\n\r\nx",
                        417));
    }

    static Stream<Arguments> cases() {
        return Transports.names().flatMap(t -> malformed().stream().map(b -> Arguments.of(t, b)));
    }

    private static HttpLimits smallBody() {
        return HttpLimits.builder().maxBodyBytes(1500).build();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("cases")
    void isRefusedWithItsStatusOneLogLineAndAClose(String transport, Bad bad) throws Exception {
        try (TestSite site = new TestSite();
                ServerFixture f = ServerFixture.start(transport, site, smallBody(), b -> {});
                LogCapture log = new LogCapture("dev.wirekit.http");
                RawClient c = new RawClient(f.address())) {
            String response = c.send(bad.request).readAll();
            assertTrue(
                    response.startsWith("HTTP/1.1 " + bad.status + " "),
                    bad.name + ": expected " + bad.status + ", got " + firstLine(response));
            assertTrue(response.contains("\r\nConnection: close\r\n"), response);
            assertFalse(response.contains("SMUGGLED"), response);
            assertOneLogLine(log, c.localPort(), bad.status);
            assertStillServing(f);
        }
    }

    @ParameterizedTest
    @MethodSource("dev.wirekit.http.testing.Transports#names")
    void aMalformedQueryIsA400ThatKeepsTheConnection(String transport) throws Exception {
        try (TestSite site = new TestSite();
                ServerFixture f = ServerFixture.start(transport, site);
                RawClient c = new RawClient(f.address())) {
            String first = c.send("GET /query?a=%zz HTTP/1.1\r\n" + H + "\r\n").readResponse();
            assertTrue(first.startsWith("HTTP/1.1 400 "), first);
            String second = c.send("GET /hello/again HTTP/1.1\r\n" + H + "\r\n").readResponse();
            assertTrue(second.endsWith("hello again\n"), second);
        }
    }

    @ParameterizedTest
    @MethodSource("dev.wirekit.http.testing.Transports#names")
    void anEndlessHeaderIsCutOffAt431(String transport) throws Exception {
        try (TestSite site = new TestSite();
                ServerFixture f = ServerFixture.start(transport, site);
                LogCapture log = new LogCapture("dev.wirekit.http");
                Socket socket = new Socket(f.address().getAddress(), f.address().getPort())) {
            socket.setSoTimeout(10_000);
            AtomicLong sent = new AtomicLong();
            CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
                try {
                    OutputStream out = socket.getOutputStream();
                    out.write("GET /hello.txt HTTP/1.1\r\nHost: x\r\nX-Endless: ".getBytes());
                    byte[] chunk = "y".repeat(1024).getBytes();
                    while (sent.get() < 50_000_000) {
                        out.write(chunk);
                        sent.addAndGet(chunk.length);
                    }
                } catch (IOException e) {
                    // the server closed: what we expect
                }
            });
            String response = new String(socket.getInputStream().readAllBytes());
            assertTrue(response.startsWith("HTTP/1.1 431 "), firstLine(response));
            writer.get(20, TimeUnit.SECONDS);
            assertTrue(sent.get() < 20_000_000, "the server kept reading an endless header: " + sent.get());
            assertOneLogLine(log, socket.getLocalPort(), 431);
            assertStillServing(f);
        }
    }

    @ParameterizedTest
    @MethodSource("dev.wirekit.http.testing.Transports#names")
    void slowlorisGets408WhileOtherClientsAreServed(String transport) throws Exception {
        HttpLimits limits = HttpLimits.builder()
                .headerTimeout(Duration.ofMillis(1500))
                .readTimeout(Duration.ofSeconds(5))
                .build();
        ScheduledExecutorService drip = Executors.newSingleThreadScheduledExecutor();
        try (TestSite site = new TestSite();
                ServerFixture f = ServerFixture.start(transport, site, limits, b -> {});
                LogCapture log = new LogCapture("dev.wirekit.http");
                RawClient slow = new RawClient(f.address())) {
            byte[] request =
                    ("GET /hello.txt HTTP/1.1\r\nHost: x\r\n" + "X-Slow: 1\r\n".repeat(100) + "\r\n").getBytes();
            AtomicLong at = new AtomicLong();
            drip.scheduleAtFixedRate(
                    () -> {
                        int i = (int) at.getAndIncrement();
                        if (i < request.length) {
                            try {
                                slow.send(new byte[] {request[i]});
                            } catch (IOException e) {
                                throw new RuntimeException(e); // stops the drip
                            }
                        }
                    },
                    0,
                    250,
                    TimeUnit.MILLISECONDS);
            for (int i = 0; i < 3; i++) {
                assertStillServing(f); // served while the slow client holds its connection
            }
            String response = slow.readAll();
            assertTrue(response.startsWith("HTTP/1.1 408 "), firstLine(response));
            assertTrue(at.get() < request.length, "the whole request was sent before the timeout");
            assertOneLogLine(log, slow.localPort(), 408);
        } finally {
            drip.shutdownNow();
        }
    }

    @ParameterizedTest
    @MethodSource("dev.wirekit.http.testing.Transports#names")
    void aStalledBodyGets408(String transport) throws Exception {
        HttpLimits limits =
                HttpLimits.builder().readTimeout(Duration.ofMillis(700)).build();
        try (TestSite site = new TestSite();
                ServerFixture f = ServerFixture.start(transport, site, limits, b -> {});
                LogCapture log = new LogCapture("dev.wirekit.http");
                RawClient c = new RawClient(f.address())) {
            String response = c.send("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n0123456789")
                    .readAll();
            assertTrue(response.startsWith("HTTP/1.1 408 "), firstLine(response));
            assertOneLogLine(log, c.localPort(), 408);
            assertStillServing(f);
        }
    }

    @ParameterizedTest
    @MethodSource("dev.wirekit.http.testing.Transports#names")
    void anIdleConnectionIsClosedQuietly(String transport) throws Exception {
        HttpLimits limits =
                HttpLimits.builder().headerTimeout(Duration.ofMillis(500)).build();
        try (TestSite site = new TestSite();
                ServerFixture f = ServerFixture.start(transport, site, limits, b -> {});
                LogCapture log = new LogCapture("dev.wirekit.http");
                RawClient c = new RawClient(f.address())) {
            assertEquals("", c.readAll());
            assertEquals(List.of(), log.linesContaining(":" + c.localPort()));
        }
    }

    @ParameterizedTest
    @MethodSource("dev.wirekit.http.testing.Transports#names")
    void anAbruptCloseMidBodyIsOneLogLine(String transport) throws Exception {
        try (TestSite site = new TestSite();
                ServerFixture f = ServerFixture.start(transport, site);
                LogCapture log = new LogCapture("dev.wirekit.http")) {
            int port;
            try (RawClient c = new RawClient(f.address())) {
                port = c.localPort();
                c.send("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\n0123456789");
                c.reset();
            }
            dev.wirekit.http.testing.Await.until(
                    "the abandoned request is logged",
                    Duration.ofSeconds(10),
                    () -> !log.linesContaining(":" + port).isEmpty());
            assertStillServing(f);
            List<String> lines = log.linesContaining(":" + port);
            assertEquals(1, lines.size(), lines.toString());
            assertTrue(lines.get(0).contains("abandoned"), lines.get(0));
        }
    }

    private static void assertOneLogLine(LogCapture log, int clientPort, int status) {
        List<String> lines = log.linesContaining(":" + clientPort);
        assertEquals(1, lines.size(), "expected one log line for the client, got " + lines);
        assertTrue(lines.get(0).contains(" " + status + " "), lines.get(0));
    }

    static void assertStillServing(ServerFixture f) throws IOException {
        try (RawClient c = new RawClient(f.address())) {
            String response = c.send("GET /hello.txt HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
                    .readAll();
            assertTrue(response.startsWith("HTTP/1.1 200 ") && response.endsWith(TestSite.HELLO), response);
        }
    }

    private static String firstLine(String response) {
        int end = response.indexOf("\r\n");
        return end < 0 ? "(no response: '" + response + "')" : response.substring(0, end);
    }
}
