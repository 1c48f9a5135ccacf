package dev.wirekit.http.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wirekit.api.SecurityInfo;
import dev.wirekit.api.Server;
import dev.wirekit.api.Transport;
import dev.wirekit.api.TransportOptions;
import dev.wirekit.http.server.HttpLimits;
import dev.wirekit.http.server.HttpServer;
import dev.wirekit.http.server.StaticFiles;
import dev.wirekit.http.testing.TestCertificate;
import dev.wirekit.http.testing.TestSite;
import dev.wirekit.testkit.TestEnvironment;
import dev.wirekit.tls.CertificateVerificationException;
import dev.wirekit.tls.ClientAuth;
import dev.wirekit.tls.HostnameMismatchException;
import dev.wirekit.tls.TlsClientConfig;
import dev.wirekit.tls.TlsFailure;
import dev.wirekit.tls.TlsLayer;
import dev.wirekit.tls.TlsServerConfig;
import dev.wirekit.tls.Trust;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The client over https against Wirekit's own server with a TLS layer, on both transports: SNI is
 * the URL's host, the host name is verified, trust is configurable (PEM bundle, pin, the system
 * store by default), ALPN offers http/1.1, connections are pooled per scheme, host and port,
 * redirects between http and https are safe, and a large static file comes through intact (the
 * server cannot use zero-copy under TLS and must fall back to buffered sends).
 */
class HttpsClientTest {
    /** Every name the tests use resolves to the loopback address the servers listen on. */
    private static final HostResolver LOOPBACK = host -> List.of(InetAddress.getByName("127.0.0.1"));

    private TestCertificate certificate;
    private TestSite site;

    @BeforeEach
    void setUp() throws IOException {
        certificate = TestCertificate.create();
        site = new TestSite();
    }

    @AfterEach
    void tearDown() throws IOException {
        site.close();
        certificate.close();
    }

    /** Reports what TLS negotiated, from the server's side, and serves the test site. */
    private Server httpsServer(Transport transport) throws IOException {
        return server(transport, certificate.serverOptions());
    }

    private Server server(Transport transport, TransportOptions options) throws IOException {
        HttpServer http = HttpServer.builder()
                .get("/tls", (req, res) -> {
                    if (req.security().isEmpty()) {
                        res.send("plain\n");
                        return;
                    }
                    SecurityInfo s = req.security().orElseThrow();
                    res.send("sni=" + s.serverName().orElse("-") + " alpn="
                            + s.applicationProtocol().orElse("-") + " authorization="
                            + req.headers().get("Authorization") + "\n");
                })
                .get("/to-https", (req, res) -> res.redirect(302, req.query().get("to")))
                .get("/to-http", (req, res) -> res.redirect(302, req.query().get("to")))
                .staticFiles("/", StaticFiles.builder(site.root()).build())
                .build();
        return http.start(transport, new InetSocketAddress("127.0.0.1", 0), options);
    }

    private HttpClient.Builder client(Transport transport) {
        return HttpClient.builder().transport(transport).resolver(LOOPBACK);
    }

    @ParameterizedTest
    @MethodSource("dev.wirekit.http.testing.Transports#names")
    void httpsSendsSniOffersAlpnAndKeepsTheConnectionAlive(String name) throws Exception {
        try (Transport transport = Transport.load(name);
                Server server = httpsServer(transport);
                HttpClient client = client(transport).trust(certificate.trust()).build()) {
            String base = "https://localhost:" + server.localAddress().getPort();
            for (int i = 0; i < 5; i++) {
                try (ClientResponse r = client.get(base + "/tls")) {
                    assertEquals(200, r.status());
                    assertEquals("sni=localhost alpn=http/1.1 authorization=null\n", r.bodyText());
                    SecurityInfo s = r.security().orElseThrow();
                    assertEquals("TLSv1.3", s.protocol());
                    assertEquals(s.applicationProtocol().orElseThrow(), "http/1.1");
                    assertEquals(
                            certificate.material().certificateChain().getFirst(),
                            s.peerCertificates().getFirst());
                }
            }
            try (ClientResponse r = client.get(base + "/hello.txt")) {
                assertEquals(TestSite.HELLO, r.bodyText());
            }
            assertEquals(1, client.openConnections(), "one kept-alive TLS connection");
            assertEquals(1L, server.stats().accepted(), "the server saw one connection (one handshake)");
        }
    }

