package dev.wirekit.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.wirekit.api.ClientSession;
import dev.wirekit.api.Server;
import dev.wirekit.api.Service;
import dev.wirekit.api.Session;
import dev.wirekit.api.SessionClosedException;
import dev.wirekit.api.Transport;
import dev.wirekit.api.TransportOptions;
import dev.wirekit.api.framing.CorruptedFrameException;
import dev.wirekit.api.framing.Framers;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The rules every datagram transport must follow (SPEC.md, section D). Skipped entirely, with the
 * reason, for a transport whose capabilities say it has no datagrams.
 */
@org.junit.jupiter.api.TestMethodOrder(dev.wirekit.testkit.RuleOrder.class)
public abstract class DatagramTransportVerification {
    private final TestEnvironment env = environment();
    private final List<AutoCloseable> cleanup = new ArrayList<>();
    /** The transport under test, fresh for every rule. */
    protected Transport transport;

    /** A new instance of the transport under test. */
    protected abstract Transport createTransport();

    protected TestEnvironment environment() {
        return new TestEnvironment();
    }

    /** Options for datagram servers (add a DTLS layer here to run the rules over it). */
    protected TransportOptions serverOptions() {
        return TransportOptions.defaults();
    }

    /** Options for datagram clients. */
    protected TransportOptions clientOptions() {
        return TransportOptions.defaults();
    }

    /**
     * Capability: the largest datagram the rules send (D-3). The transport's
     * {@code maxDatagramSize()} by default; a layer that protects each datagram as one record
     * (DTLS: 16,384 bytes of plaintext) lowers it.
     */
    protected int maxDatagramSize() {
        return transport.capabilities().maxDatagramSize();
    }

    /**
     * Capability: whether servers can run stateless (a zero datagram session timeout, rule D-5).
     * True without layers; a layer that keeps per-peer state (a DTLS session is a handshake) cannot
     * start afresh for every datagram, so the rule is skipped when a layer is set.
     */
    protected boolean statelessSessionsSupported() {
        return serverOptions().layers().isEmpty();
    }

    @BeforeEach
    void createTransportUnderTest() {
        transport = createTransport();
        assumeTrue(transport.capabilities().datagrams(), "the transport does not claim datagrams");
    }

    @AfterEach
    void closeEverything() {
        for (int i = cleanup.size() - 1; i >= 0; i--) {
            try {
                cleanup.get(i).close();
            } catch (Exception ignored) {
                // best effort
            }
        }
        transport.close();
    }

    private <R extends AutoCloseable> R closeLater(R resource) {
        cleanup.add(resource);
        return resource;
    }

