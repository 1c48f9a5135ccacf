package dev.wirekit.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wirekit.api.Server;
import dev.wirekit.api.Transport;
import dev.wirekit.api.TransportOptions;
import dev.wirekit.api.framing.Framers;
import dev.wirekit.testkit.pki.CertificateBuilder;
import dev.wirekit.testkit.pki.Issued;
import dev.wirekit.testkit.pki.TestPki;
import dev.wirekit.tls.testing.Attempt;
import dev.wirekit.tls.testing.Echo;
import dev.wirekit.tls.testing.Pki;
import dev.wirekit.tls.testing.RecordingLayer;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every failure a user must be able to act on, end to end over sockets: the client's typed error
 * and the server's, with the alert that told the other side.
 */
class TypedErrorsTest {
    private static TestPki pki;
    private static Transport transport;

    @BeforeAll
    static void setUp() {
        pki = TestPki.create();
        transport = Transport.load("nio");
    }

    @AfterAll
    static void tearDown() {
        transport.close();
    }

    /** A running server and what its layer recorded. */
    private record Running(Server server, RecordingLayer layer) implements AutoCloseable {
        InetSocketAddress address() {
            return server.localAddress();
        }

        InetSocketAddress byName(String host) {
            return InetSocketAddress.createUnresolved(
                    host, server.localAddress().getPort());
        }

        @Override
        public void close() {
            server.close();
        }
    }

    private static Running serve(TlsServerConfig config) throws Exception {
        RecordingLayer layer = new RecordingLayer(TlsLayer.server(config));
        Server s = transport.listen(
                new InetSocketAddress("127.0.0.1", 0),
                Framers.lines(256),
                new Echo.Lines(),
                TransportOptions.builder().layer(layer).build());
        return new Running(s, layer);
    }

    private static Running serve(Issued cert) throws Exception {
        return serve(TlsServerConfig.builder(Pki.keyMaterial(cert)).build());
    }

    private static Attempt connect(Running r, TlsClientConfig config) {
        return Attempt.run(transport, r.address(), TlsLayer.client(config));
    }

    private static Attempt connect(Running r, String serverName, TlsClientConfig.Builder config) {
        return Attempt.run(
                transport,
                r.address(),
                TransportOptions.builder()
                        .layer(TlsLayer.client(config.build()))
                        .serverName(serverName)
                        .build());
    }

    private static TlsClientConfig.Builder trusting() {
        return TlsClientConfig.builder().trust(Pki.trust(pki));
    }

    private static TlsException failure(Attempt a) {
        assertTrue(!a.succeeded(), "expected a failure, got " + a);
        return assertInstanceOf(TlsException.class, a.failure(), String.valueOf(a.failure()));
    }

    private static TlsException serverFailure(Running r) throws InterruptedException {
        return assertInstanceOf(TlsException.class, r.layer().nextFailure(Duration.ofSeconds(30)));
    }

    // ---- the server's certificate, seen by the client ------------------------------------

    @Test
    void untrustedServer() throws Exception {
        try (Running r = serve(TestPki.create("Stranger").localhost())) {
            TlsException e = failure(connect(r, trusting().build()));
            assertInstanceOf(CertificateVerificationException.class, e);
            assertEquals(TlsFailure.UNTRUSTED_CERTIFICATE, e.failure());
            assertTrue(e.getMessage().contains("Stranger"), e.getMessage());
            TlsException s = serverFailure(r);
            assertEquals(TlsFailure.CERTIFICATE_REJECTED_BY_PEER, s.failure());
            assertEquals("unknown_ca", s.alert().orElseThrow());
        }
    }

    @Test
    void expiredServer() throws Exception {
        try (Running r =
                serve(pki.leaf().dns("localhost").ip("127.0.0.1").expired().issue())) {
            TlsException e = failure(connect(r, trusting().build()));
            assertEquals(TlsFailure.CERTIFICATE_EXPIRED, e.failure());
            assertEquals(
                    TlsFailure.CERTIFICATE_REJECTED_BY_PEER, serverFailure(r).failure());
        }
    }

    @Test
    void serverNotYetValid() throws Exception {
        try (Running r =
                serve(pki.leaf().dns("localhost").ip("127.0.0.1").notYetValid().issue())) {
            assertEquals(
                    TlsFailure.CERTIFICATE_NOT_YET_VALID,
                    failure(connect(r, trusting().build())).failure());
        }
    }

