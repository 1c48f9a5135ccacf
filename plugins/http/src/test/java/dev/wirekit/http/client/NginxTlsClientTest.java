package dev.wirekit.http.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wirekit.api.SecurityInfo;
import dev.wirekit.api.Transport;
import dev.wirekit.http.testing.Nginx;
import dev.wirekit.http.testing.NginxTls;
import dev.wirekit.http.testing.TestCertificate;
import dev.wirekit.http.testing.TestSite;
import dev.wirekit.tls.CertificateVerificationException;
import dev.wirekit.tls.Trust;
import java.io.IOException;
import java.net.URI;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Wirekit's client over https against nginx with OpenSSL (Debian package {@code nginx-light},
 * started by the test with a throwaway certificate), on both transports.
 */
class NginxTlsClientTest {
    @BeforeAll
    static void nginx() {
        Nginx.assumeInstalled();
    }

    @ParameterizedTest
    @MethodSource("dev.wirekit.http.testing.Transports#names")
    void fetchesOverOneVerifiedTlsConnection(String transport) throws Exception {
        byte[] big = new byte[8 * 1024 * 1024 + 1];
        new Random(3).nextBytes(big);
        try (TestSite site = new TestSite();
                TestCertificate certificate = TestCertificate.create();
                NginxTls nginx = NginxTls.start(site.root(), certificate);
                Transport t = Transport.load(transport);
                HttpClient client = HttpClient.builder()
                        .transport(t)
                        .trust(certificate.trust())
                        .build()) {
            site.write("big.bin", big);
            try (ClientResponse r = client.get(nginx.url("/hello.txt"))) {
                assertEquals(200, r.status());
                assertTrue(r.header("Server").startsWith("nginx"), r.header("Server"));
                assertEquals(TestSite.HELLO, r.bodyText());
                SecurityInfo s = r.security().orElseThrow();
                assertEquals("http/1.1", s.applicationProtocol().orElseThrow(), "nginx accepted ALPN http/1.1");
                assertTrue(s.protocol().startsWith("TLSv1."), s.protocol());
                assertEquals(
                        certificate.material().certificateChain().getFirst(),
                        s.peerCertificates().getFirst());
            }
            try (ClientResponse r = client.get(nginx.url("/big.bin"))) {
                assertArrayEquals(big, r.bodyBytes());
            }
            try (ClientResponse r = client.send(ClientRequest.get(URI.create(nginx.url("/data.bin")))
                    .header("Range", "bytes=10-19")
                    .build())) {
                assertEquals(206, r.status());
                assertArrayEquals(Arrays.copyOfRange(site.data(), 10, 20), r.bodyBytes());
            }
            try (ClientResponse r = client.get(nginx.url("/redirect-to-http"))) {
                assertEquals(302, r.status(), "https to http is never followed");
                r.bodyBytes();
            }
            assertEquals(1, client.openConnections(), "every request went over one kept-alive TLS connection");
        }
    }

    @ParameterizedTest
    @MethodSource("dev.wirekit.http.testing.Transports#names")
    void refusesNginxWhenItsCertificateIsNotTrusted(String transport) throws Exception {
        try (TestSite site = new TestSite();
                TestCertificate certificate = TestCertificate.create();
                TestCertificate other = TestCertificate.create();
                NginxTls nginx = NginxTls.start(site.root(), certificate);
                Transport t = Transport.load(transport);
                HttpClient client =
                        HttpClient.builder().transport(t).trust(other.trust()).build();
                HttpClient pinned = HttpClient.builder()
                        .transport(t)
                        .trust(Trust.pinned(certificate.fingerprint()))
                        .build()) {
            IOException e = assertThrows(IOException.class, () -> client.get(nginx.url("/hello.txt")));
            boolean verification = false;
            for (Throwable c = e; c != null; c = c.getCause()) {
                verification |= c instanceof CertificateVerificationException;
            }
            assertTrue(verification, "a certificate verification failure: " + e);
            try (ClientResponse r = pinned.get(nginx.url("/hello.txt"))) {
                assertEquals(TestSite.HELLO, r.bodyText(), "the pinned fingerprint is accepted");
            }
        }
    }
}
