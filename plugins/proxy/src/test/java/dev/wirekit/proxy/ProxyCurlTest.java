package dev.wirekit.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wirekit.api.Server;
import dev.wirekit.api.Transport;
import dev.wirekit.api.TransportOptions;
import dev.wirekit.http.testing.Curl;
import dev.wirekit.proxy.testing.MutableClock;
import dev.wirekit.proxy.testing.OpenSslServer;
import dev.wirekit.proxy.testing.Origin;
import dev.wirekit.testkit.doubles.LogCapture;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** curl through the proxy ({@code -x}) to a local origin, on both transports. */
class ProxyCurlTest {
    private static final Instant T0 = Instant.parse("2025-06-01T12:00:00Z");

    @BeforeAll
    static void curl() {
        Curl.assumeInstalled();
    }

    static List<String> transports() {
        return List.of("nio", "blocking");
    }

    /** An origin and a proxy in front of it that may reach loopback, on one transport. */
    private static final class Setup implements AutoCloseable {
        final Transport transport;
        final MutableClock clock = new MutableClock(T0);
        final Origin origin;
        final ForwardProxy proxy;
        final Server server;

        Setup(String transportName, Consumer<ForwardProxy.Builder> custom) throws Exception {
            transport = Transport.load(transportName);
            origin = new Origin(transport, clock);
            ForwardProxy.Builder b = ForwardProxy.builder()
                    .allowDestinations(List.of("127.0.0.1"))
                    .clock(clock)
                    .upstreamReadTimeout(Duration.ofSeconds(2));
            custom.accept(b);
            proxy = b.build();
            server = proxy.start(transport, new InetSocketAddress("127.0.0.1", 0), TransportOptions.defaults());
        }

        String proxyUrl() {
            return "http://127.0.0.1:" + server.localAddress().getPort();
        }

        Curl.Result get(String path, String... extra) throws Exception {
            List<String> args = new java.util.ArrayList<>(List.of("-v", "-x", proxyUrl()));
            args.addAll(List.of(extra));
            args.add(origin.url(path));
            return Curl.run(args.toArray(String[]::new));
        }

        @Override
        public void close() {
            try {
                server.close();
                origin.close();
            } finally {
                transport.close();
            }
        }
    }

    private static String header(Curl.Result r, String name) {
        Matcher m = Pattern.compile("(?im)^< " + Pattern.quote(name) + ": (.*?)\\r?$")
                .matcher(r.err());
        return m.find() ? m.group(1) : null;
    }

    private static int status(Curl.Result r) {
        Matcher m = Pattern.compile("(?m)^< HTTP/1\\.1 (\\d{3})").matcher(r.err());
        int last = -1;
        while (m.find()) {
            last = Integer.parseInt(m.group(1));
        }
        return last;
    }

    @ParameterizedTest
    @MethodSource("transports")
    void aCacheableResponseIsFetchedOnceAndAStaleOneAgain(String transport) throws Exception {
        try (Setup s = new Setup(transport, b -> {})) {
            Curl.Result first = s.get("/cacheable");
            assertEquals("cacheable\n", first.out());
            assertEquals("1.1 wirekit", header(first, "Via"));
            s.clock.advance(Duration.ofSeconds(30));
            Curl.Result second = s.get("/cacheable");
            assertEquals("cacheable\n", second.out());
            assertEquals(1, s.origin.hits("/cacheable"), "the second came from the cache");
            assertEquals("30", header(second, "Age"));
            assertEquals("max-age=60", header(second, "Cache-Control"));
            assertEquals(1, s.proxy.cacheStats().hits());

            s.clock.advance(Duration.ofSeconds(31));
            assertEquals("cacheable\n", s.get("/cacheable").out());
            assertEquals(2, s.origin.hits("/cacheable"), "stale after 61 s: fetched again");
        }
    }

    @ParameterizedTest
    @MethodSource("transports")
    void aNoStoreResponseIsNeverCached(String transport) throws Exception {
        try (Setup s = new Setup(transport, b -> {})) {
            s.get("/no-store");
            s.get("/no-store");
            assertEquals(2, s.origin.hits("/no-store"));
            assertEquals(0, s.proxy.cacheStats().stores());
        }
    }