    private static InetSocketAddress loopback() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
    }

    /** Replies to each datagram with "session-id:message" and records how sessions close. */
    private static final class Tagger implements Service<String> {
        final List<String> events = new CopyOnWriteArrayList<>();
        final List<Throwable> closes = new CopyOnWriteArrayList<>();

        @Override
        public void onOpen(Session<String> session) {
            events.add("open " + session.id());
        }

        @Override
        public void onMessage(Session<String> session, String message) {
            events.add("message " + session.id());
            session.send(session.id() + ":" + message);
        }

        @Override
        public void onClose(Session<String> session, Throwable cause) {
            events.add("close " + session.id());
            closes.add(cause == null ? new Probes.OrderlyClose() : cause);
        }
    }

    private String receiveWithRetry(ClientSession<String> client, String message) throws Exception {
        // UDP may drop on a busy machine: resend a few times before failing.
        for (int attempt = 0; attempt < 5; attempt++) {
            client.send(message);
            try {
                return client.receive(env.timeout().dividedBy(5));
            } catch (SocketTimeoutException e) {
                // lost: try again
            }
        }
        throw new AssertionError("no reply to '" + message + "' after 5 attempts");
    }

    @Test
    public void required_D1_datagramRoundTrip() {
        Rule.verify(
                "D-1",
                "a datagram sent to a datagram server is answered to its sender",
                "deliver each datagram with its sender address and send replies to that address",
                () -> {
                    Server server =
                            closeLater(transport.bind(loopback(), Framers.lines(1024), new Tagger(), serverOptions()));
                    ClientSession<String> client = closeLater(
                            transport.connectDatagram(server.localAddress(), Framers.lines(1024), clientOptions()));
                    assertTrue(receiveWithRetry(client, "5 + 3").endsWith(":5 + 3"));
                    assertEquals("udp", server.protocol());
                });
    }

    @Test
    public void required_D2_eachPeerHasItsOwnSession() {
        Rule.verify(
                "D-2",
                "two peers get two sessions, and each reply goes to its own peer",
                "key sessions by the sender's address and port",
                () -> {
                    Server server =
                            closeLater(transport.bind(loopback(), Framers.lines(1024), new Tagger(), serverOptions()));
                    ClientSession<String> a = closeLater(
                            transport.connectDatagram(server.localAddress(), Framers.lines(1024), clientOptions()));
                    ClientSession<String> b = closeLater(
                            transport.connectDatagram(server.localAddress(), Framers.lines(1024), clientOptions()));
                    String fromA = receiveWithRetry(a, "from a");
                    String fromB = receiveWithRetry(b, "from b");
                    assertTrue(fromA.endsWith(":from a") && fromB.endsWith(":from b"));
                    assertNotEquals(fromA.split(":")[0], fromB.split(":")[0], "both peers shared one session");
                    String again = receiveWithRetry(a, "a again");
                    assertEquals(
                            fromA.split(":")[0], again.split(":")[0], "a peer's second datagram opened a new session");
                });
    }

    @Test
    public void required_D3_largestDatagramIntact() {
        int size = maxDatagramSize();
        Rule.verify(
                "D-3",
                "a datagram of the largest size the transport claims (" + size + " bytes) arrives intact",
                "receive into a buffer larger than maxDatagramSize so nothing is truncated",
                () -> {
                    Service<ByteBuffer> echo = (session, message) -> session.send(message);
                    Server server = closeLater(transport.bind(loopback(), Framers.raw(size), echo, serverOptions()));
                    ClientSession<ByteBuffer> client = closeLater(
                            transport.connectDatagram(server.localAddress(), Framers.raw(size), clientOptions()));
                    byte[] payload = new byte[size];
                    new Random(4).nextBytes(payload);
                    ByteBuffer reply = null;
                    for (int attempt = 0; attempt < 5 && reply == null; attempt++) {
                        client.send(ByteBuffer.wrap(payload));
                        try {
                            reply = client.receive(env.timeout().dividedBy(5));
                        } catch (SocketTimeoutException e) {
                            // lost: try again
                        }
                    }
                    assertTrue(reply != null, "no reply to a " + size + "-byte datagram");
                    byte[] got = new byte[reply.remaining()];
                    reply.get(got);
                    assertArrayEquals(payload, got);
                });
    }

    @Test
    public void required_D4_idlePeerSessionsExpire() {
        Rule.verify(
                "D-4",
                "a peer session closes after the datagram session timeout, in order (no error)",
                "arm a timer per peer session and re-arm it on every datagram",
                () -> {
                    Tagger tagger = new Tagger();
                    TransportOptions options = serverOptions().toBuilder()
                            .datagramSessionTimeout(Duration.ofMillis(200))
                            .build();
                    Server server = closeLater(transport.bind(loopback(), Framers.lines(1024), tagger, options));
                    ClientSession<String> client = closeLater(
                            transport.connectDatagram(server.localAddress(), Framers.lines(1024), clientOptions()));
                    receiveWithRetry(client, "hi");
                    env.awaitTrue("the idle peer session to close", () -> !tagger.closes.isEmpty());
                    assertInstanceOf(Probes.OrderlyClose.class, tagger.closes.get(0));
                    env.awaitTrue(
                            "the peer to leave the active count",
                            () -> server.stats().active() == 0);
                });
    }

    @Test
    public void required_D5_statelessModeOpensAndClosesPerDatagram() {
        assumeTrue(
                statelessSessionsSupported(),
                "a layer with per-peer state (DTLS) is set: every datagram cannot open a fresh session");
        Rule.verify(
                "D-5",
                "with a zero session timeout every datagram gets open, message and close, in that order",
                "run the three callbacks for a datagram in sequence on one serial executor",
                () -> {
                    Tagger tagger = new Tagger();
                    TransportOptions options = serverOptions().toBuilder()
                            .datagramSessionTimeout(Duration.ZERO)
                            .build();
                    Server server = closeLater(transport.bind(loopback(), Framers.lines(1024), tagger, options));
                    ClientSession<String> client = closeLater(
                            transport.connectDatagram(server.localAddress(), Framers.lines(1024), clientOptions()));
                    String first = receiveWithRetry(client, "one");
                    String id = first.split(":")[0];
                    env.awaitTrue(
                            "the close of the first datagram's session", () -> tagger.events.contains("close " + id));
                    List<String> forId = tagger.events.stream()
                            .filter(e -> e.endsWith(" " + id))
                            .toList();
                    assertEquals(List.of("open " + id, "message " + id, "close " + id), forId);
                    String second = receiveWithRetry(client, "two");
                    assertNotEquals(id, second.split(":")[0], "a stateless session was reused");
                });
    }

    @Test
    public void required_D6_badDatagramAffectsOnlyItsPeer() {
        Rule.verify(
                "D-6",
                "a datagram that is not a valid frame closes only its sender's session",
                "catch FramingException per datagram and keep the socket serving",
                () -> {
                    Tagger tagger = new Tagger();
                    Server server =
                            closeLater(transport.bind(loopback(), Framers.lines(1024), tagger, serverOptions()));
                    ClientSession<ByteBuffer> bad = closeLater(
                            transport.connectDatagram(server.localAddress(), Framers.raw(64), clientOptions()));
                    ClientSession<String> good = closeLater(
                            transport.connectDatagram(server.localAddress(), Framers.lines(1024), clientOptions()));
                    bad.send(ByteBuffer.wrap(new byte[] {'h', (byte) 0xC3, (byte) 0x28}));
                    receiveWithRetry(good, "fine");
                    try {
                        bad.send(ByteBuffer.wrap(new byte[] {'h', (byte) 0xC3, (byte) 0x28}));
                    } catch (SessionClosedException toldByTheLayer) {
                        // a layer (DTLS) told the bad peer its session closed: the first datagram arrived
                    }
                    env.awaitTrue("the bad peer's session to close", () -> !tagger.closes.isEmpty());
                    assertInstanceOf(CorruptedFrameException.class, tagger.closes.get(0));
                    assertTrue(receiveWithRetry(good, "still fine").endsWith(":still fine"));
                });
    }

    @Test
    public void required_D7_peerLimitRefusesNewPeers() {
        Rule.verify(
                "D-7",
                "beyond maxConnections, datagrams from new peers are refused and counted; known peers are served",
                "count peer sessions and refuse (and count) datagrams that would open one too many",
                () -> {
                    TransportOptions options =
                            serverOptions().toBuilder().maxConnections(1).build();
                    Server server = closeLater(transport.bind(loopback(), Framers.lines(1024), new Tagger(), options));
                    ClientSession<String> first = closeLater(
                            transport.connectDatagram(server.localAddress(), Framers.lines(1024), clientOptions()));
                    receiveWithRetry(first, "first");
                    ClientSession<String> second = null;
                    try {
                        second = closeLater(transport.connectDatagram(
                                server.localAddress(),
                                Framers.lines(1024),
                                clientOptions().toBuilder()
                                        .handshakeTimeout(Duration.ofSeconds(2))
                                        .build()));
                        second.send("second");
                    } catch (IOException refusedDuringHandshake) {
                        // a layer's handshake (DTLS) gets no answer from a server that refuses the peer
                    }
                    env.awaitTrue(
                            "the second peer to be refused",
                            () -> server.stats().refused() >= 1);
                    if (second != null) {
                        ClientSession<String> refused = second;
                        assertThrows(SocketTimeoutException.class, () -> refused.receive(Duration.ofMillis(200)));
                    }
                    assertTrue(receiveWithRetry(first, "again").endsWith(":again"));
                });
    }
}
