package dev.wirekit.http.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.wirekit.api.Server;
import dev.wirekit.api.Transport;
import dev.wirekit.http.Parameters;
import dev.wirekit.http.server.HttpLimits;
import dev.wirekit.http.server.HttpServer;
import dev.wirekit.http.server.StaticFiles;
import dev.wirekit.http.testing.ServerFixture;
import dev.wirekit.http.testing.TestSite;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ProtocolException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The client against Wirekit's own server, on both transports. */
class HttpClientTest {

    /** A server with the demo routes plus a few for the client's sake. */
    private record Setup(Transport transport, Server server, TestSite site, CountDownLatch release)
            implements AutoCloseable {
        static Setup start(String transportName, HttpLimits limits) throws IOException {
            TestSite site = new TestSite();
            Transport transport = Transport.load(transportName);
            CountDownLatch release = new CountDownLatch(1);
            HttpServer http = ServerFixture.demoRoutes(HttpServer.builder())
                    .get("/loop", (req, res) -> res.redirect(302, "/loop"))
                    .post("/see-other", (req, res) -> res.redirect(303, "/hello/after-post"))
                    .post("/temporary", (req, res) -> res.redirect(307, "/echo"))
                    .get("/slow", (req, res) -> {
                        release.await(20, TimeUnit.SECONDS);
                        res.send("late\n");
                    })
                    .staticFiles("/", StaticFiles.of(site.root()))
                    .limits(limits)
                    .build();
            Server server = http.start(transport, new InetSocketAddress("127.0.0.1", 0));
            return new Setup(transport, server, site, release);
        }

        String url(String path) {
            return "http://127.0.0.1:" + server.localAddress().getPort() + path;
        }

        HttpClient.Builder client() {
            return HttpClient.builder().transport(transport);
        }

        @Override
        public void close() throws IOException {
            release.countDown();
            server.close();
            transport.close();
            site.close();
        }
    }

    @ParameterizedTest
    @MethodSource("dev.wirekit.http.testing.Transports#names")
    void getsAndKeepsOneConnectionAlive(String transport) throws Exception {
        try (Setup s = Setup.start(transport, HttpLimits.defaults());
                HttpClient client = s.client().build()) {
            for (int i = 0; i < 5; i++) {
                try (ClientResponse r = client.get(s.url("/hello.txt"))) {
                    assertEquals(200, r.status());
                    assertEquals("OK", r.reason());
                    assertEquals("13", r.header("content-length"));
                    assertEquals(TestSite.HELLO, r.bodyText());
                }
            }
            try (ClientResponse r = client.get(s.url("/data.bin"))) {
                assertArrayEquals(s.site.data(), r.bodyBytes());
            }
            assertEquals(1, client.openConnections());
            assertEquals(1L, s.server.stats().accepted());
        }
    }

    @ParameterizedTest
    @MethodSource("dev.wirekit.http.testing.Transports#names")
    void sendsBodiesOfEveryKind(String transport) throws Exception {
        try (Setup s = Setup.start(transport, HttpLimits.defaults());
                HttpClient client = s.client().build()) {
            URI echo = URI.create(s.url("/echo"));
            try (ClientResponse r =
                    client.send(ClientRequest.post(echo).body(s.site.data()).build())) {
                assertEquals("length", r.header("X-Framing"));
                assertArrayEquals(s.site.data(), r.bodyBytes());
            }
            InputStream stream = new ByteArrayInputStream(s.site.data());
            try (ClientResponse r =
                    client.send(ClientRequest.post(echo).body(stream, -1).build())) {
                assertEquals("chunked", r.header("X-Framing"));
                assertArrayEquals(s.site.data(), r.bodyBytes());
            }
            Parameters form =
                    Parameters.builder().add("name", "Zoë & co").add("tag", "x").build();
            try (ClientResponse r = client.send(
                    ClientRequest.post(URI.create(s.url("/form"))).form(form).build())) {
                assertEquals("name=[Zoë & co]\ntag=[x]\n", r.bodyText());
            }
            try (ClientResponse r = client.get(s.url("/stream"))) {
                assertEquals("chunked", r.header("Transfer-Encoding"));
                assertEquals("line 1\nline 2\nline 3\nline 4\nline 5\n", r.bodyText());
            }
            try (ClientResponse r = client.send(ClientRequest.builder("HEAD", URI.create(s.url("/data.bin")))
                    .build())) {
                assertEquals("100000", r.header("Content-Length"));
                assertEquals(0, r.bodyBytes().length);
            }
            assertEquals(1L, s.server.stats().accepted(), "every request used the one kept-alive connection");
        }
    }

    @ParameterizedTest
    @MethodSource("dev.wirekit.http.testing.Transports#names")
    void followsALimitedNumberOfRedirects(String transport) throws Exception {
        try (Setup s = Setup.start(transport, HttpLimits.defaults());
                HttpClient client = s.client().maxRedirects(3).build()) {
            try (ClientResponse r = client.get(s.url("/moved"))) {
                assertEquals(200, r.status());
                assertEquals("hello moved\n", r.bodyText());
                assertEquals(URI.create(s.url("/hello/moved")), r.uri());
            }
            try (ClientResponse r = client.get(s.url("/docs"))) {
                assertEquals(403, r.status(), "followed the directory redirect to /docs/");
            }
            try (ClientResponse r = client.get(s.url("/loop"))) {
                assertEquals(302, r.status(), "stops after three hops and returns the redirect");
            }
            try (ClientResponse r = client.send(ClientRequest.post(URI.create(s.url("/see-other")))
                    .body("x", "text/plain")
                    .build())) {
                assertEquals("hello after-post\n", r.bodyText(), "303 turns a POST into a GET");
            }
            try (ClientResponse r = client.send(ClientRequest.post(URI.create(s.url("/temporary")))
                    .body("kept", "text/plain")
                    .build())) {
                assertEquals("kept", r.bodyText(), "307 keeps the method and the body");
            }
        }
        try (Setup s = Setup.start(transport, HttpLimits.defaults());
                HttpClient client = s.client().maxRedirects(0).build();
                ClientResponse r = client.get(s.url("/moved"))) {
            assertEquals(308, r.status());
            assertEquals("/hello/moved", r.header("Location"));
        }
    }

