package dev.wirekit.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wirekit.api.SecurityInfo;
import dev.wirekit.api.Server;
import dev.wirekit.api.Transport;
import dev.wirekit.api.TransportOptions;
import dev.wirekit.api.framing.Framers;
import dev.wirekit.testkit.pki.Issued;
import dev.wirekit.testkit.pki.TestPki;
import dev.wirekit.tls.testing.Attempt;
import dev.wirekit.tls.testing.Echo;
import dev.wirekit.tls.testing.Pki;
import dev.wirekit.tls.testing.RecordingLayer;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Mutual TLS, every cell: a client that offers no certificate, a valid one, an untrusted one or an
 * expired one, against a server with client auth NONE, OPTIONAL or REQUIRED; TLS 1.3 and 1.2; both
 * transports. Each cell states the outcome on both sides, with the typed error.
 */
class MutualTlsMatrixTest {
    enum ClientCert {
        NONE,
        VALID,
        UNTRUSTED,
        EXPIRED
    }

    private static TestPki pki;
    private static Issued serverCert;
    private static Issued valid;
    private static Issued untrusted;
    private static Issued expired;

    @BeforeAll
    static void pki() {
        pki = TestPki.create();
        serverCert = pki.localhost();
        valid = pki.client("alice");
        untrusted = TestPki.create("Stranger").client("mallory");
        expired = pki.leaf().cn("bob").expired().issue();
    }

    static Stream<Arguments> cells() {
        List<Arguments> cells = new ArrayList<>();
        for (String transport : List.of("nio", "blocking")) {
            for (TlsVersion version : TlsVersion.values()) {
                for (ClientAuth auth : ClientAuth.values()) {
                    for (ClientCert cert : ClientCert.values()) {
                        cells.add(Arguments.of(transport, version, auth, cert));
                    }
                }
            }
        }
        return cells.stream();
    }

    @ParameterizedTest(name = "{0} {1}: server {2}, client cert {3}")
    @MethodSource("cells")
    void cell(String transportName, TlsVersion version, ClientAuth auth, ClientCert cert) throws Exception {
        TlsServerConfig.Builder server =
                TlsServerConfig.builder(Pki.keyMaterial(serverCert)).clientAuth(auth);
        if (auth != ClientAuth.NONE) {
            server.clientTrust(Pki.trust(pki));
        }
        RecordingLayer serverLayer = new RecordingLayer(TlsLayer.server(server.build()));
        TlsClientConfig.Builder client =
                TlsClientConfig.builder().trust(Pki.trust(pki)).protocols(version);
        switch (cert) {
            case VALID -> client.keyMaterial(Pki.keyMaterial(valid));
            case UNTRUSTED -> client.keyMaterial(Pki.keyMaterial(untrusted));
            case EXPIRED -> client.keyMaterial(Pki.keyMaterial(expired));
            default -> {}
        }
        Echo.Lines echo = new Echo.Lines();
        try (Transport t = Transport.load(transportName);
                Server s = t.listen(
                        new InetSocketAddress("127.0.0.1", 0),
                        Framers.lines(256),
                        echo,
                        TransportOptions.builder().layer(serverLayer).build())) {
            Attempt attempt = Attempt.run(t, s.localAddress(), TlsLayer.client(client.build()));
            String cell = transportName + " " + version + " " + auth + "/" + cert + ": " + attempt;
            boolean requested = auth != ClientAuth.NONE;
            boolean expectSuccess =
                    cert == ClientCert.VALID || !requested || (cert == ClientCert.NONE && auth == ClientAuth.OPTIONAL);
            if (expectSuccess) {
                assertTrue(attempt.succeeded(), cell);
                assertEquals("ping", attempt.echoed(), cell);
                SecurityInfo seen = echo.opened.poll(30, TimeUnit.SECONDS);
                List<?> expectedPeer = requested && cert == ClientCert.VALID ? valid.chain() : List.of();
                assertEquals(expectedPeer, seen.peerCertificates(), cell + ": the service's view of the client");
                assertEquals(
                        requested && cert == ClientCert.VALID ? valid.chain() : List.of(),
                        attempt.security().localCertificates(),
                        cell + ": what the client presented");
                return;
            }
            assertTrue(!attempt.succeeded(), cell);
            TlsException onServer = assertInstanceOf(
                    TlsException.class, serverLayer.nextFailure(Duration.ofSeconds(30)), cell + " (server)");
            TlsException onClient = assertInstanceOf(TlsException.class, attempt.failure(), cell + " (client)");
            switch (cert) {
                case NONE -> {
                    assertInstanceOf(ClientCertificateRequiredException.class, onServer, cell);
                    if (version == TlsVersion.TLS_1_3) {
                        // certificate_required exists in TLS 1.3 only: the client knows exactly why
                        assertInstanceOf(ClientCertificateRequiredException.class, onClient, cell);
                        assertEquals("certificate_required", onClient.alert().orElseThrow(), cell);
                    } else {
                        assertEquals(TlsFailure.PEER_ALERT, onClient.failure(), cell);
                        assertEquals("handshake_failure", onClient.alert().orElseThrow(), cell);
                        assertTrue(onClient.getMessage().contains("client certificate"), cell);
                    }
                }
                case UNTRUSTED -> {
                    assertEquals(TlsFailure.UNTRUSTED_CERTIFICATE, onServer.failure(), cell);
                    assertInstanceOf(CertificateVerificationException.class, onServer, cell);
                    assertTrue(onServer.getMessage().startsWith("client certificate refused"), onServer.getMessage());
                    assertEquals(TlsFailure.CERTIFICATE_REJECTED_BY_PEER, onClient.failure(), cell);
                    assertEquals("unknown_ca", onClient.alert().orElseThrow(), cell);
                }
                case EXPIRED -> {
                    assertEquals(TlsFailure.CERTIFICATE_EXPIRED, onServer.failure(), cell);
                    assertEquals(TlsFailure.CERTIFICATE_REJECTED_BY_PEER, onClient.failure(), cell);
                    assertEquals("certificate_expired", onClient.alert().orElseThrow(), cell);
                }
                default -> throw new AssertionError(cell);
            }
            assertTrue(echo.opened.isEmpty(), cell + ": the service never saw a refused client");
        }
    }
}
