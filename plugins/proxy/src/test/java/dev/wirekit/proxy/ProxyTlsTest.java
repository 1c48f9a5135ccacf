package dev.wirekit.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wirekit.api.Server;
import dev.wirekit.api.Transport;
import dev.wirekit.api.TransportOptions;
import dev.wirekit.http.server.HttpServer;
import dev.wirekit.http.testing.Curl;
import dev.wirekit.http.testing.TestCertificate;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * TLS end to end through the proxy, on both transports: curl tunnels ({@code -p -x}) to a Wirekit
 * HTTPS origin and verifies the origin's certificate itself ({@code --cacert}), so the proxy only
 * ever sees ciphertext; and the proxy itself listening over TLS (an "HTTPS proxy", {@code --proxy
 * https://...}) with a TLS tunnel inside.
 */
class ProxyTlsTest {
    private static final byte[] BIG = new byte[6 * 1024 * 1024 + 3];

    static {
        new Random(5).nextBytes(BIG);
    }

    @BeforeAll
    static void curl() {
        Curl.assumeInstalled();
    }

    static List<String> transports() {
        return List.of("nio", "blocking");
    }

    /** A Wirekit HTTPS origin (on {@code localhost}, the certificate's name) and a proxy to it. */
    private record Setup(Transport transport, Server origin, Server proxy, AtomicInteger hits)
            implements AutoCloseable {
        static Setup start(String name, TestCertificate certificate, TransportOptions proxyOptions) throws Exception {
            Transport transport = Transport.load(name);
            AtomicInteger hits = new AtomicInteger();
            Server origin = null;
            try {
                origin = HttpServer.builder()
                        .get("/hello", (req, res) -> {
                            hits.incrementAndGet();
                            res.send("hello over "
                                    + req.security().orElseThrow().protocol() + " sni="
                                    + req.security().orElseThrow().serverName().orElse("-") + "\n");
                        })
                        .get("/big", (req, res) -> {
                            hits.incrementAndGet();
                            res.contentType("application/octet-stream").send(BIG);
                        })
                        .build()
                        .start(transport, new InetSocketAddress("127.0.0.1", 0), certificate.serverOptions());
                Server proxy = ForwardProxy.builder()
                        .allowDestinations(List.of("127.0.0.1"))
                        .connectPorts(Set.of(origin.localAddress().getPort()))
                        .build()
                        .start(transport, new InetSocketAddress("127.0.0.1", 0), proxyOptions);
                return new Setup(transport, origin, proxy, hits);
            } catch (Exception e) {
                if (origin != null) {
                    origin.close();
                }
                transport.close();
                throw e;
            }
        }

        String originUrl(String path) {
            return "https://localhost:" + origin.localAddress().getPort() + path;
        }

        @Override
        public void close() {
            proxy.close();
            origin.close();
            transport.close();
        }
    }

    @ParameterizedTest
    @MethodSource("transports")
    void curlTunnelsVerifiedTlsThroughTheProxy(String transport, @TempDir Path dir) throws Exception {
        try (TestCertificate certificate = TestCertificate.create();
                Setup s = Setup.start(transport, certificate, TransportOptions.defaults())) {
            String proxy = "http://127.0.0.1:" + s.proxy.localAddress().getPort();
            String cacert = certificate.cert().toString();
            Path big = dir.resolve("big.bin");
            Curl.Result r = Curl.run(
                    "-v",
                    "-p",
                    "-x",
                    proxy,
                    "--cacert",
                    cacert,
                    s.originUrl("/hello"),
                    "-o",
                    "/dev/stdout",
                    s.originUrl("/big"),
                    "-o",
                    big.toString());
            assertEquals(0, r.exit(), r.err());
            assertTrue(r.err().contains("CONNECT tunnel established, response 200"), r.err());
            assertTrue(r.err().contains("SSL certificate verify ok"), "curl verified the origin itself: " + r.err());
            assertTrue(r.out().startsWith("hello over TLSv1.3 sni=localhost\n"), r.out());
            assertEquals(sha256(BIG), sha256(big), "6 MB through the tunnel, byte for byte");
            assertEquals(2, s.hits.get());
            assertEquals(1L, s.origin.stats().accepted(), "both requests in one tunnel, one TLS connection");

            Curl.Result untrusted = Curl.run("-p", "-x", proxy, s.originUrl("/hello"));
            assertEquals(60, untrusted.exit(), "the tunnel does not weaken curl's verification: " + untrusted.err());
            assertEquals(2, s.hits.get());
        }
    }

    @ParameterizedTest
    @MethodSource("transports")
    void anHttpsProxyCarriesATlsTunnelInsideTls(String transport, @TempDir Path dir) throws Exception {
        try (TestCertificate certificate = TestCertificate.create();
                Setup s = Setup.start(transport, certificate, certificate.serverOptions())) {
            String proxy = "https://localhost:" + s.proxy.localAddress().getPort();
            String cacert = certificate.cert().toString();
            Path big = dir.resolve("big.bin");
            Curl.Result r = Curl.run(
                    "-v",
                    "--proxy",
                    proxy,
                    "--proxy-cacert",
                    cacert,
                    "--cacert",
                    cacert,
                    s.originUrl("/hello"),
                    "-o",
                    "/dev/stdout",
                    s.originUrl("/big"),
                    "-o",
                    big.toString());
            assertEquals(0, r.exit(), r.err());
            assertTrue(r.err().contains("CONNECT tunnel established, response 200"), r.err());
            assertTrue(r.out().startsWith("hello over TLSv1.3 sni=localhost\n"), r.out());
            assertEquals(sha256(BIG), sha256(big));
            assertEquals(1L, s.proxy.stats().accepted(), "one TLS connection to the proxy");
        }
    }

    private static String sha256(byte[] data) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    }

    private static String sha256(Path file) throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[64 * 1024];
            for (int n; (n = in.read(buffer)) > 0; ) {
                md.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }
}
