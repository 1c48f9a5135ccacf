package dev.wirekit.tls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wirekit.api.ClientSession;
import dev.wirekit.api.Connection;
import dev.wirekit.api.SecurityInfo;
import dev.wirekit.api.Server;
import dev.wirekit.api.Transport;
import dev.wirekit.api.TransportOptions;
import dev.wirekit.api.framing.Framers;
import dev.wirekit.testkit.pki.Issued;
import dev.wirekit.testkit.pki.TestPki;
import dev.wirekit.tls.testing.Echo;
import dev.wirekit.tls.testing.Pki;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** TLS over real sockets on both of Wirekit's transports: the same layer, the same results. */
class TlsTransportTest {
    private static final InetSocketAddress LOOPBACK = new InetSocketAddress("127.0.0.1", 0);
    private static TestPki pki;
    private static Issued serverCert;
    private static Issued clientCert;

    @BeforeAll
    static void pki() {
        pki = TestPki.create();
        serverCert = pki.localhost();
        clientCert = pki.client("alice");
    }

    private static TransportOptions serverOptions(TlsServerConfig config) {
        return TransportOptions.builder().layer(TlsLayer.server(config)).build();
    }

    private static TransportOptions clientOptions(TlsClientConfig config) {
        return TransportOptions.builder().layer(TlsLayer.client(config)).build();
    }

