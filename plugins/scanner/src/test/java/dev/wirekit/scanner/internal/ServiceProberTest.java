package dev.wirekit.scanner.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wirekit.api.Connection;
import dev.wirekit.api.ConnectionHandler;
import dev.wirekit.api.Server;
import dev.wirekit.api.Transport;
import dev.wirekit.api.TransportOptions;
import dev.wirekit.scanner.MatchTable;
import dev.wirekit.scanner.Probe;
import dev.wirekit.scanner.Target;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The prober against one loopback listener each (this test's own): what it reads, what it sends,
 * and what it makes of it. Scans of whole port ranges happen only in {@code NamespaceScanTest}.
 */
class ServiceProberTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final int MAX = 1024;

    private Transport transport;
    private Server server;
    /** Everything each connection to the server received, in the order connections ended. */
    private final LinkedBlockingQueue<byte[]> received = new LinkedBlockingQueue<>();

    private final List<Throwable> serverFailures = new CopyOnWriteArrayList<>();

    @BeforeEach
    void open() {
        transport = Transport.load("nio");
    }

    @AfterEach
    void close() {
        if (server != null) {
            server.close();
        }
        transport.close();
    }

    /** A server that first runs {@code opening}, then records what the client sends until it closes. */
    private Target serve(ConnectionHandler opening) throws Exception {
        server = transport.listen(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                c -> {
                    try {
                        opening.handle(c);
                    } catch (Exception e) {
                        serverFailures.add(e);
                    }
                    ByteArrayOutputStream got = new ByteArrayOutputStream();
                    ByteBuffer buffer = ByteBuffer.allocate(4096);
                    try {
                        int n;
                        while ((n = c.read(buffer.clear(), WAIT)) >= 0) {
                            got.write(buffer.array(), 0, n);
                        }
                    } catch (java.io.IOException e) {
                        // a reset ends the conversation too
                    }
                    received.add(got.toByteArray());
                },
                TransportOptions.defaults());
        return new Target(null, InetAddress.getLoopbackAddress());
    }

    private int port() {
        return server.localAddress().getPort();
    }

    private ServiceProber prober(Set<Probe> probes) {
        TransportOptions options = TransportOptions.builder()
                .connectTimeout(Duration.ofSeconds(5))
                .handshakeTimeout(Duration.ofMillis(800))
                .build();
        return new ServiceProber(
                transport, options, MatchTable.builtIn(), ServiceNames.builtIn(), Duration.ofMillis(800), MAX, probes);
    }

    private ServiceProber.Findings identify(Target target, Set<Probe> probes) throws Exception {
        Connection first =
                transport.connect(new InetSocketAddress(target.address(), port()), TransportOptions.defaults());
        return prober(probes).identify(target, port(), first);
    }

    private byte[] nextConversation() throws InterruptedException {
        byte[] got = received.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
        if (got == null) {
            throw new AssertionError("the server saw no connection end within " + WAIT);
        }
        return got;
    }

    @Test
    void aGreetingIdentifiesTheServiceAndNothingIsSent() throws Exception {
        Target target = serve(c -> c.write(ByteBuffer.wrap(
                "220 mx.example.org ESMTP Postfix (Debian/GNU)\r\n".getBytes(StandardCharsets.US_ASCII))));
        ServiceProber.Findings found = identify(target, EnumSet.allOf(Probe.class));
        assertEquals("smtp", found.service().name());
        assertEquals("Postfix smtpd", found.service().product());
        assertEquals("greeting", found.banner().evidence());
        assertEquals(
                "220 mx.example.org ESMTP Postfix (Debian/GNU)\\r\\n",
                found.banner().text());
        assertEquals(0, nextConversation().length, "a service that speaks first is sent nothing");
        assertTrue(received.isEmpty(), "and only one connection is made");
    }

    @Test
    void aSilentServiceIsSentTheListedProbesAndNothingElse() throws Exception {
        Target target = serve(c -> {});
        ServiceProber.Findings found = identify(target, EnumSet.allOf(Probe.class));
        assertNull(found.banner());
        assertNull(found.tls());
        byte[] first = nextConversation();
        assertEquals(
                "HEAD / HTTP/1.1\r\nHost: 127.0.0.1:" + port()
                        + "\r\nUser-Agent: wirekit-scanner\r\nAccept: */*\r\nConnection: close\r\n\r\n",
                new String(first, StandardCharsets.ISO_8859_1),
                "the HTTP probe, on the connection that was listened to");
        byte[] second = nextConversation();
        assertTrue(second.length > 5, "a TLS ClientHello: " + second.length + " bytes");
        assertEquals(0x16, second[0], "a TLS handshake record");
        assertEquals(0x03, second[1]);
        assertEquals(0x01, second[5], "holding a ClientHello");
        int recordLength = ((second[3] & 0xff) << 8) | (second[4] & 0xff);
        assertEquals(5 + recordLength, second.length, "that one record and nothing more");
        assertTrue(received.isEmpty(), "two connections in all");
    }

    @Test
    void withoutProbesTheScannerOnlyListens() throws Exception {
        Target target = serve(c -> {});
        ServiceProber.Findings found = identify(target, Set.of());
        assertNull(found.banner());
        assertEquals(0, nextConversation().length);
        assertTrue(received.isEmpty());
    }

    @Test
    void anHttpAnswerIdentifiesTheServer() throws Exception {
        Target target = serve(c -> {
            ByteArrayOutputStream request = new ByteArrayOutputStream();
            ByteBuffer buffer = ByteBuffer.allocate(1);
            while (!request.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
                if (c.read(buffer.clear(), WAIT) < 0) {
                    return;
                }
                request.write(buffer.get(0));
            }
            c.write(ByteBuffer.wrap("HTTP/1.1 200 OK\r\nServer: nginx/1.25.3\r\nContent-Length: 5\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII)));
            c.shutdownOutput();
        });
        ServiceProber.Findings found = identify(target, EnumSet.allOf(Probe.class));
        assertEquals("http", found.service().name());
        assertEquals("nginx", found.service().product());
        assertEquals("1.25.3", found.service().version());
        assertEquals("http", found.banner().evidence());
        assertFalse(found.banner().truncated());
    }

    @Test
    void aFloodIsReadUpToTheBoundAndCutOff() throws Exception {
        Target target = serve(c -> {
            ByteBuffer chunk = ByteBuffer.wrap("flood ".repeat(10_000).getBytes(StandardCharsets.US_ASCII));
            while (true) {
                c.write(chunk.rewind()); // until the prober resets the connection
            }
        });
        ServiceProber.Findings found = identify(target, EnumSet.allOf(Probe.class));
        assertTrue(found.banner().truncated());
        assertEquals(MAX, found.banner().length());
        assertTrue(found.banner().text().startsWith("flood flood "));
        nextConversation();
        assertEquals(1, serverFailures.size(), "the flooding server's write failed: the connection was cut");
    }

    @Test
    void garbageIsReportedEscapedAndNotTrusted() throws Exception {
        byte[] junk = new byte[600];
        new java.util.Random(7).nextBytes(junk);
        junk[0] = 0x1b; // ESC
        Target target = serve(c -> c.write(ByteBuffer.wrap(junk)));
        ServiceProber.Findings found = identify(target, EnumSet.allOf(Probe.class));
        assertTrue(found.banner().binary());
        assertEquals(junk.length, found.banner().length());
        assertTrue(found.banner().text().startsWith("\\x1b"));
        assertTrue(found.service() == null || found.service().method().equals("port"), "nothing identified");
    }

    @Test
    void aTlsAlertToTheHttpProbeLeadsToTheTlsProbe() throws Exception {
        byte[] alert = {0x15, 0x03, 0x03, 0x00, 0x02, 0x02, 0x46};
        List<Byte> firstBytes = new CopyOnWriteArrayList<>();
        Target target = serve(c -> {
            ByteBuffer any = ByteBuffer.allocate(4096);
            try {
                c.read(any, Duration.ofSeconds(5)); // waits for the client to speak first, like a TLS server
            } catch (SocketTimeoutException e) {
                return;
            }
            firstBytes.add(any.get(0));
            c.write(ByteBuffer.wrap(alert));
            c.shutdownOutput();
        });
        ServiceProber.Findings found = identify(target, EnumSet.allOf(Probe.class));
        assertNull(found.tls(), "no certificate came");
        assertEquals("http", found.banner().evidence(), "what the HTTP probe got back is kept");
        assertEquals("\\x15\\x03\\x03\\x00\\x02\\x02F", found.banner().text());
        nextConversation();
        nextConversation();
        assertEquals(List.of((byte) 'H', (byte) 0x16), firstBytes, "the HTTP probe, then the TLS probe");
    }
}
