package dev.wirekit.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.wirekit.api.ClientSession;
import dev.wirekit.api.SecurityInfo;
import dev.wirekit.api.Server;
import dev.wirekit.api.Transport;
import dev.wirekit.api.TransportOptions;
import dev.wirekit.api.framing.Framers;
import dev.wirekit.testkit.pki.Issued;
import dev.wirekit.testkit.pki.TestPki;
import dev.wirekit.tls.testing.Echo;
import dev.wirekit.tls.testing.Pki;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** DTLS over real UDP sockets on both transports: per-peer sessions, security info, typed failures. */
class DtlsTransportTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static TestPki pki;

    @BeforeAll
    static void setUp() {
        pki = TestPki.create();
    }

    private static TransportOptions server(TlsServerConfig config) {
        return TransportOptions.builder().layer(DtlsLayer.server(config)).build();
    }

    private static TransportOptions client(TlsClientConfig config) {
        return TransportOptions.builder().layer(DtlsLayer.client(config)).build();
    }

    @ParameterizedTest
    @ValueSource(strings = {"nio", "blocking"})
    void manyPeersEachWithTheirOwnSession(String transportName) throws Exception {
        Echo.Lines echo = new Echo.Lines();
        Issued clientCert = pki.client("peer");
        Issued serverCert = pki.localhost();
        DtlsLayer clientLayer = DtlsLayer.client(TlsClientConfig.builder()
                .trust(Pki.trust(pki))
                .keyMaterial(Pki.keyMaterial(clientCert))
                .build());
        try (Transport t = Transport.load(transportName);
                Server s = t.bind(
                        new InetSocketAddress("127.0.0.1", 0),
                        Framers.lines(1024),
                        echo,
                        server(TlsServerConfig.builder(Pki.keyMaterial(serverCert))
                                .clientAuth(ClientAuth.REQUIRED)
                                .clientTrust(Pki.trust(pki))
                                .build()));
                ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            List<CompletableFuture<String>> results = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                int id = i;
                results.add(CompletableFuture.supplyAsync(
                        () -> {
                            try (ClientSession<String> c = t.connectDatagram(
                                    s.localAddress(),
                                    Framers.lines(1024),
                                    TransportOptions.builder()
                                            .layer(clientLayer)
                                            .build())) {
                                StringBuilder sb = new StringBuilder();
                                for (int j = 0; j < 3; j++) {
                                    c.send(id + "." + j);
                                    sb.append(c.receive(WAIT)).append(' ');
                                }
                                return sb.toString().trim();
                            } catch (IOException e) {
                                throw new IllegalStateException(e);
                            }
                        },
                        clients));
            }
            for (int i = 0; i < results.size(); i++) {
                assertEquals(i + ".0 " + i + ".1 " + i + ".2", results.get(i).get(60, TimeUnit.SECONDS));
            }
            SecurityInfo seen = echo.opened.poll(30, TimeUnit.SECONDS);
            assertEquals("DTLSv1.2", seen.protocol());
            assertEquals(clientCert.chain(), seen.peerCertificates());
            assertEquals(serverCert.chain(), seen.localCertificates());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"nio", "blocking"})
    void anUntrustedServerFailsConnectWithATypedError(String transportName) throws Exception {
        try (Transport t = Transport.load(transportName);
                Server s = t.bind(
                        new InetSocketAddress("127.0.0.1", 0),
                        Framers.lines(1024),
                        new Echo.Lines(),
                        server(TlsServerConfig.builder(Pki.keyMaterial(
                                        TestPki.create("Stranger").localhost()))
                                .build()))) {
            IOException e = assertThrows(
                    IOException.class,
                    () -> t.connectDatagram(
                            s.localAddress(),
                            Framers.lines(1024),
                            client(TlsClientConfig.builder()
                                    .trust(Pki.trust(pki))
                                    .build())));
            TlsException typed = assertInstanceOf(TlsException.class, rootTls(e), String.valueOf(e));
            assertEquals(TlsFailure.UNTRUSTED_CERTIFICATE, typed.failure());
        }
    }

    private static Throwable rootTls(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof TlsException) {
                return t;
            }
        }
        return e;
    }
}