    @Test
    void theClientsClockDecidesValidity() throws Exception {
        try (Running r = serve(pki.localhost())) {
            java.time.Instant later = java.time.Instant.now().plus(Duration.ofDays(3));
            TlsException e = failure(connect(r, trusting().clock(() -> later).build()));
            assertEquals(TlsFailure.CERTIFICATE_EXPIRED, e.failure());
        }
    }

    // ---- host names end to end ------------------------------------------------------------

    @Test
    void hostMismatch() throws Exception {
        try (Running r = serve(pki.leaf().dns("other.example").issue())) {
            TlsException e = failure(connect(r, "www.example", trusting()));
            HostnameMismatchException m = assertInstanceOf(HostnameMismatchException.class, e);
            assertEquals("www.example", m.expectedHost());
            assertEquals(List.of("DNS:other.example"), m.presentedNames());
            assertEquals("bad_certificate", serverFailure(r).alert().orElseThrow());
        }
    }

    @Test
    void aCommonNameAloneNeverIdentifiesAServer() throws Exception {
        try (Running r = serve(pki.leaf().cn("www.example").issue())) {
            TlsException e = failure(connect(r, "www.example", trusting()));
            assertEquals(TlsFailure.HOST_MISMATCH, e.failure());
            assertTrue(e.getMessage().contains("common name is never used"), e.getMessage());
        }
    }

    @Test
    void wildcardsCoverOneLabel() throws Exception {
        try (Running r = serve(pki.leaf().dns("*.example.test").issue())) {
            assertTrue(connect(r, "api.example.test", trusting()).succeeded());
            assertEquals(
                    TlsFailure.HOST_MISMATCH,
                    failure(connect(r, "a.api.example.test", trusting())).failure());
            assertEquals(
                    TlsFailure.HOST_MISMATCH,
                    failure(connect(r, "example.test", trusting())).failure());
        }
    }

    @Test
    void anIpAddressNeedsAnIpName() throws Exception {
        try (Running onlyDns = serve(pki.leaf().dns("localhost").issue());
                Running withIp = serve(pki.leaf().ip("127.0.0.1").issue())) {
            // connecting to 127.0.0.1 without a name: the address itself is verified
            TlsException e = failure(connect(onlyDns, trusting().build()));
            HostnameMismatchException m = assertInstanceOf(HostnameMismatchException.class, e);
            assertEquals("127.0.0.1", m.expectedHost());
            assertTrue(connect(withIp, trusting().build()).succeeded());
        }
    }

    @Test
    void idnNamesAreSentAndVerifiedAsALabels() throws Exception {
        Echo.Lines echo = new Echo.Lines();
        try (Server s = transport.listen(
                new InetSocketAddress("127.0.0.1", 0),
                Framers.lines(256),
                echo,
                TransportOptions.builder()
                        .layer(TlsLayer.server(TlsServerConfig.builder(Pki.keyMaterial(
                                        pki.leaf().dns("xn--bcher-kva.example").issue()))
                                .build()))
                        .build())) {
            Attempt a = Attempt.run(
                    transport,
                    s.localAddress(),
                    TransportOptions.builder()
                            .layer(TlsLayer.client(trusting().build()))
                            .serverName("bücher.example")
                            .build());
            assertTrue(a.succeeded(), a.toString());
            assertEquals(
                    "xn--bcher-kva.example",
                    echo.opened
                            .poll(30, java.util.concurrent.TimeUnit.SECONDS)
                            .serverName()
                            .orElseThrow(),
                    "SNI carries the A-label");
        }
    }

    @Test
    void pinningAcceptsASelfSignedServerWithoutNames() throws Exception {
        Issued self = TestPki.selfSigned().cn("dev box").issue();
        try (Running r = serve(self)) {
            String pin = dev.wirekit.tls.internal.trust.Fingerprints.pin(self.certificate());
            assertTrue(connect(
                            r,
                            TlsClientConfig.builder().trust(Trust.pinned(pin)).build())
                    .succeeded());
            assertEquals(
                    TlsFailure.UNTRUSTED_CERTIFICATE,
                    failure(connect(r, trusting().build())).failure());
        }
    }

