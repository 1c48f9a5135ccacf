package dev.wirekit.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.wirekit.api.ClientSession;
import dev.wirekit.api.Connection;
import dev.wirekit.api.HandshakeTimeoutException;
import dev.wirekit.api.SecurityInfo;
import dev.wirekit.api.Server;
import dev.wirekit.api.Service;
import dev.wirekit.api.Session;
import dev.wirekit.api.Transport;
import dev.wirekit.api.TransportOptions;
import dev.wirekit.api.framing.Framers;
import dev.wirekit.api.layer.Layer;
import dev.wirekit.testkit.doubles.PipeTransportProvider;
import dev.wirekit.testkit.property.Chunking;
import dev.wirekit.testkit.property.Generators;
import dev.wirekit.testkit.property.Property;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The rules every stream layer (TLS and the like) must follow (SPEC.md, section L). Extend it and
 * give a server layer and a client layer that trust each other, and a client layer the server's
 * handshake must fail with:
 *
 * <pre>{@code
 * class MyTlsLayerTest extends LayerVerification {
 *     static final TestPki PKI = TestPki.create();
 *     protected Layer serverLayer() { return MyTls.server(PKI.localhost()); }
 *     protected Layer clientLayer() { return MyTls.client(PKI.trustAnchors()); }
 *     protected Layer untrustedClientLayer() { return MyTls.client(TestPki.create("Other").trustAnchors()); }
 * }
 * }</pre>
 *
 * <p>Rules L-1 to L-3 drive the two {@link dev.wirekit.api.layer.LayerEngine}s directly, in memory,
 * with the bytes between them cut one byte at a time or in random pieces; L-4 to L-9 run the layer
 * over a transport ({@link #createTransport()}: the in-memory {@link PipeTransportProvider} unless
 * overridden, so the rules certify the layer, not a network). Datagram layers (DTLS) are certified
 * by running {@link DatagramTransportVerification} with the layer in its options; here they are
 * skipped.
 */
@org.junit.jupiter.api.TestMethodOrder(dev.wirekit.testkit.RuleOrder.class)
public abstract class LayerVerification {
    private final TestEnvironment env = environment();
    private final List<AutoCloseable> cleanup = new ArrayList<>();
    /** The transport the L-4..L-9 rules run the layer over, fresh for every rule. */
    protected Transport transport;

    /** The server side of the layer under test. */
    protected abstract Layer serverLayer();

    /** A client side that completes a handshake with {@link #serverLayer()}. */
    protected abstract Layer clientLayer();

    /**
     * A client side whose handshake with {@link #serverLayer()} must fail (it does not trust the
     * server's certificate, or the server does not trust it); null when the layer authenticates
     * nobody, which skips L-3 and L-4.
     */
    protected abstract Layer untrustedClientLayer();

    /** The transport for the rules that need one; an in-memory one by default. */
    protected Transport createTransport() {
        return PipeTransportProvider.transport();
    }

    /** The host name a client engine is told it connects to (SNI, certificate checks); {@code localhost}. */
    protected Optional<String> serverName() {
        return Optional.of("localhost");
    }

    /** Capability: whether the layer reports a {@link SecurityInfo} (L-9); true. */
    protected boolean providesSecurity() {
        return true;
    }

    /** How many random inputs each property rule tries; 25 (each is a full handshake). */
    protected int trials() {
        return 25;
    }

    /** Timeouts and waiting helpers; override to change the defaults. */
    protected TestEnvironment environment() {
        return new TestEnvironment();
    }

    @BeforeEach
    void createTransportUnderTest() {
        assumeTrue(
                !serverLayer().forDatagrams(),
                "a datagram layer: run DatagramTransportVerification with the layer in its options");
        transport = createTransport();
    }

    @AfterEach
    void closeEverything() {
        for (int i = cleanup.size() - 1; i >= 0; i--) {
            try {
                cleanup.get(i).close();
            } catch (Exception ignored) {
                // best effort: the rule already has its verdict
            }
        }
        if (transport != null) {
            transport.close();
        }
    }

    private <R extends AutoCloseable> R closeLater(R resource) {
        cleanup.add(resource);
        return resource;
    }

    private static InetSocketAddress loopback() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
    }

    private static TransportOptions with(Layer layer) {
        return TransportOptions.builder().layer(layer).build();
    }

    private LayerPair handshake(Chunking chunking, SplittableRandom random) {
        LayerPair pair = new LayerPair(serverLayer(), clientLayer(), serverName());
        pair.start();
        pair.pump(
                "both sides to be established",
                chunking,
                random,
                () -> (pair.client.isEstablished() && pair.server.isEstablished())
                        || pair.client.hasFailed()
                        || pair.server.hasFailed(),
                env.timeout());
        assertFalse(pair.client.hasFailed(), () -> "the client failed: " + pair.client.failure.join());
        assertFalse(pair.server.hasFailed(), () -> "the server failed: " + pair.server.failure.join());
        return pair;
    }

    // ---- L-1 .. L-3: the engines, in memory ------------------------------------------------

    private void roundTrip(Chunking chunking) {
        Property.named("L-1 layer round trip, " + chunking)
                .trials(chunking == Chunking.ONE_BYTE ? Math.max(1, trials() / 5) : trials())
                .shrinks(10) // every step is a handshake, and a lost byte is only noticed after a quiet spell
                .check(Generators.lists(Generators.bytes(4096), 12), messages -> {
                    SplittableRandom random = new SplittableRandom(messages.size());
                    try (LayerPair pair = handshake(chunking, random)) {
                        ByteArrayOutputStream toServer = new ByteArrayOutputStream();
                        ByteArrayOutputStream toClient = new ByteArrayOutputStream();
                        for (int i = 0; i < messages.size(); i++) {
                            byte[] m = messages.get(i);
                            pair.client.send(m);
                            toServer.writeBytes(m);
                            byte[] back = messages.get(messages.size() - 1 - i);
                            pair.server.send(back);
                            toClient.writeBytes(back);
                        }
                        pair.pump(
                                "all bytes to arrive",
                                chunking,
                                random,
                                () -> pair.server.application.size() >= toServer.size()
                                                && pair.client.application.size() >= toClient.size()
                                        || pair.client.hasFailed()
                                        || pair.server.hasFailed()
                                        || diverged(pair.server.application, toServer)
                                        || diverged(pair.client.application, toClient),
                                env.timeout(),
                                Duration.ofMillis(200));
                        assertFalse(pair.client.hasFailed(), pair.client::toString);
                        assertFalse(pair.server.hasFailed(), pair.server::toString);
                        assertArrayEquals(
                                toServer.toByteArray(),
                                pair.server.application.toByteArray(),
                                "bytes the server received");
                        assertArrayEquals(
                                toClient.toByteArray(),
                                pair.client.application.toByteArray(),
                                "bytes the client received");
                        assertNull(pair.client.earlyApplicationBytes, "client: application bytes before established");
                        assertNull(pair.server.earlyApplicationBytes, "server: application bytes before established");
                    }
                });
    }

    @Test
    public void required_L1_roundTripWhateverTheChunking() {
        Rule.verify(
                "L-1",
                "bytes sent both ways through the layer come out whole and in order when the network delivers them"
                        + " in random pieces or one byte at a time",
                "buffer partial records inside the engine, consume every byte receive() is given, and never"
                        + " deliver application bytes before established()",
                () -> {
                    roundTrip(Chunking.RANDOM);
                    roundTrip(Chunking.ONE_BYTE);
                });
    }

    @Test
    public void required_L2_nothingBeforeTheHandshake() {
        Rule.verify(
                "L-2",
                "bytes that are not the layer's handshake (plaintext HTTP) never come out as application data",
                "deliver application bytes only after the handshake has completed and authenticated the peer",
                () -> {
                    byte[] plaintext =
                            "GET / HTTP/1.1\r\nHost: localhost\r\n\r\nhello\n".getBytes(StandardCharsets.US_ASCII);
                    for (Chunking chunking : List.of(Chunking.ALL_AT_ONCE, Chunking.ONE_BYTE)) {
                        try (LayerPair pair = new LayerPair(serverLayer(), clientLayer(), serverName())) {
                            pair.server.call(pair.server.engine::start);
                            for (ByteBuffer piece : chunking.split(plaintext, new SplittableRandom(2))) {
                                if (pair.server.hasFailed()) {
                                    break;
                                }
                                pair.server.call(() -> pair.server.engine.receive(piece));
                            }
                            assertEquals(
                                    0,
                                    pair.server.application.size(),
                                    "the server engine passed on plaintext (" + chunking + ")");
                            assertFalse(pair.server.isEstablished(), "the server engine established on plaintext");
                        }
                    }
                });
    }

    @Test
    public void required_L3_failedHandshakeFailsBothSides() {
        assumeTrue(untrustedClientLayer() != null, "the layer authenticates nobody (untrustedClientLayer() is null)");
        Rule.verify(
                "L-3",
                "a handshake that fails fails both engines with an exception, and the side that refused tells the other"
                        + " (an alert) before it closes",
                "report the failure through LayerSink.failed (or throw from receive) and send the alert to the"
                        + " network before reporting it",
                () -> {
                    for (Chunking chunking : List.of(Chunking.ALL_AT_ONCE, Chunking.RANDOM)) {
                        try (LayerPair pair = new LayerPair(serverLayer(), untrustedClientLayer(), serverName())) {
                            pair.start();
                            pair.pump(
                                    "both engines to fail (" + chunking + ")",
                                    chunking,
                                    new SplittableRandom(3),
                                    () -> pair.client.hasFailed() && pair.server.hasFailed(),
                                    env.timeout());
                            assertNotNull(pair.client.failure.join(), "client failure");
                            assertNotNull(pair.server.failure.join(), "server failure");
                            assertEquals(0, pair.server.application.size(), "application bytes reached the server");
                        }
                    }
                });
    }

    // ---- L-4 .. L-9: over a transport -----------------------------------------------------

    @Test
    public void required_L4_failedHandshakeFailsTheConnectNotAHang() {
        assumeTrue(untrustedClientLayer() != null, "the layer authenticates nobody (untrustedClientLayer() is null)");
        Rule.verify(
                "L-4",
                "a client whose handshake fails gets an IOException from connect, and the server serves the next client",
                "fail the handshake future with the layer's exception (not a timeout); close only that connection",
                () -> {
                    Probes.Echo<String> echo = new Probes.Echo<>();
                    Server server =
                            closeLater(transport.listen(loopback(), Framers.lines(1024), echo, with(serverLayer())));
                    long start = System.nanoTime();
                    assertThrows(
                            IOException.class,
                            () -> closeLater(transport.connect(
                                    server.localAddress(), Framers.lines(1024), with(untrustedClientLayer()))));
                    Duration took = Duration.ofNanos(System.nanoTime() - start);
                    assertTrue(
                            took.compareTo(TransportOptions.defaults().handshakeTimeout()) < 0,
                            "the failure took " + took + ": it waited for the handshake timeout instead of the alert");
                    try (ClientSession<String> good =
                            transport.connect(server.localAddress(), Framers.lines(1024), with(clientLayer()))) {
                        good.send("still serving");
                        assertEquals("still serving", good.receive(env.timeout()));
                    }
                    assertEquals(1, echo.opened.size(), "sessions opened: the refused client's must not be");
                });
    }

    @Test
    public void required_L5_largeTransfersIntact() {
        Rule.verify(
                "L-5",
                "8 MB written each way through the layer, in writes larger than a record, arrive byte for byte",
                "split large plaintext into records (16 KiB in TLS) and keep partial records across reads",
                () -> {
                    byte[] data = new byte[8 * 1024 * 1024];
                    new Random(5).nextBytes(data);
                    Server server = closeLater(transport.listen(loopback(), Probes.rawEcho(), with(serverLayer())));
                    Connection connection = closeLater(transport.connect(server.localAddress(), with(clientLayer())));
                    try (ExecutorService reader = Executors.newVirtualThreadPerTaskExecutor()) {
                        Future<byte[]> echoed =
                                reader.submit(() -> Probes.readExactly(connection, data.length, env.timeout()));
                        for (int at = 0; at < data.length; at += 100_000) {
                            connection.write(ByteBuffer.wrap(data, at, Math.min(100_000, data.length - at)));
                        }
                        connection.flush();
                        assertArrayEquals(
                                sha256(data), sha256(env.await("8 MB to come back", echoed)), "echoed bytes differ");
                    }
                });
    }

    @Test
    public void required_L6_orderlyCloseDeliversTheLastBytes() {
        Rule.verify(
                "L-6",
                "bytes written just before an orderly close all arrive, then the end of input; the other direction"
                        + " stays open (half-close)",
                "on closeOutbound send the close message after every queued record; report the peer's close as"
                        + " endOfInput, not as a failure, and keep the output open",
                () -> {
                    byte[] data = new byte[300_000];
                    new Random(6).nextBytes(data);
                    Server server = closeLater(transport.listen(
                            loopback(),
                            connection -> {
                                MessageDigest digest = MessageDigest.getInstance("SHA-256");
                                ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
                                long total = 0;
                                while (connection.read(buffer) >= 0) {
                                    buffer.flip();
                                    total += buffer.remaining();
                                    digest.update(buffer);
                                    buffer.clear();
                                }
                                String reply =
                                        total + " " + java.util.HexFormat.of().formatHex(digest.digest()) + "\n";
                                connection.write(ByteBuffer.wrap(reply.getBytes(StandardCharsets.US_ASCII)));
                                connection.shutdownOutput();
                                connection.flush();
                            },
                            with(serverLayer())));
                    Connection connection = closeLater(transport.connect(server.localAddress(), with(clientLayer())));
                    connection.write(ByteBuffer.wrap(data));
                    connection.shutdownOutput();
                    ByteArrayOutputStream got = new ByteArrayOutputStream();
                    ByteBuffer buffer = ByteBuffer.allocate(1024);
                    while (connection.read(buffer, env.timeout()) >= 0) {
                        got.write(buffer.array(), 0, buffer.position());
                        buffer.clear();
                    }
                    String expected =
                            data.length + " " + java.util.HexFormat.of().formatHex(sha256(data)) + "\n";
                    assertEquals(expected, got.toString(StandardCharsets.US_ASCII), "what the server received");
                });
    }

    @Test
    public void required_L7_stalledPeerHitsTheHandshakeTimeout() {
        Rule.verify(
                "L-7",
                "a peer that never completes the handshake is dropped after the handshake timeout, on either side",
                "bound the handshake with TransportOptions.handshakeTimeout (the machinery does, if the engine reports"
                        + " established() only when the handshake is complete)",
                () -> {
                    Duration limit = Duration.ofMillis(300);
                    // a silent client against the layer's server
                    Probes.Echo<String> echo = new Probes.Echo<>();
                    Server server = closeLater(transport.listen(
                            loopback(),
                            Framers.lines(1024),
                            echo,
                            with(serverLayer()).toBuilder()
                                    .handshakeTimeout(limit)
                                    .build()));
                    long start = System.nanoTime();
                    Connection silent =
                            closeLater(transport.connect(server.localAddress(), TransportOptions.defaults()));
                    try {
                        ByteBuffer buffer = ByteBuffer.allocate(4096);
                        while (silent.read(buffer.clear(), env.timeout()) >= 0) {
                            // an alert, perhaps; then the close
                        }
                    } catch (java.net.SocketTimeoutException e) {
                        throw new AssertionError("the stalled connection was still open after " + env.timeout(), e);
                    } catch (IOException reset) {
                        // a reset ends it too
                    }
                    long elapsed = (System.nanoTime() - start) / 1_000_000;
                    assertTrue(
                            elapsed >= limit.toMillis() - 20, "dropped after " + elapsed + " ms, before the timeout");
                    assertTrue(echo.opened.isEmpty(), "the service saw a peer that never completed the handshake");
                    // the layer's client against a server that never answers
                    Server mute = closeLater(transport.listen(
                            loopback(),
                            connection -> {
                                ByteBuffer sink = ByteBuffer.allocate(4096);
                                while (connection.read(sink.clear()) >= 0) {
                                    // swallow the handshake, answer nothing
                                }
                            },
                            TransportOptions.defaults()));
                    assertThrows(
                            HandshakeTimeoutException.class,
                            () -> closeLater(transport.connect(
                                    mute.localAddress(),
                                    with(clientLayer()).toBuilder()
                                            .handshakeTimeout(limit)
                                            .build())));
                });
    }

    @Test
    public void required_L8_serviceSeesOnlyAuthenticatedPeers() {
        Rule.verify(
                "L-8",
                "a peer that sends plaintext instead of the handshake never reaches the service: no onOpen, no message",
                "open the session only on established(); a protocol error during the handshake closes the connection",
                () -> {
                    CompletableFuture<String> breach = new CompletableFuture<>();
                    Service<String> recording = new Service<>() {
                        @Override
                        public void onOpen(Session<String> session) {
                            breach.complete("onOpen");
                        }

                        @Override
                        public void onMessage(Session<String> session, String message) {
                            breach.complete("the message '" + message + "'");
                        }
                    };
                    Server server = closeLater(transport.listen(
                            loopback(),
                            Framers.lines(1024),
                            recording,
                            with(serverLayer()).toBuilder()
                                    .handshakeTimeout(Duration.ofMillis(500))
                                    .build()));
                    Connection plain =
                            closeLater(transport.connect(server.localAddress(), TransportOptions.defaults()));
                    plain.write(ByteBuffer.wrap(
                            "GET / HTTP/1.1\r\nHost: localhost\r\n\r\nhello\n".getBytes(StandardCharsets.US_ASCII)));
                    plain.flush();
                    CompletableFuture<Void> ended = CompletableFuture.runAsync(
                            () -> {
                                try {
                                    ByteBuffer buffer = ByteBuffer.allocate(4096);
                                    while (plain.read(buffer.clear(), env.timeout()) >= 0) {
                                        // an alert, perhaps; then the close
                                    }
                                } catch (IOException closedOrReset) {
                                    // a reset or a timeout: the verdict is the service's
                                }
                            },
                            Executors.newVirtualThreadPerTaskExecutor());
                    env.await(
                            "the plaintext connection to be closed, or the service to see it",
                            CompletableFuture.anyOf(ended, breach));
                    assertFalse(breach.isDone(), () -> "the service saw a peer that sent plaintext: " + breach.join());
                    env.awaitTrue(
                            "the plaintext connection to leave the server",
                            () -> server.stats().active() == 0);
                    assertFalse(breach.isDone(), () -> "the service saw a peer that sent plaintext: " + breach.join());
                });
    }

    @Test
    public void required_L9_securityInfoIsReported() {
        assumeTrue(providesSecurity(), "the layer reports no SecurityInfo (providesSecurity() is false)");
        Rule.verify(
                "L-9",
                "after the handshake both engines, the service's session and the client session report a SecurityInfo",
                "return the negotiated protocol, suite and certificates from LayerEngine.security() once established",
                () -> {
                    try (LayerPair pair = handshake(Chunking.ALL_AT_ONCE, new SplittableRandom(9))) {
                        checkSecurity("client engine", pair.client.engine.security());
                        checkSecurity("server engine", pair.server.engine.security());
                    }
                    CompletableFuture<Optional<SecurityInfo>> seen = new CompletableFuture<>();
                    Service<String> service = new Service<>() {
                        @Override
                        public void onOpen(Session<String> session) {
                            seen.complete(session.security());
                        }

                        @Override
                        public void onMessage(Session<String> session, String message) {
                            session.send(message);
                        }
                    };
                    Server server =
                            closeLater(transport.listen(loopback(), Framers.lines(1024), service, with(serverLayer())));
                    try (ClientSession<String> client =
                            transport.connect(server.localAddress(), Framers.lines(1024), with(clientLayer()))) {
                        checkSecurity("the client session", client.security());
                        checkSecurity("the service's session (in onOpen)", env.await("onOpen", seen));
                        SecurityInfo c = client.security().orElseThrow();
                        SecurityInfo s = seen.join().orElseThrow();
                        assertEquals(c.protocol(), s.protocol(), "both sides report the same protocol");
                        assertEquals(c.cipherSuite(), s.cipherSuite(), "both sides report the same suite");
                    }
                });
    }

    /** True when {@code got} is no longer a prefix of {@code expected}: waiting for more is pointless. */
    private static boolean diverged(ByteArrayOutputStream got, ByteArrayOutputStream expected) {
        byte[] g = got.toByteArray();
        byte[] e = expected.toByteArray();
        return g.length > e.length || !java.util.Arrays.equals(g, 0, g.length, e, 0, g.length);
    }

    private static void checkSecurity(String where, Optional<SecurityInfo> info) {
        if (info.isEmpty()) {
            fail(where + " reports no SecurityInfo");
        }
        assertFalse(info.get().protocol().isBlank(), where + ": no protocol");
        assertFalse(info.get().cipherSuite().isBlank(), where + ": no cipher suite");
    }

    private static byte[] sha256(byte[] data) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(data);
    }
}