    @ParameterizedTest
    @MethodSource("dev.wirekit.http.testing.Transports#names")
    void aLargeFileComesThroughTlsIntact(String name) throws Exception {
        byte[] big = new byte[24 * 1024 * 1024 + 7];
        new Random(7).nextBytes(big);
        site.write("big.bin", big);
        try (Transport transport = Transport.load(name);
                Server server = httpsServer(transport);
                HttpClient client = client(transport).trust(certificate.trust()).build()) {
            String url = "https://127.0.0.1:" + server.localAddress().getPort() + "/big.bin";
            try (ClientResponse r = client.get(url)) {
                assertEquals(200, r.status());
                assertEquals(Long.toString(big.length), r.header("Content-Length"));
                assertEquals(sha256(big), sha256(r.body()));
            }
            String range = "bytes=" + (big.length - 1_000_000) + "-";
            try (ClientResponse r = client.send(
                    ClientRequest.get(URI.create(url)).header("Range", range).build())) {
                assertEquals(206, r.status());
                assertArrayEquals(java.util.Arrays.copyOfRange(big, big.length - 1_000_000, big.length), r.bodyBytes());
            }
            assertEquals(1, client.openConnections());
        }
    }

    @Test
    void aPinnedCertificateIsAcceptedWithoutAChainOrAName() throws Exception {
        try (Transport transport = Transport.load("nio");
                Server server = httpsServer(transport);
                HttpClient client = client(transport)
                        .trust(Trust.pinned(certificate.fingerprint()))
                        .build()) {
            // the pin is the identity: no host name check follows, so any name the resolver knows works
            try (ClientResponse r =
                    client.get("https://pinned.test:" + server.localAddress().getPort() + "/tls")) {
                assertEquals("sni=pinned.test alpn=http/1.1 authorization=null\n", r.bodyText());
            }
        }
    }

    @Test
    void theDefaultTrustIsTheSystemStoreAndRefusesAnUnknownIssuer() throws Exception {
        try (Transport transport = Transport.load("nio");
                Server server = httpsServer(transport);
                HttpClient client = client(transport).build()) {
            IOException e = assertThrows(
                    IOException.class,
                    () -> client.get(
                            "https://localhost:" + server.localAddress().getPort() + "/tls"));
            CertificateVerificationException cause = find(e, CertificateVerificationException.class);
            assertEquals(TlsFailure.UNTRUSTED_CERTIFICATE, cause.failure());
            assertEquals(0, client.openConnections(), "the failed connection is not kept");
        }
    }

    @Test
    void aCertificateForAnotherHostIsRefused() throws Exception {
        try (Transport transport = Transport.load("blocking");
                Server server = httpsServer(transport);
                HttpClient client = client(transport).trust(certificate.trust()).build()) {
            IOException e = assertThrows(
                    IOException.class,
                    () -> client.get(
                            "https://www.example.com:" + server.localAddress().getPort() + "/tls"));
            HostnameMismatchException mismatch = find(e, HostnameMismatchException.class);
            assertEquals("www.example.com", mismatch.expectedHost());
        }
    }

    @Test
    void aWholeTlsConfigurationAndAReadyLayerAreUsedAsGiven() throws Exception {
        try (Transport transport = Transport.load("nio");
                Server server = httpsServer(transport)) {
            String url = "https://localhost:" + server.localAddress().getPort() + "/tls";
            TlsClientConfig noAlpn =
                    TlsClientConfig.builder().trust(certificate.trust()).build();
            try (HttpClient client = client(transport).tls(noAlpn).build();
                    ClientResponse r = client.get(url)) {
                assertEquals("sni=localhost alpn=- authorization=null\n", r.bodyText(), "no ALPN offered");
            }
            try (HttpClient client =
                            client(transport).tls(TlsLayer.client(noAlpn)).build();
                    ClientResponse r = client.get(url)) {
                assertEquals("sni=localhost alpn=- authorization=null\n", r.bodyText(), "the layer as given");
            }
        }
    }

    @ParameterizedTest
    @MethodSource("dev.wirekit.http.testing.Transports#names")
    void redirectsGoUpToHttpsButNeverDownAndDropCredentialsAcrossOrigins(String name) throws Exception {
        try (Transport transport = Transport.load(name);
                Server https = httpsServer(transport);
                Server http = server(transport, TransportOptions.defaults());
                HttpClient client = client(transport).trust(certificate.trust()).build()) {
            String secure = "https://localhost:" + https.localAddress().getPort();
            String plain = "http://localhost:" + http.localAddress().getPort();

            try (ClientResponse r = client.send(ClientRequest.get(URI.create(plain + "/to-https?to=" + secure + "/tls"))
                    .header("Authorization", "Bearer secret")
                    .build())) {
                assertEquals(200, r.status(), "http to https is followed");
                assertEquals(URI.create(secure + "/tls"), r.uri());
                assertEquals(
                        "sni=localhost alpn=http/1.1 authorization=null\n",
                        r.bodyText(),
                        "the credentials stayed behind with the other origin");
                assertTrue(r.security().isPresent());
            }
            try (ClientResponse r = client.get(secure + "/to-http?to=" + plain + "/hello.txt")) {
                assertEquals(302, r.status(), "https to http is not followed");
                assertEquals(plain + "/hello.txt", r.header("Location"));
                assertEquals(URI.create(secure + "/to-http?to=" + plain + "/hello.txt"), r.uri());
            }
            // the same host name on two schemes: two pools, and each connection stays on its own
            try (ClientResponse r = client.get(plain + "/tls")) {
                assertEquals("plain\n", r.bodyText(), "the server saw no TLS on the http connection");
                assertTrue(r.security().isEmpty());
            }
            assertEquals(2, client.openConnections(), "one http and one https connection, both kept alive");
            assertEquals(1L, https.stats().accepted());
            assertEquals(1L, http.stats().accepted());
        }
    }