    // ---- negotiation ----------------------------------------------------------------------

    @Test
    void noCommonProtocol() throws Exception {
        try (Running r = serve(TlsServerConfig.builder(Pki.keyMaterial(pki.localhost()))
                .protocols(TlsVersion.TLS_1_3)
                .build())) {
            TlsException e =
                    failure(connect(r, trusting().protocols(TlsVersion.TLS_1_2).build()));
            assertEquals(TlsFailure.NO_COMMON_PROTOCOL, e.failure());
            assertEquals("protocol_version", e.alert().orElseThrow());
            TlsException s = serverFailure(r);
            assertInstanceOf(NegotiationException.class, s);
            assertEquals(TlsFailure.NO_COMMON_PROTOCOL, s.failure());
            assertTrue(s.getMessage().contains("offers only TLSv1.2"), s.getMessage());
        }
        try (Running r = serve(TlsServerConfig.builder(Pki.keyMaterial(pki.localhost()))
                .protocols(TlsVersion.TLS_1_2)
                .build())) {
            TlsException e =
                    failure(connect(r, trusting().protocols(TlsVersion.TLS_1_3).build()));
            assertEquals(TlsFailure.NO_COMMON_PROTOCOL, e.failure());
            assertEquals(TlsFailure.NO_COMMON_PROTOCOL, serverFailure(r).failure());
        }
    }

    @Test
    void noCommonCipherSuite() throws Exception {
        try (Running r = serve(TlsServerConfig.builder(Pki.keyMaterial(pki.localhost()))
                .protocols(TlsVersion.TLS_1_2)
                .cipherSuites(List.of("TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384"))
                .build())) {
            TlsException e = failure(connect(
                    r,
                    trusting()
                            .protocols(TlsVersion.TLS_1_2)
                            .cipherSuites(List.of("TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256"))
                            .build()));
            assertEquals("handshake_failure", e.alert().orElseThrow());
            TlsException s = serverFailure(r);
            assertInstanceOf(NegotiationException.class, s);
            assertEquals(TlsFailure.NO_COMMON_CIPHER_SUITE, s.failure());
        }
    }

    @Test
    void anRsaOnlySuiteListCannotUseAnEcdsaCertificate() throws Exception {
        try (Running r = serve(TlsServerConfig.builder(Pki.keyMaterial(pki.localhost()))
                .protocols(TlsVersion.TLS_1_2)
                .build())) {
            failure(connect(
                    r,
                    trusting()
                            .protocols(TlsVersion.TLS_1_2)
                            .cipherSuites(List.of("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"))
                            .build()));
            assertEquals(TlsFailure.NO_COMMON_CIPHER_SUITE, serverFailure(r).failure());
        }
    }

    @Test
    void rsaAndEd25519CertificatesWorkToo() throws Exception {
        for (CertificateBuilder.KeyType type : List.of(
                CertificateBuilder.KeyType.RSA_2048,
                CertificateBuilder.KeyType.ED25519,
                CertificateBuilder.KeyType.EC_P384)) {
            Issued cert = pki.leaf().dns("localhost").ip("127.0.0.1").key(type).issue();
            for (TlsVersion v : TlsVersion.values()) {
                try (Running r = serve(cert)) {
                    Attempt a = connect(r, trusting().protocols(v).build());
                    assertTrue(a.succeeded(), type + " " + v + ": " + a);
                }
            }
        }
    }

    @Test
    void theServerPicksItsCertificateBySni() throws Exception {
        Issued a = pki.leaf().dns("a.example").issue();
        Issued b = pki.leaf().dns("b.example").issue();
        try (Running r = serve(TlsServerConfig.builder(Pki.keyMaterial(a))
                .certificate(Pki.keyMaterial(b))
                .build())) {
            Attempt toB = connect(r, "b.example", trusting());
            assertTrue(toB.succeeded(), toB.toString());
            assertEquals(b.chain(), toB.security().peerCertificates());
            Attempt toA = connect(r, "a.example", trusting());
            assertEquals(a.chain(), toA.security().peerCertificates());
            // an unknown name gets the default certificate, which then does not match
            assertEquals(
                    TlsFailure.HOST_MISMATCH,
                    failure(connect(r, "c.example", trusting())).failure());
        }
    }
}