    @ParameterizedTest
    @ValueSource(strings = {"blocking", "nio"})
    void linesEchoOverBothVersions(String transportName) throws Exception {
        for (TlsVersion version : TlsVersion.values()) {
            Echo.Lines echo = new Echo.Lines();
            try (Transport t = Transport.load(transportName);
                    Server server = t.listen(
                            LOOPBACK,
                            Framers.lines(1024),
                            echo,
                            serverOptions(TlsServerConfig.builder(Pki.keyMaterial(serverCert))
                                    .build()));
                    ClientSession<String> client = t.connect(
                            server.localAddress(),
                            Framers.lines(1024),
                            clientOptions(TlsClientConfig.builder()
                                    .trust(Pki.trust(pki))
                                    .protocols(version)
                                    .build()))) {
                for (int i = 0; i < 20; i++) {
                    client.send("line " + i);
                    assertEquals("line " + i, client.receive(Duration.ofSeconds(30)));
                }
                assertEquals(
                        version.standardName(), client.security().orElseThrow().protocol());
                assertEquals(
                        version.standardName(),
                        echo.opened.poll(30, TimeUnit.SECONDS).protocol());
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"blocking", "nio"})
    void tenMegabytesRoundTrip(String transportName) throws Exception {
        byte[] payload = new byte[10 * 1024 * 1024];
        new SplittableRandom(10).nextBytes(payload);
        try (Transport t = Transport.load(transportName);
                Server server = t.listen(
                        LOOPBACK,
                        Framers.raw(64 * 1024),
                        new Echo.Bytes(),
                        serverOptions(TlsServerConfig.builder(Pki.keyMaterial(serverCert))
                                .build()));
                Connection c = t.connect(
                        server.localAddress(),
                        clientOptions(
                                TlsClientConfig.builder().trust(Pki.trust(pki)).build()));
                ExecutorService writer = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<?> written = writer.submit(() -> {
                OutputStream out = c.outputStream();
                for (int at = 0; at < payload.length; at += 100_000) {
                    out.write(payload, at, Math.min(100_000, payload.length - at));
                }
                out.flush();
                return null;
            });
            InputStream in = c.inputStream();
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[64 * 1024];
            long total = 0;
            while (total < payload.length) {
                int n = in.read(buf);
                if (n < 0) {
                    break;
                }
                digest.update(buf, 0, n);
                total += n;
            }
            written.get(60, TimeUnit.SECONDS);
            assertEquals(payload.length, total);
            assertArrayEquals(MessageDigest.getInstance("SHA-256").digest(payload), digest.digest());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"blocking", "nio"})
    void halfCloseStillReceivesTheReplies(String transportName) throws Exception {
        try (Transport t = Transport.load(transportName);
                Server server = t.listen(
                        LOOPBACK,
                        Framers.lines(1024),
                        new Echo.Lines(),
                        serverOptions(TlsServerConfig.builder(Pki.keyMaterial(serverCert))
                                .build()));
                Connection c = t.connect(
                        server.localAddress(),
                        clientOptions(
                                TlsClientConfig.builder().trust(Pki.trust(pki)).build()))) {
            c.outputStream().write("one\ntwo\nthree\n".getBytes(StandardCharsets.UTF_8));
            c.shutdownOutput(); // close_notify; our input stays open
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            c.inputStream().transferTo(got); // until the server's close_notify
            assertEquals("one\ntwo\nthree\n", got.toString(StandardCharsets.UTF_8));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"blocking", "nio"})
    void theServiceSeesPeerChainSniAndAlpn(String transportName) throws Exception {
        Echo.Lines echo = new Echo.Lines();
        try (Transport t = Transport.load(transportName);
                Server server = t.listen(
                        LOOPBACK,
                        Framers.lines(1024),
                        echo,
                        serverOptions(TlsServerConfig.builder(Pki.keyMaterial(serverCert))
                                .clientAuth(ClientAuth.REQUIRED)
                                .clientTrust(Pki.trust(pki))
                                .applicationProtocols("echo/1")
                                .build()));
                ClientSession<String> client = t.connect(
                        new InetSocketAddress("localhost", server.localAddress().getPort()),
                        Framers.lines(1024),
                        clientOptions(TlsClientConfig.builder()
                                .trust(Pki.trust(pki))
                                .keyMaterial(Pki.keyMaterial(clientCert))
                                .applicationProtocols("echo/1", "other")
                                .build()))) {
            client.send("hi");
            assertEquals("hi", client.receive(Duration.ofSeconds(30)));
            SecurityInfo seen = echo.opened.poll(30, TimeUnit.SECONDS);
            assertEquals("TLSv1.3", seen.protocol());
            assertEquals("TLS_AES_128_GCM_SHA256", seen.cipherSuite());
            assertEquals(clientCert.chain(), seen.peerCertificates());
            assertEquals(serverCert.chain(), seen.localCertificates());
            assertEquals(Optional.of("localhost"), seen.serverName());
            assertEquals(Optional.of("echo/1"), seen.applicationProtocol());
            SecurityInfo mine = client.security().orElseThrow();
            assertEquals(serverCert.chain(), mine.peerCertificates());
            assertEquals(Optional.of("echo/1"), mine.applicationProtocol());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"blocking", "nio"})
    void manyClientsAtOnce(String transportName) throws Exception {
        TlsLayer clientLayer =
                TlsLayer.client(TlsClientConfig.builder().trust(Pki.trust(pki)).build());
        try (Transport t = Transport.load(transportName);
                Server server = t.listen(
                        LOOPBACK,
                        Framers.lines(1024),
                        new Echo.Lines(),
                        serverOptions(TlsServerConfig.builder(Pki.keyMaterial(serverCert))
                                .build()));
                ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            List<CompletableFuture<String>> results = new ArrayList<>();
            for (int i = 0; i < 24; i++) {
                int id = i;
                results.add(CompletableFuture.supplyAsync(
                        () -> {
                            try (ClientSession<String> c = t.connect(
                                    server.localAddress(),
                                    Framers.lines(1024),
                                    TransportOptions.builder()
                                            .layer(clientLayer)
                                            .build())) {
                                StringBuilder sb = new StringBuilder();
                                for (int j = 0; j < 5; j++) {
                                    c.send(id + ":" + j);
                                    sb.append(c.receive(Duration.ofSeconds(60))).append(' ');
                                }
                                return sb.toString().trim();
                            } catch (Exception e) {
                                throw new IllegalStateException(e);
                            }
                        },
                        clients));
            }
            for (int i = 0; i < results.size(); i++) {
                assertEquals(
                        i + ":0 " + i + ":1 " + i + ":2 " + i + ":3 " + i + ":4",
                        results.get(i).get(90, TimeUnit.SECONDS));
            }
            assertTrue(server.stats().toString().length() > 0);
        }
    }
}
