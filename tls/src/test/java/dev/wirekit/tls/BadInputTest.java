package dev.wirekit.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wirekit.api.ClientSession;
import dev.wirekit.api.Server;
import dev.wirekit.api.Transport;
import dev.wirekit.api.TransportOptions;
import dev.wirekit.api.framing.Framers;
import dev.wirekit.api.layer.LayerContext;
import dev.wirekit.testkit.pki.TestPki;
import dev.wirekit.tls.testing.Echo;
import dev.wirekit.tls.testing.Endpoint;
import dev.wirekit.tls.testing.LogCapture;
import dev.wirekit.tls.testing.Pki;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Peers that do not speak TLS properly: each such connection closes with exactly one clear log line
 * naming it, and a well-behaved client on the same server carries on untouched.
 */
class BadInputTest {
    private static TestPki pki;
    private static byte[] clientHello;

    @BeforeAll
    static void setUp() throws IOException {
        pki = TestPki.create();
        Endpoint client = new Endpoint(
                TlsLayer.client(TlsClientConfig.builder().trust(Pki.trust(pki)).build()),
                LayerContext.Role.CLIENT,
                Optional.of("localhost"),
                Runnable::run,
                null,
                1,
                2);
        client.engine.start();
        clientHello = client.drainNetwork();
    }

    /** What the bad peer does, and the words its log line must contain. */
    private enum Misbehaviour {
        GARBAGE("did not start a TLS handshake"),
        PLAINTEXT_HTTP("plaintext HTTP request to a TLS port"),
        TRUNCATED_HANDSHAKE("closed the connection during the handshake"),
        STALLED_HANDSHAKE("handshake not complete after"),
        OVERSIZED_RECORD("longer than TLS allows");

        final String logged;

        Misbehaviour(String logged) {
            this.logged = logged;
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"nio", "blocking"})
    void eachBadPeerGetsOneLogLineAndOthersCarryOn(String transportName) throws Exception {
        TransportOptions serverOptions = TransportOptions.builder()
                .handshakeTimeout(Duration.ofMillis(400))
                .layer(TlsLayer.server(TlsServerConfig.builder(Pki.keyMaterial(pki.localhost()))
                        .build()))
                .build();
        TransportOptions clientOptions = TransportOptions.builder()
                .layer(TlsLayer.client(
                        TlsClientConfig.builder().trust(Pki.trust(pki)).build()))
                .build();
        try (LogCapture log = LogCapture.connections();
                Transport t = Transport.load(transportName);
                Server server = t.listen(
                        new InetSocketAddress("127.0.0.1", 0), Framers.lines(256), new Echo.Lines(), serverOptions);
                ClientSession<String> good = t.connect(server.localAddress(), Framers.lines(256), clientOptions)) {
            good.send("before");
            assertEquals("before", good.receive(Duration.ofSeconds(30)));
            for (Misbehaviour m : Misbehaviour.values()) {
                int port;
                try (Socket bad = new Socket("127.0.0.1", server.localAddress().getPort())) {
                    port = bad.getLocalPort();
                    bad.setSoTimeout(30_000);
                    misbehave(m, bad);
                    assertClosedByServer(bad.getInputStream(), m);
                }
                String line = log.await(l -> l.contains(":" + port + ":"), Duration.ofSeconds(30));
                assertTrue(line.contains(m.logged), m + " logged: " + line);
                // the good client is unaffected, between every bad one
                good.send("after " + m);
                assertEquals("after " + m, good.receive(Duration.ofSeconds(30)));
                List<String> lines = log.lines(l -> l.contains(":" + port + ":"));
                assertEquals(1, lines.size(), m + ": exactly one line, got " + lines);
            }
            assertTrue(good.isOpen());
        }
    }

    private static void misbehave(Misbehaviour m, Socket bad) throws IOException {
        var out = bad.getOutputStream();
        switch (m) {
            case GARBAGE -> {
                byte[] noise = new byte[64];
                new SplittableRandom(1).nextBytes(noise);
                noise[0] = 0x42;
                out.write(noise);
            }
            case PLAINTEXT_HTTP ->
                out.write("GET / HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            case TRUNCATED_HANDSHAKE -> {
                out.write(Arrays.copyOf(clientHello, clientHello.length / 2));
                out.flush();
                bad.shutdownOutput();
            }
            case STALLED_HANDSHAKE -> out.write(Arrays.copyOf(clientHello, 10)); // then nothing
            case OVERSIZED_RECORD -> {
                byte[] header = {0x16, 0x03, 0x03, (byte) 0xFF, (byte) 0xFF};
                out.write(header);
                out.write(new byte[1024]);
            }
        }
        out.flush();
    }

    /** Reads until the server closes: an alert at most, then end of stream or a reset. */
    private static void assertClosedByServer(InputStream in, Misbehaviour m) throws IOException {
        byte[] buf = new byte[4096];
        int total = 0;
        try {
            int n;
            while ((n = in.read(buf)) >= 0) {
                total += n;
                assertTrue(total < 4096, m + ": the server should close, not talk");
            }
        } catch (SocketException e) {
            // a reset is a close too
        }
    }
}