    @ParameterizedTest
    @MethodSource("transports")
    void aStaleResponseIsRevalidatedWithItsETag(String transport) throws Exception {
        try (Setup s = new Setup(transport, b -> {})) {
            assertEquals("validated body\n", s.get("/validated").out());
            s.clock.advance(Duration.ofSeconds(11));
            Curl.Result revalidated = s.get("/validated");
            assertEquals(200, status(revalidated));
            assertEquals("validated body\n", revalidated.out());
            assertEquals(2, s.origin.hits("/validated"));
            assertEquals(1, s.origin.notModified.get(), "the origin answered the proxy's If-None-Match with 304");
            s.clock.advance(Duration.ofSeconds(5));
            s.get("/validated");
            assertEquals(2, s.origin.hits("/validated"), "fresh again after the 304");

            Curl.Result conditional = s.get("/validated", "-H", "If-None-Match: \"v1\"");
            assertEquals(304, status(conditional), "the client's own validator matches the cached copy");
        }
    }

    @ParameterizedTest
    @MethodSource("transports")
    void varyKeepsOneVariantPerLanguage(String transport) throws Exception {
        try (Setup s = new Setup(transport, b -> {})) {
            assertEquals(
                    "lang=en\n", s.get("/vary", "-H", "Accept-Language: en").out());
            assertEquals(
                    "lang=fr\n", s.get("/vary", "-H", "Accept-Language: fr").out());
            assertEquals(
                    "lang=en\n", s.get("/vary", "-H", "Accept-Language: en").out());
            assertEquals(
                    "lang=fr\n", s.get("/vary", "-H", "Accept-Language: fr").out());
            assertEquals(2, s.origin.hits("/vary"));
        }
    }

    @ParameterizedTest
    @MethodSource("transports")
    void hopByHopFieldsStopAtTheProxyBothWays(String transport) throws Exception {
        try (Setup s = new Setup(transport, b -> {})) {
            Curl.Result r = s.get(
                    "/headers",
                    "-H",
                    "Connection: X-Secret",
                    "-H",
                    "X-Secret: 1",
                    "-H",
                    "Proxy-Authorization: Basic eA==",
                    "-H",
                    "X-Kept: yes");
            String seen = r.out();
            assertFalse(seen.contains("x-secret"), seen);
            assertFalse(seen.contains("proxy-authorization"), seen);
            assertFalse(seen.contains("proxy-connection"), seen);
            assertTrue(seen.contains("x-kept: yes"), seen);
            assertTrue(seen.contains("via: 1.1 wirekit"), seen);
            assertTrue(seen.contains("host: 127.0.0.1:"), seen);

            Curl.Result hop = s.get("/hop");
            assertEquals(null, header(hop, "X-Hop"));
            assertEquals("2", header(hop, "X-End"));
        }
    }

    @ParameterizedTest
    @MethodSource("transports")
    void unsafeMethodsInvalidateAndLargeBodiesStream(String transport) throws Exception {
        try (Setup s = new Setup(transport, b -> b.maxObjectBytes(100_000))) {
            s.get("/cacheable");
            s.get("/cacheable");
            assertEquals(1, s.origin.hits("/cacheable"));
            Curl.Result post = s.get("/cacheable", "-d", "x=1");
            assertEquals("posted\n", post.out());
            s.get("/cacheable");
            assertEquals(2, s.origin.hits("/cacheable"), "the POST invalidated the cached GET");

            assertEquals(600_000, s.get("/big").out().length());
            assertEquals(600_000, s.get("/big").out().length());
            assertEquals(2, s.origin.hits("/big"), "larger than maxObjectBytes: streamed, not stored");
        }
    }

