package dev.wirekit.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wirekit.api.ClientSession;
import dev.wirekit.api.SecurityInfo;
import dev.wirekit.api.Server;
import dev.wirekit.api.Transport;
import dev.wirekit.api.TransportOptions;
import dev.wirekit.api.framing.Framers;
import dev.wirekit.testkit.pki.Issued;
import dev.wirekit.testkit.pki.PemFiles;
import dev.wirekit.testkit.pki.TestPki;
import dev.wirekit.tls.testing.Echo;
import dev.wirekit.tls.testing.Peer;
import dev.wirekit.tls.testing.Pki;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Interoperability with OpenSSL, a real peer: {@code openssl s_client} against Wirekit's TLS and
 * DTLS echo servers, and Wirekit's clients against {@code openssl s_server}. Needs the
 * {@code openssl} command (Debian package {@code openssl}); skipped without it.
 */
class OpensslInteropTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static TestPki pki;
    private static Issued server;

    @TempDir
    static Path dir;

    private static Path root;
    private static PemFiles serverFiles;
    private static Path intermediates;

    @BeforeAll
    static void setUp() throws Exception {
        Assumptions.assumeTrue(Peer.available("openssl"), "openssl is not installed (Debian package: openssl)");
        pki = TestPki.create();
        server = pki.localhost();
        root = pki.writeRootPem(dir, "root.pem");
        serverFiles = server.writePem(dir, "server");
        intermediates = pki.intermediate().writePem(dir, "intermediate").certificateChain();
    }

    private static List<String> sClient(String protocolFlag, int port) {
        return new ArrayList<>(List.of(
                "openssl",
                "s_client",
                protocolFlag,
                "-connect",
                "127.0.0.1:" + port,
                "-CAfile",
                root.toString(),
                "-verify_return_error",
                "-verify_hostname",
                "localhost",
                "-servername",
                "localhost",
                "-brief",
                "-no_ign_eof"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"-tls1_3", "-tls1_2"})
    void opensslClientTalksToOurTlsServer(String protocolFlag) throws Exception {
        Echo.Lines echo = new Echo.Lines();
        try (Transport t = Transport.load("nio");
                Server s = t.listen(
                        new InetSocketAddress("127.0.0.1", 0),
                        Framers.lines(1024),
                        echo,
                        TransportOptions.builder()
                                .layer(TlsLayer.server(TlsServerConfig.builder(Pki.keyMaterial(server))
                                        .build()))
                                .build());
                Peer client = Peer.start(sClient(protocolFlag, s.localAddress().getPort()))) {
            String version = protocolFlag.equals("-tls1_3") ? "TLSv1.3" : "TLSv1.2";
            client.await(l -> l.contains("Protocol version: " + version), WAIT);
            client.await(l -> l.contains("Verification: OK"), WAIT);
            client.send("hello from openssl\n");
            client.await(l -> l.equals("out: hello from openssl"), WAIT);
            client.stdin().close(); // s_client sends close_notify and exits
            assertEquals(0, client.awaitExit(WAIT), String.valueOf(client.output()));
            SecurityInfo seen = echo.opened.poll(30, TimeUnit.SECONDS);
            assertEquals(version, seen.protocol());
            assertEquals(java.util.Optional.of("localhost"), seen.serverName());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"-tls1_3", "-tls1_2"})
    void ourClientTalksToOpensslServer(String protocolFlag) throws Exception {
        try (Peer s = Peer.start(List.of(
                        "openssl",
                        "s_server",
                        protocolFlag,
                        "-accept",
                        "0",
                        "-cert",
                        serverFiles.certificateChain().toString(),
                        "-key",
                        serverFiles.privateKey().toString(),
                        "-cert_chain", // s_server sends only the leaf of -cert
                        intermediates.toString(),
                        "-rev"));
                Transport t = Transport.load("blocking")) {
            int port = port(s);
            try (ClientSession<String> c = t.connect(
                    new InetSocketAddress("127.0.0.1", port),
                    Framers.lines(1024),
                    TransportOptions.builder()
                            .serverName("localhost")
                            .layer(TlsLayer.client(TlsClientConfig.builder()
                                    .trust(Pki.trust(pki))
                                    .build()))
                            .build())) {
                c.send("wirekit");
                assertEquals("tikeriw", c.receive(WAIT), "s_server -rev reverses each line");
                String version = protocolFlag.equals("-tls1_3") ? "TLSv1.3" : "TLSv1.2";
                assertEquals(version, c.security().orElseThrow().protocol());
                assertEquals(server.chain(), c.security().orElseThrow().peerCertificates(), "leaf and intermediate");
            }
        }
    }

    @Test
    void opensslClientTalksToOurDtlsServer() throws Exception {
        Echo.Lines echo = new Echo.Lines() {
            @Override
            public void onMessage(dev.wirekit.api.Session<String> session, String message) {
                session.send(message + "\n"); // a datagram carries no line ending; s_client prints lines
            }
        };
        try (Transport t = Transport.load("nio");
                Server s = t.bind(
                        new InetSocketAddress("127.0.0.1", 0),
                        Framers.lines(1024),
                        echo,
                        TransportOptions.builder()
                                .layer(DtlsLayer.server(TlsServerConfig.builder(Pki.keyMaterial(server))
                                        .build()))
                                .build());
                Peer client = Peer.start(sClient("-dtls1_2", s.localAddress().getPort()))) {
            client.await(l -> l.contains("Protocol version: DTLSv1.2"), WAIT);
            client.send("hello over dtls\n");
            client.await(l -> l.equals("out: hello over dtls"), WAIT);
            SecurityInfo seen = echo.opened.poll(30, TimeUnit.SECONDS);
            assertEquals("DTLSv1.2", seen.protocol());
        }
    }

    @Test
    void ourDtlsClientTalksToOpensslServer() throws Exception {
        try (Peer s = Peer.start(List.of(
                        "openssl",
                        "s_server",
                        "-dtls1_2",
                        "-accept",
                        "0",
                        "-cert",
                        serverFiles.certificateChain().toString(),
                        "-key",
                        serverFiles.privateKey().toString(),
                        "-cert_chain",
                        intermediates.toString()));
                Transport t = Transport.load("nio")) {
            int port = port(s);
            try (ClientSession<String> c = t.connectDatagram(
                    new InetSocketAddress("127.0.0.1", port),
                    Framers.lines(1024),
                    TransportOptions.builder()
                            .serverName("localhost")
                            .layer(DtlsLayer.client(TlsClientConfig.builder()
                                    .trust(Pki.trust(pki))
                                    .build()))
                            .build())) {
                assertEquals("DTLSv1.2", c.security().orElseThrow().protocol());
                c.send("from wirekit\n"); // s_server prints what arrives; the newline ends its line
                s.await(l -> l.contains("from wirekit"), WAIT);
                s.send("from openssl\n");
                assertEquals("from openssl", c.receive(WAIT));
            }
        }
    }

    private static int port(Peer s) throws InterruptedException {
        String accept = s.await(l -> l.startsWith("out: ACCEPT"), WAIT);
        int port =
                Integer.parseInt(accept.substring(accept.lastIndexOf(':') + 1).trim());
        assertTrue(port > 0, accept);
        return port;
    }
}