    @ParameterizedTest
    @MethodSource("dev.wirekit.http.testing.Transports#names")
    void aKeptAliveTlsConnectionTheServerClosedIsReplacedTransparently(String name) throws Exception {
        HttpServer http = HttpServer.builder()
                .staticFiles("/", StaticFiles.builder(site.root()).build())
                .limits(HttpLimits.defaults().toBuilder()
                        .idleTimeout(Duration.ofMillis(200))
                        .build())
                .build();
        try (Transport transport = Transport.load(name);
                Server server =
                        http.start(transport, new InetSocketAddress("127.0.0.1", 0), certificate.serverOptions());
                HttpClient client = client(transport).trust(certificate.trust()).build()) {
            String url = "https://localhost:" + server.localAddress().getPort() + "/hello.txt";
            try (ClientResponse r = client.get(url)) {
                assertEquals(TestSite.HELLO, r.bodyText());
            }
            new TestEnvironment(Duration.ofSeconds(20))
                    .awaitTrue(
                            "the server closed the idle TLS connection",
                            () -> server.stats().active() == 0);
            try (ClientResponse r = client.get(url)) {
                assertEquals(TestSite.HELLO, r.bodyText(), "a new connection and handshake replaced the closed one");
            }
            assertEquals(2L, server.stats().accepted());
            assertEquals(1, client.openConnections());
        }
    }

    @Test
    void mutualTlsPresentsTheClientCertificateToTheHandler() throws Exception {
        try (TestCertificate alice = TestCertificate.create();
                Transport transport = Transport.load("nio")) {
            TlsLayer serverLayer = TlsLayer.server(TlsServerConfig.builder(certificate.material())
                    .clientAuth(ClientAuth.REQUIRED)
                    .clientTrust(Trust.pinned(alice.fingerprint()))
                    .build());
            HttpServer http = HttpServer.builder()
                    .get(
                            "/whoami",
                            (req, res) -> res.send(
                                    req.security()
                                                    .orElseThrow()
                                                    .peerCertificates()
                                                    .getFirst()
                                                    .equals(alice.material()
                                                            .certificateChain()
                                                            .getFirst())
                                            ? "alice\n"
                                            : "someone else\n"))
                    .build();
            try (Server server = http.start(
                            transport,
                            new InetSocketAddress("127.0.0.1", 0),
                            TransportOptions.builder().layer(serverLayer).build());
                    HttpClient withCertificate = client(transport)
                            .tls(TlsClientConfig.builder()
                                    .trust(certificate.trust())
                                    .keyMaterial(alice.material())
                                    .applicationProtocols(HttpClient.ALPN_HTTP_1_1)
                                    .build())
                            .build();
                    HttpClient without =
                            client(transport).trust(certificate.trust()).build()) {
                String url = "https://localhost:" + server.localAddress().getPort() + "/whoami";
                try (ClientResponse r = withCertificate.get(url)) {
                    assertEquals("alice\n", r.bodyText());
                }
                // TLS 1.3: the refusal reaches the client on its first read, after connect returned
                assertThrows(IOException.class, () -> {
                    try (ClientResponse r = without.get(url)) {
                        r.bodyBytes();
                    }
                });
            }
        }
    }

    @Test
    void httpsToAPlaintextServerFailsClearly() throws Exception {
        try (Transport transport = Transport.load("nio");
                Server http = server(transport, TransportOptions.defaults());
                HttpClient client = client(transport).trust(certificate.trust()).build()) {
            IOException e = assertThrows(
                    IOException.class,
                    () -> client.get("https://localhost:" + http.localAddress().getPort() + "/hello.txt"));
            assertTrue(e.getMessage() != null && !e.getMessage().isBlank(), e.toString());
            assertNull(find(e, HostnameMismatchException.class, false));
        }
    }

    private static <T extends Throwable> T find(Throwable e, Class<T> type) {
        T found = find(e, type, true);
        return found;
    }

    private static <T extends Throwable> T find(Throwable e, Class<T> type, boolean required) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        if (required) {
            throw new AssertionError("no " + type.getSimpleName() + " in " + e, e);
        }
        return null;
    }

    static String sha256(byte[] data) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    }

    static String sha256(InputStream in) throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        byte[] buffer = new byte[64 * 1024];
        for (int n; (n = in.read(buffer)) > 0; ) {
            md.update(buffer, 0, n);
        }
        return HexFormat.of().formatHex(md.digest());
    }
}