    @ParameterizedTest
    @MethodSource("transports")
    void upstreamFailuresAre502And504(String transport) throws Exception {
        try (Setup s = new Setup(transport, b -> {});
                LogCapture log = new LogCapture("dev.wirekit.http")) {
            Curl.Result slow = s.get("/slow");
            assertEquals(504, status(slow));
            Curl.Result refused = Curl.run("-v", "-x", s.proxyUrl(), "http://127.0.0.1:1/");
            assertEquals(502, status(refused));
            assertEquals(
                    1,
                    log.linesContaining("504 Gateway Timeout").size(),
                    log.lines().toString());
            assertEquals(
                    1,
                    log.linesContaining("502 Bad Gateway").size(),
                    log.lines().toString());
            assertEquals("cacheable\n", s.get("/cacheable").out(), "the proxy carries on");
        }
    }

    @ParameterizedTest
    @MethodSource("transports")
    void safeByDefault(String transport) throws Exception {
        try (Setup s = new Setup(transport, b -> b.allowDestinations(List.of()))) {
            Curl.Result denied = s.get("/cacheable");
            assertEquals(403, status(denied), "loopback destinations are denied by default");
            assertTrue(denied.out().contains("denied"), denied.out());
            assertEquals(0, s.origin.hits("/cacheable"));
            Curl.Result port = Curl.run("-v", "-x", s.proxyUrl(), "-k", "https://127.0.0.1:8443/");
            assertTrue(port.err().contains("CONNECT tunnel failed, response 403"), port.err());
            Curl.Result originForm = Curl.run("-v", s.proxyUrl() + "/cacheable");
            assertEquals(400, status(originForm));
            Curl.Result loop = s.get("/cacheable", "-H", "Via: 1.1 wirekit");
            assertEquals(508, status(loop));
        }
        try (Setup s = new Setup(transport, b -> b.allowClients(List.of("10.0.0.0/8")))) {
            Curl.Result refused = s.get("/cacheable");
            assertEquals(403, status(refused), "no open relay: only the allowed clients");
            assertEquals(0, s.origin.hits("/cacheable"));
        }
    }

    @ParameterizedTest
    @MethodSource("transports")
    void connectTunnelsReachATlsOrigin(String transport) throws Exception {
        OpenSslServer.assumeInstalled();
        try (OpenSslServer tls = OpenSslServer.start();
                Setup s = new Setup(transport, b -> b.connectPorts(Set.of(tls.port())))) {
            Curl.Result r = Curl.run("-v", "-x", s.proxyUrl(), "-k", "https://127.0.0.1:" + tls.port() + "/");
            assertEquals(0, r.exit(), r.err());
            assertTrue(r.err().contains("CONNECT tunnel established, response 200"), r.err());
            assertTrue(r.out().contains("s_server"), r.out());
            assertTrue(r.err().contains("SSL connection using"), r.err());
        }
    }

    @ParameterizedTest
    @MethodSource("transports")
    void theDiskCacheSurvivesARestart(String transport, @TempDir Path dir) throws Exception {
        try (Setup s = new Setup(transport, b -> b.cacheDirectory(dir))) {
            s.get("/cacheable");
            int hits = s.origin.hits("/cacheable");
            s.server.close();
            ForwardProxy again = ForwardProxy.builder()
                    .allowDestinations(List.of("127.0.0.1"))
                    .clock(s.clock)
                    .cacheDirectory(dir)
                    .build();
            try (Server restarted =
                    again.start(s.transport, new InetSocketAddress("127.0.0.1", 0), TransportOptions.defaults())) {
                Curl.Result r = Curl.run(
                        "-v",
                        "-x",
                        "http://127.0.0.1:" + restarted.localAddress().getPort(),
                        s.origin.url("/cacheable"));
                assertEquals("cacheable\n", r.out());
                assertEquals(hits, s.origin.hits("/cacheable"), "served from the disk cache");
                assertEquals(1, again.cacheStats().hits());
            }
        }
    }

    @ParameterizedTest
    @MethodSource("transports")
    void clientConnectionsAreKeptAlive(String transport) throws Exception {
        try (Setup s = new Setup(transport, b -> {})) {
            Curl.Result r = Curl.run(
                    "-v",
                    "-x",
                    s.proxyUrl(),
                    s.origin.url("/cacheable"),
                    s.origin.url("/vary"),
                    s.origin.url("/cacheable"));
            assertEquals("cacheable\nlang=null\ncacheable\n", r.out());
            assertEquals(1L, s.server.stats().accepted());
        }
    }
}
