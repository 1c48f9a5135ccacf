package dev.wirekit.http.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wirekit.api.Server;
import dev.wirekit.api.Transport;
import dev.wirekit.http.testing.Curl;
import dev.wirekit.http.testing.ServerFixture;
import dev.wirekit.http.testing.TestCertificate;
import dev.wirekit.http.testing.TestSite;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * curl (Debian package {@code curl}, built with OpenSSL) against Wirekit's HTTP server with a TLS
 * layer, on both transports, verifying the certificate with {@code --cacert}: ALPN, keep-alive,
 * forms, and a large static file whose digest is checked (under TLS the server cannot send files
 * zero-copy and falls back to buffered sends through the layer).
 */
class HttpsCurlTest {
    @BeforeAll
    static void curl() {
        Curl.assumeInstalled();
    }

    private record Https(Transport transport, Server server) implements AutoCloseable {
        static Https start(String name, TestSite site, TestCertificate certificate) throws Exception {
            Transport transport = Transport.load(name);
            try {
                HttpServer http = ServerFixture.demoRoutes(HttpServer.builder())
                        .staticFiles("/", StaticFiles.builder(site.root()).build())
                        .build();
                return new Https(
                        transport,
                        http.start(transport, new InetSocketAddress("127.0.0.1", 0), certificate.serverOptions()));
            } catch (Exception e) {
                transport.close();
                throw e;
            }
        }

        String url(String path) {
            return "https://localhost:" + server.localAddress().getPort() + path;
        }

        @Override
        public void close() {
            server.close();
            transport.close();
        }
    }

    @ParameterizedTest
    @MethodSource("dev.wirekit.http.testing.Transports#names")
    void curlVerifiesTheCertificateNegotiatesHttp11AndReusesTheConnection(String name) throws Exception {
        try (TestSite site = new TestSite();
                TestCertificate certificate = TestCertificate.create();
                Https https = Https.start(name, site, certificate)) {
            String cacert = certificate.cert().toString();
            Curl.Result r = Curl.run("-v", "--cacert", cacert, https.url("/hello.txt"), https.url("/hello/tls"));
            assertEquals(0, r.exit(), r.err());
            assertEquals(TestSite.HELLO + "hello tls\n", r.out());
            assertTrue(r.err().contains("ALPN: server accepted http/1.1"), r.err());
            assertTrue(r.err().contains("SSL certificate verify ok"), r.err());
            assertTrue(r.err().contains("Re-using existing connection"), r.err());
            assertEquals(1L, https.server.stats().accepted(), "both requests on one TLS connection");

            Curl.Result form = Curl.run("--cacert", cacert, "-d", "a=1&b=two", https.url("/form"));
            assertEquals(0, form.exit(), form.err());
            assertEquals("a=[1]\nb=[two]\n", form.out());

            Curl.Result chunked = Curl.run(
                    "--cacert",
                    cacert,
                    "-H",
                    "Transfer-Encoding: chunked",
                    "--data-binary",
                    "streamed body",
                    https.url("/echo"));
            assertEquals("streamed body", chunked.out());

            Curl.Result untrusted = Curl.run(https.url("/hello.txt"));
            assertEquals(60, untrusted.exit(), "curl refuses an unknown issuer: " + untrusted.err());
            Curl.Result wrongName = Curl.run(
                    "--cacert",
                    cacert,
                    "--resolve",
                    "other.test:" + https.server.localAddress().getPort() + ":127.0.0.1",
                    "https://other.test:" + https.server.localAddress().getPort() + "/hello.txt");
            assertEquals(60, wrongName.exit(), "curl checks the name too: " + wrongName.err());
        }
    }

    @ParameterizedTest
    @MethodSource("dev.wirekit.http.testing.Transports#names")
    void aLargeFileOverTlsArrivesIntact(String name, @TempDir Path dir) throws Exception {
        byte[] big = new byte[32 * 1024 * 1024 + 13];
        new Random(11).nextBytes(big);
        try (TestSite site = new TestSite();
                TestCertificate certificate = TestCertificate.create();
                Https https = Https.start(name, site, certificate)) {
            site.write("big.bin", big);
            Path out = dir.resolve("big.bin");
            Curl.Result r =
                    Curl.run("--cacert", certificate.cert().toString(), "-o", out.toString(), https.url("/big.bin"));
            assertEquals(0, r.exit(), r.err());
            assertEquals(big.length, Files.size(out));
            assertEquals(sha256(big), sha256(out));

            Path tail = dir.resolve("tail.bin");
            Curl.Result range = Curl.run(
                    "--cacert",
                    certificate.cert().toString(),
                    "-r",
                    "1000000-",
                    "-o",
                    tail.toString(),
                    https.url("/big.bin"));
            assertEquals(0, range.exit(), range.err());
            assertEquals(sha256(java.util.Arrays.copyOfRange(big, 1_000_000, big.length)), sha256(tail));
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