    @ParameterizedTest
    @MethodSource("dev.wirekit.http.testing.Transports#names")
    void aReadTimeoutFailsTheRequest(String transport) throws Exception {
        try (Setup s = Setup.start(transport, HttpLimits.defaults());
                HttpClient client =
                        s.client().readTimeout(Duration.ofMillis(300)).build()) {
            assertThrows(SocketTimeoutException.class, () -> client.get(s.url("/slow")));
            assertEquals(0, client.openConnections(), "a timed-out connection is not kept");
            try (ClientResponse r = client.get(s.url("/hello.txt"))) {
                assertEquals(TestSite.HELLO, r.bodyText());
            }
        }
    }

    @ParameterizedTest
    @MethodSource("dev.wirekit.http.testing.Transports#names")
    void aConnectionTheServerClosedWhileIdleIsReplacedTransparently(String transport) throws Exception {
        HttpLimits shortIdle =
                HttpLimits.builder().idleTimeout(Duration.ofMillis(100)).build();
        try (Setup s = Setup.start(transport, shortIdle);
                HttpClient client = s.client().build()) {
            try (ClientResponse r = client.get(s.url("/hello.txt"))) {
                assertEquals(200, r.status());
                r.bodyBytes();
            }
            dev.wirekit.http.testing.Await.until(
                    "the server closes the idle connection",
                    Duration.ofSeconds(10),
                    () -> s.server.stats().active() == 0);
            try (ClientResponse r = client.get(s.url("/hello.txt"))) {
                assertEquals(TestSite.HELLO, r.bodyText());
            }
            assertEquals(2L, s.server.stats().accepted());
        }
    }

    @Test
    void idleConnectionsAreEvictedByTheClock() throws Exception {
        AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2025-01-01T00:00:00Z"));
        Clock clock = new Clock() {
            @Override
            public java.time.ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now.get();
            }
        };
        try (Setup s = Setup.start("nio", HttpLimits.defaults());
                HttpClient client = s.client()
                        .clock(clock)
                        .idleTimeout(Duration.ofSeconds(30))
                        .build()) {
            client.get(s.url("/hello.txt")).close();
            now.set(now.get().plusSeconds(29));
            client.get(s.url("/hello.txt")).close();
            assertEquals(1L, s.server.stats().accepted(), "29 s idle: still pooled");
            now.set(now.get().plusSeconds(31));
            client.get(s.url("/hello.txt")).close();
            assertEquals(2L, s.server.stats().accepted(), "31 s idle: evicted, a new connection");
            assertEquals(1, client.openConnections());
        }
    }

    @Test
    void thePerOriginLimitMakesRequestsWait() throws Exception {
        try (Setup s = Setup.start("nio", HttpLimits.defaults());
                HttpClient client = s.client().maxConnectionsPerOrigin(1).build()) {
            ClientResponse first = client.get(s.url("/data.bin"));
            CompletableFuture<String> second = CompletableFuture.supplyAsync(() -> {
                try (ClientResponse r = client.get(s.url("/hello.txt"))) {
                    return r.bodyText();
                } catch (IOException e) {
                    throw new RuntimeException(e);
                }
            });
            assertThrows(java.util.concurrent.TimeoutException.class, () -> second.get(300, TimeUnit.MILLISECONDS));
            assertEquals(100_000, first.bodyBytes().length);
            first.close();
            assertEquals(TestSite.HELLO, second.get(10, TimeUnit.SECONDS));
            assertEquals(1L, s.server.stats().accepted());
        }
    }

    @Test
    void aMalformedResponseIsAProtocolException() throws Exception {
        try (ServerSocket bad = new ServerSocket(0, 10, java.net.InetAddress.getLoopbackAddress());
                HttpClient client = HttpClient.builder().build()) {
            Thread peer = Thread.ofPlatform().name("bad-peer").start(() -> {
                for (String reply : new String[] {
                    "HTTP/1.1 200 OK\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\nabcd",
                    "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
                    "SMTP ready\r\n\r\n"
                }) {
                    try (Socket s = bad.accept()) {
                        s.getInputStream().read(new byte[4096]);
                        s.getOutputStream().write(reply.getBytes(StandardCharsets.ISO_8859_1));
                        s.shutdownOutput();
                        s.getInputStream().read(new byte[1]);
                    } catch (IOException e) {
                        // the client resets the connection after a protocol error: expected
                    }
                }
            });
            String url = "http://127.0.0.1:" + bad.getLocalPort() + "/";
            assertThrows(ProtocolException.class, () -> client.get(url));
            try (ClientResponse r = client.get(url)) {
                assertThrows(ProtocolException.class, r::bodyBytes);
            }
            assertThrows(ProtocolException.class, () -> client.get(url));
            peer.join(Duration.ofSeconds(10));
        }
    }
}
