package dev.wirekit.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.wirekit.api.ClientSession;
import dev.wirekit.api.ConnectTimeoutException;
import dev.wirekit.api.Connection;
import dev.wirekit.api.IdleTimeoutException;
import dev.wirekit.api.OutboundOverflowException;
import dev.wirekit.api.Server;
import dev.wirekit.api.Service;
import dev.wirekit.api.Session;
import dev.wirekit.api.Transport;
import dev.wirekit.api.TransportOptions;
import dev.wirekit.api.WriteTimeoutException;
import dev.wirekit.api.framing.CorruptedFrameException;
import dev.wirekit.api.framing.FrameTooLongException;
import dev.wirekit.api.framing.Framer;
import dev.wirekit.api.framing.Framers;
import dev.wirekit.testkit.doubles.FaultPeer;
import dev.wirekit.testkit.doubles.XorLayer;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The rules every stream transport must follow (SPEC.md, section T). Extend it and return your
 * transport from {@link #createTransport()}:
 *
 * <pre>{@code
 * class MyTransportTest extends TransportVerification {
 *     protected Transport createTransport() { return Transport.of(new MyTransportProvider()); }
 * }
 * }</pre>
 *
 * <p>To run the same rules over a layer (TLS), override {@link #serverOptions()} and
 * {@link #clientOptions()} to add it; rules that need a raw socket peer then skip themselves.
 * Capabilities the transport does not claim ({@link dev.wirekit.api.TransportCapabilities}) skip
 * their rules with the reason.
 */
@org.junit.jupiter.api.TestMethodOrder(dev.wirekit.testkit.RuleOrder.class)
public abstract class TransportVerification {
    private final TestEnvironment env = environment();
    private final List<AutoCloseable> cleanup = new ArrayList<>();
    /** The transport under test, fresh for every rule. */
    protected Transport transport;

    /** A new instance of the transport under test. */
    protected abstract Transport createTransport();

    /** Timeouts and waiting helpers; override to change the defaults. */
    protected TestEnvironment environment() {
        return new TestEnvironment();
    }

    /** Options for the servers the rules start (add a layer here to run the rules over it). */
    protected TransportOptions serverOptions() {
        return TransportOptions.defaults();
    }

    /** Options for the clients the rules connect (add the client side of the layer here). */
    protected TransportOptions clientOptions() {
        return TransportOptions.defaults();
    }

    /**
     * Capability: whether the transport's servers are reachable with plain java.net sockets. An
     * in-memory transport returns false; the rules that talk to a server through a raw socket (T-5,
     * T-8, T-13, T-16) are then skipped.
     */
    protected boolean usesRealSockets() {
        return true;
    }

    /** Whether rules may talk to the server with a plain socket: real sockets and no layer set. */
    protected boolean rawPeersAllowed() {
        return usesRealSockets() && serverOptions().layers().isEmpty();
    }

    @BeforeEach
    void createTransportUnderTest() {
        transport = createTransport();
    }

    @AfterEach
    void closeEverything() throws Exception {
        for (int i = cleanup.size() - 1; i >= 0; i--) {
            try {
                cleanup.get(i).close();
            } catch (Exception ignored) {
                // best effort: the rule already has its verdict
            }
        }
        transport.close();
    }

    /** Registers {@code resource} to be closed after the rule. */
    protected <R extends AutoCloseable> R closeLater(R resource) {
        cleanup.add(resource);
        return resource;
    }

    private static InetSocketAddress loopback() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
    }

    private <T> Server listen(Framer<T> framer, Service<T> service, TransportOptions options) throws IOException {
        return closeLater(transport.listen(loopback(), framer, service, options));
    }

    private <T> ClientSession<T> client(Server server, Framer<T> framer) throws IOException {
        return closeLater(transport.connect(server.localAddress(), framer, clientOptions()));
    }

    private void assertEchoWorks(Server server, String what) throws IOException {
        try (ClientSession<String> other =
                transport.connect(server.localAddress(), Framers.lines(1024), clientOptions())) {
            other.send("still here");
            assertEquals("still here", other.receive(env.timeout()), what);
        }
    }

    // ---- T-1 .. T-3: data integrity and scale ---------------------------------------------

    @Test
    public void required_T1_echoRoundTrip() {
        Rule.verify(
                "T-1",
                "messages sent to an echo service come back whole and in order",
                "onData delivers bytes in order and the session writes what the service sends",
                () -> {
                    Server server = listen(Framers.lines(1024), new Probes.Echo<>(), serverOptions());
                    ClientSession<String> client = client(server, Framers.lines(1024));
                    for (int i = 0; i < 200; i++) {
                        client.send("line " + i);
                    }
                    for (int i = 0; i < 200; i++) {
                        assertEquals("line " + i, client.receive(env.timeout()));
                    }
                });
    }

    @Test
    public void required_T2_tenMegabytesIntact() {
        Rule.verify(
                "T-2",
                "10 MB of random bytes written through a connection come back byte for byte",
                "partial writes are continued (not dropped) and reads are not truncated when buffers fill",
                () -> {
                    byte[] data = new byte[10 * 1024 * 1024];
                    new Random(2).nextBytes(data);
                    Server server = closeLater(transport.listen(loopback(), Probes.rawEcho(), serverOptions()));
                    Connection connection = closeLater(transport.connect(server.localAddress(), clientOptions()));
                    CompletableFuture<byte[]> echoed = CompletableFuture.supplyAsync(
                            () -> {
                                try {
                                    return Probes.readExactly(connection, data.length, env.timeout());
                                } catch (IOException e) {
                                    throw new java.io.UncheckedIOException(e);
                                }
                            },
                            Executors.newVirtualThreadPerTaskExecutor());
                    connection.write(ByteBuffer.wrap(data));
                    assertArrayEquals(data, env.await("10 MB echo", echoed), "echoed bytes differ");
                });
    }

    @Test
    public void required_T3_thousandConcurrentConnections() {
        Rule.verify(
                "T-3",
                "1,000 concurrent connections are each served",
                "accept in a loop until none is pending, and never block the accepting thread",
                () -> {
                    Server server = listen(Framers.lines(1024), new Probes.Echo<>(), serverOptions());
                    int n = 1000;
                    List<Future<String>> replies = new ArrayList<>();
                    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
                        CountDownLatch allConnected = new CountDownLatch(n);
                        for (int i = 0; i < n; i++) {
                            String text = "client " + i;
                            replies.add(pool.submit(() -> {
                                try (ClientSession<String> c = transport.connect(
                                        server.localAddress(), Framers.lines(1024), clientOptions())) {
                                    allConnected.countDown();
                                    env.await("all 1,000 connections to be open", allConnected);
                                    c.send(text);
                                    return c.receive(env.timeout());
                                }
                            }));
                        }
                        for (int i = 0; i < n; i++) {
                            assertEquals("client " + i, env.await("reply " + i, replies.get(i)));
                        }
                    }
                    assertEquals(n, server.stats().accepted(), "connections accepted");
                });
    }

    // ---- T-4 .. T-5: half-close and resets ------------------------------------------------

    @Test
    public void required_T4_halfCloseDeliversEndOfInput() {
        assumeTrue(transport.capabilities().halfClose(), "the transport does not claim half-close");
        Rule.verify(
                "T-4",
                "after the client shuts down its output, the server sees end of input and can still write",
                "deliver onEndOfStream on FIN without closing the socket; shutdownOutput only after queued writes",
                () -> {
                    Service<String> service = new Service<>() {
                        @Override
                        public void onMessage(Session<String> session, String message) {
                            session.send(message);
                        }

                        @Override
                        public void onInputClosed(Session<String> session) {
                            session.send("bye");
                            session.close();
                        }
                    };
                    Server server = listen(Framers.lines(1024), service, serverOptions());
                    Connection connection = closeLater(transport.connect(server.localAddress(), clientOptions()));
                    connection.write(ByteBuffer.wrap("hello\n".getBytes(StandardCharsets.UTF_8)));
                    connection.shutdownOutput();
                    java.io.ByteArrayOutputStream got = new java.io.ByteArrayOutputStream();
                    ByteBuffer buffer = ByteBuffer.allocate(1024);
                    while (connection.read(buffer, env.timeout()) >= 0) {
                        got.write(buffer.array(), 0, buffer.position());
                        buffer.clear();
                    }
                    assertEquals("hello\nbye\n", got.toString(StandardCharsets.UTF_8));
                });
    }

    @Test
    public void required_T5_peerResetMidFrameClosesOnlyThatSession() {
        assumeTrue(rawPeersAllowed(), "a layer is set: a raw socket peer cannot speak it");
        Rule.verify(
                "T-5",
                "a peer that resets in the middle of a frame closes its session with a cause; others carry on",
                "report the read error (or the end of stream with an incomplete frame) to onClosed, then keep serving",
                () -> {
                    Probes.Echo<ByteBuffer> echo = new Probes.Echo<>();
                    Server server = listen(Framers.lengthPrefixed(4, 1024), echo, serverOptions());
                    try (FaultPeer peer = FaultPeer.connect(server.localAddress())) {
                        peer.send(new byte[] {0, 0, 0, 10, 'a', 'b', 'c'});
                        env.awaitTrue(
                                "the server to read the partial frame",
                                () -> server.stats().bytesRead() >= 7);
                        peer.reset();
                    }
                    Throwable cause = env.await("the session to close", echo.firstClose);
                    assertTrue(cause instanceof IOException, "close cause should be an IOException, was " + cause);
                    assertEchoWorks(listen(Framers.lines(1024), new Probes.Echo<>(), serverOptions()), "a new client");
                    env.awaitTrue(
                            "the reset session to leave the active count",
                            () -> server.stats().active() == 0);
                });
    }

    @Test
    public void required_T18_peerResetWhileTheServiceSendsIsAnIoCloseNotAServiceError() {
        assumeTrue(rawPeersAllowed(), "a layer is set: a raw socket peer cannot speak it");
        Rule.verify(
                "T-18",
                "a peer that resets while the service is answering closes the session with the I/O error as its"
                        + " cause; the send that found the connection gone throws, and is not taken for a service failure",
                "after a failed write report isOpen() false and pass the write's IOException to onClosed",
                () -> {
                    CountDownLatch peerReset = new CountDownLatch(1);
                    AtomicReference<Throwable> sendFailure = new AtomicReference<>();
                    Probes.Echo<ByteBuffer> answerer = new Probes.Echo<>() {
                        @Override
                        public void onMessage(Session<ByteBuffer> session, ByteBuffer message) {
                            try {
                                if (!peerReset.await(
                                        env.timeout().toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
                                    return;
                                }
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                                return;
                            }
                            ByteBuffer chunk = ByteBuffer.allocate(16 * 1024);
                            long deadline = System.nanoTime() + env.timeout().toNanos();
                            try {
                                while (System.nanoTime() - deadline < 0) { // until a send finds the reset
                                    session.send(chunk.duplicate());
                                }
                            } catch (RuntimeException e) {
                                sendFailure.set(e);
                                throw e; // as a service that does not expect it would
                            }
                        }
                    };
                    Server server = listen(Framers.raw(64 * 1024), answerer, serverOptions());
                    try (FaultPeer peer = FaultPeer.connect(server.localAddress())) {
                        peer.send("answer this".getBytes(StandardCharsets.US_ASCII));
                        env.awaitTrue(
                                "the server to read the request",
                                () -> server.stats().bytesRead() >= 11);
                        peer.reset();
                    } finally {
                        peerReset.countDown();
                    }
                    Throwable cause = env.await("the session to close", answerer.firstClose);
                    assertTrue(sendFailure.get() != null, "a send after the reset should have thrown");
                    assertInstanceOf(
                            IOException.class,
                            cause,
                            "the close cause should be the write's I/O error, not what the service's send threw");
                    assertEchoWorks(listen(Framers.lines(1024), new Probes.Echo<>(), serverOptions()), "a new client");
                });
    }

    // ---- T-6 .. T-8: timeouts and connect errors ------------------------------------------

    @Test
    public void required_T6_idleTimeoutClosesSilentConnection() {
        Rule.verify(
                "T-6",
                "a connection with no traffic for the idle timeout is closed with IdleTimeoutException",
                "the idle timer must be armed at accept and re-armed by reads and writes",
                () -> {
                    Duration idle = Duration.ofMillis(300);
                    Probes.Echo<String> echo = new Probes.Echo<>();
                    Server server = listen(
                            Framers.lines(1024),
                            echo,
                            serverOptions().toBuilder().idleTimeout(idle).build());
                    long start = System.nanoTime();
                    ClientSession<String> client = client(server, Framers.lines(1024));
                    Throwable cause = env.await("the idle session to close", echo.firstClose);
                    long elapsed = (System.nanoTime() - start) / 1_000_000;
                    assertInstanceOf(IdleTimeoutException.class, cause);
                    assertTrue(elapsed >= idle.toMillis(), "closed after " + elapsed + " ms, before the idle timeout");
                    assertNull(client.receive(env.timeout()), "the client sees the end of the stream");
                });
    }

    @Test
    public void required_T7_connectRefusedIsTyped() {
        Rule.verify(
                "T-7",
                "connecting to a closed port fails with java.net.ConnectException, not a timeout",
                "map ECONNREFUSED from finishConnect to ConnectException naming the address",
                () -> {
                    int port;
                    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                        port = probe.getLocalPort();
                    }
                    InetSocketAddress closed = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
                    assertThrows(ConnectException.class, () -> transport.connect(closed, clientOptions()));
                });
    }

    @Test
    public void required_T8_connectTimeoutIsTyped() {
        assumeTrue(usesRealSockets(), "the transport does not use real sockets (usesRealSockets())");
        Rule.verify(
                "T-8",
                "a connect that gets no answer fails with ConnectTimeoutException after the connect timeout",
                "schedule the connect timeout when the connect starts and fail the future with ConnectTimeoutException",
                () -> {
                    try (ServerSocket full = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                        InetSocketAddress target = (InetSocketAddress) full.getLocalSocketAddress();
                        List<Socket> fillers = new ArrayList<>();
                        try {
                            // Fill the accept queue: from then on the kernel drops SYNs and connects hang.
                            for (int i = 0; i < 64; i++) {
                                Socket s = new Socket();
                                try {
                                    s.connect(target, 300);
                                    fillers.add(s);
                                } catch (SocketTimeoutException e) {
                                    s.close();
                                    break;
                                }
                            }
                            TransportOptions options = clientOptions().toBuilder()
                                    .connectTimeout(Duration.ofMillis(400))
                                    .build();
                            long start = System.nanoTime();
                            assertThrows(ConnectTimeoutException.class, () -> transport.connect(target, options));
                            long elapsed = (System.nanoTime() - start) / 1_000_000;
                            assertTrue(elapsed >= 350, "timed out after only " + elapsed + " ms");
                        } finally {
                            for (Socket s : fillers) {
                                s.close();
                            }
                        }
                    }
                });
    }

    // ---- T-9 .. T-14: limits and misbehaving peers ----------------------------------------

    @Test
    public void required_T9_serverCloseEndsClientsAndLeavesNoThreads() {
        Rule.verify(
                "T-9",
                "closing the server ends every client connection, and closing the transport stops its threads",
                "Server.close must close accepted wires too; TransportDriver.close must stop and join its threads",
                () -> {
                    Server server =
                            transport.listen(loopback(), Framers.lines(1024), new Probes.Echo<>(), serverOptions());
                    List<ClientSession<String>> clients = new ArrayList<>();
                    for (int i = 0; i < 20; i++) {
                        ClientSession<String> c = client(server, Framers.lines(1024));
                        c.send("ping");
                        assertEquals("ping", c.receive(env.timeout()));
                        clients.add(c);
                    }
                    server.close();
                    assertTrue(!server.isOpen());
                    for (ClientSession<String> c : clients) {
                        try {
                            assertNull(c.receive(env.timeout()), "client still receives after the server closed");
                        } catch (IOException e) {
                            // a reset is an acceptable end too
                        }
                    }
                    String prefix = "wirekit-" + transport.name();
                    transport.close();
                    // A pool thread may outlive its executor's termination by an instant: wait, bounded.
                    try {
                        env.awaitTrue(
                                "the transport's threads to end",
                                () -> transportThreads(prefix).isEmpty());
                    } catch (AssertionError e) {
                        fail("threads left running after Transport.close(): " + transportThreads(prefix));
                    }
                });
    }

    @Test
    public void required_T10_connectionLimitRefusesOnlyTheExcess() {
        Rule.verify(
                "T-10",
                "beyond maxConnections a new connection is closed at once; the others keep working",
                "count live sessions at accept and close the wire of the one over the limit",
                () -> {
                    TransportOptions limited =
                            serverOptions().toBuilder().maxConnections(5).build();
                    Server server = listen(Framers.lines(1024), new Probes.Echo<>(), limited);
                    List<ClientSession<String>> admitted = new ArrayList<>();
                    for (int i = 0; i < 5; i++) {
                        ClientSession<String> c = client(server, Framers.lines(1024));
                        c.send("in " + i);
                        assertEquals("in " + i, c.receive(env.timeout()));
                        admitted.add(c);
                    }
                    boolean refused;
                    try {
                        ClientSession<String> extra = client(server, Framers.lines(1024));
                        extra.send("one too many");
                        refused = extra.receive(env.timeout()) == null;
                    } catch (IOException | dev.wirekit.api.SessionClosedException e) {
                        refused = true; // refused during the connect, the handshake or the first send
                    }
                    assertTrue(refused, "the sixth connection was served");
                    assertEquals(1, server.stats().refused(), "refused count");
                    for (int i = 0; i < 5; i++) {
                        admitted.get(i).send("still " + i);
                        assertEquals("still " + i, admitted.get(i).receive(env.timeout()));
                    }
                });
    }

    @Test
    public void required_T11_oversizedFrameClosesOnlyThatConnection() {
        Rule.verify(
                "T-11",
                "a frame over the limit closes that connection with FrameTooLongException; others carry on",
                "propagate FrameTooLongException from the decoder to the session's close",
                () -> {
                    Probes.Echo<String> echo = new Probes.Echo<>();
                    Server server = listen(Framers.lines(64), echo, serverOptions());
                    ClientSession<String> good = client(server, Framers.lines(64));
                    Connection bad = closeLater(transport.connect(server.localAddress(), clientOptions()));
                    bad.write(ByteBuffer.wrap(("x".repeat(200) + "\n").getBytes(StandardCharsets.US_ASCII)));
                    assertInstanceOf(
                            FrameTooLongException.class, env.await("the bad session to close", echo.firstClose));
                    assertEquals(-1, bad.read(ByteBuffer.allocate(16), env.timeout()), "the bad client sees the close");
                    good.send("fine");
                    assertEquals("fine", good.receive(env.timeout()));
                });
    }

    @Test
    public void required_T12_invalidTextClosesOnlyThatConnection() {
        Rule.verify(
                "T-12",
                "bytes that are not valid UTF-8 on a text line close that connection; others carry on",
                "decode text strictly (CodingErrorAction.REPORT) and report CorruptedFrameException",
                () -> {
                    Probes.Echo<String> echo = new Probes.Echo<>();
                    Server server = listen(Framers.lines(64), echo, serverOptions());
                    ClientSession<String> good = client(server, Framers.lines(64));
                    Connection bad = closeLater(transport.connect(server.localAddress(), clientOptions()));
                    bad.write(ByteBuffer.wrap(new byte[] {'h', 'i', (byte) 0xC3, (byte) 0x28, '\n'}));
                    assertInstanceOf(
                            CorruptedFrameException.class, env.await("the bad session to close", echo.firstClose));
                    good.send("fine");
                    assertEquals("fine", good.receive(env.timeout()));
                });
    }

    @Test
    public void required_T13_slowReaderIsCutOffAfterTheWriteTimeout() {
        assumeTrue(rawPeersAllowed(), "a layer is set: a raw socket peer cannot speak it");
        Rule.verify(
                "T-13",
                "a peer that never reads is closed with WriteTimeoutException once the outbound queue stays full",
                "bound the outbound queue (queuedBytes + onDrained) and apply the overflow policy with the write timeout",
                () -> {
                    AtomicReference<Throwable> sendFailure = new AtomicReference<>();
                    Probes.Echo<ByteBuffer> flooder = new Probes.Echo<>() {
                        @Override
                        public void onOpen(Session<ByteBuffer> session) {
                            super.onOpen(session);
                            ByteBuffer chunk = ByteBuffer.allocate(64 * 1024);
                            try {
                                for (int i = 0; i < 100_000 && session.isOpen(); i++) {
                                    session.send(chunk);
                                }
                            } catch (OutboundOverflowException | IllegalStateException e) {
                                sendFailure.set(e);
                            }
                        }
                    };
                    TransportOptions options = serverOptions().toBuilder()
                            .writeTimeout(Duration.ofMillis(500))
                            .maxOutboundBytes(256 * 1024)
                            .sendBufferSize(64 * 1024)
                            .build();
                    Server server = listen(Framers.raw(64 * 1024), flooder, options);
                    Server other = listen(Framers.lines(1024), new Probes.Echo<>(), serverOptions());
                    try (FaultPeer slow = FaultPeer.connectSlowReader(server.localAddress())) {
                        Throwable cause = env.await("the slow reader to be cut off", flooder.firstClose);
                        assertInstanceOf(WriteTimeoutException.class, cause);
                        assertTrue(sendFailure.get() != null, "the blocked send was told it failed");
                        assertEchoWorks(other, "another server's client during the stall");
                    }
                });
    }

    @Test
    public void required_T14_inboundReadingPausesWhenTheServiceLags() {
        Rule.verify(
                "T-14",
                "while the service is stuck, the server stops reading: buffered inbound bytes stay bounded",
                "pause reading (setReadPaused) when unprocessed bytes exceed maxInboundBytes",
                () -> {
                    CountDownLatch release = new CountDownLatch(1);
                    Service<ByteBuffer> stuck = (session, message) -> release.await();
                    TransportOptions options = serverOptions().toBuilder()
                            .maxInboundBytes(64 * 1024)
                            .build();
                    Server server = listen(Framers.raw(16 * 1024), stuck, options);
                    try {
                        Connection connection = closeLater(transport.connect(
                                server.localAddress(),
                                clientOptions().toBuilder()
                                        .writeTimeout(Duration.ofMillis(1500))
                                        .build()));
                        ByteBuffer chunk = ByteBuffer.allocate(256 * 1024);
                        long sent = 0;
                        try {
                            while (sent < 256L * 1024 * 1024) {
                                connection.write(chunk.clear());
                                sent += chunk.capacity();
                            }
                            fail("wrote " + sent + " bytes to a server that should have stopped reading");
                        } catch (WriteTimeoutException expected) {
                            // the client's queue filled because the server stopped reading
                        }
                        long read = server.stats().bytesRead();
                        assertTrue(
                                read < 32L * 1024 * 1024,
                                "the server read " + read + " bytes while its service was stuck");
                    } finally {
                        release.countDown();
                    }
                });
    }

    // ---- T-15 .. T-17: concurrency, layers, files -----------------------------------------

    @Test
    public void required_T15_concurrentSendersKeepMessagesWhole() {
        Rule.verify(
                "T-15",
                "messages sent from many threads at once each arrive whole, each thread's in order",
                "Wire.write must queue one call's buffers as one unit, in call order",
                () -> {
                    int threads = 4;
                    int perThread = 500;
                    Service<String> fanOut = new Service<>() {
                        @Override
                        public void onOpen(Session<String> session) {
                            for (int t = 0; t < threads; t++) {
                                int id = t;
                                Thread.ofVirtual().start(() -> {
                                    for (int i = 0; i < perThread; i++) {
                                        session.send(id + ":" + i + ":" + "z".repeat(i % 97));
                                    }
                                });
                            }
                        }

                        @Override
                        public void onMessage(Session<String> session, String message) {}
                    };
                    Server server = listen(Framers.lines(1024), fanOut, serverOptions());
                    ClientSession<String> client = client(server, Framers.lines(1024));
                    int[] next = new int[threads];
                    for (int n = 0; n < threads * perThread; n++) {
                        String[] parts = client.receive(env.timeout()).split(":", -1);
                        int id = Integer.parseInt(parts[0]);
                        int i = Integer.parseInt(parts[1]);
                        assertEquals(next[id]++, i, "message order of sender " + id);
                        assertEquals("z".repeat(i % 97), parts[2], "message body");
                    }
                });
    }

    @Test
    public void required_T16_layersAreApplied() {
        assumeTrue(rawPeersAllowed(), "a layer is already set, or the transport has no real sockets");
        Rule.verify(
                "T-16",
                "layers in the options transform the bytes on the wire and run their handshake before onOpen",
                "the transport must run TransportOptions.layers() between socket and framer (use Wirekit's machinery)",
                () -> {
                    byte key = 0x5C;
                    CompletableFuture<String> firstMessage = new CompletableFuture<>();
                    Service<String> service = new Service<>() {
                        @Override
                        public void onOpen(Session<String> session) {
                            session.send("welcome");
                        }

                        @Override
                        public void onMessage(Session<String> session, String message) {
                            firstMessage.complete(message);
                            session.send(message.toUpperCase());
                        }
                    };
                    TransportOptions layered =
                            TransportOptions.builder().layer(new XorLayer(key)).build();
                    Server server = listen(Framers.lines(1024), service, layered);
                    try (Socket raw = new Socket()) {
                        raw.connect(server.localAddress(), 10_000);
                        raw.setSoTimeout((int) env.timeout().toMillis());
                        raw.getOutputStream().write(XorLayer.HELLO);
                        raw.getOutputStream().write(XorLayer.apply(key, "hello\n".getBytes(StandardCharsets.US_ASCII)));
                        byte[] expected = XorLayer.HELLO.length == 4
                                ? concat(
                                        XorLayer.HELLO,
                                        XorLayer.apply(key, "welcome\nHELLO\n".getBytes(StandardCharsets.US_ASCII)))
                                : null;
                        byte[] got = raw.getInputStream().readNBytes(expected.length);
                        assertArrayEquals(expected, got, "bytes on the wire were not the layer's");
                        assertEquals("hello", env.await("the decoded message", firstMessage));
                    }
                    try (ClientSession<String> client =
                            transport.connect(server.localAddress(), Framers.lines(1024), layered)) {
                        assertEquals("welcome", client.receive(env.timeout()));
                        client.send("again");
                        assertEquals("AGAIN", client.receive(env.timeout()));
                    }
                });
    }

    private static List<String> transportThreads(String prefix) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .map(Thread::getName)
                .filter(name -> name.startsWith(prefix))
                .toList();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @Test
    public void required_T17_fileTransferIsExact() {
        Rule.verify(
                "T-17",
                "Connection.transferFrom sends exactly the requested range of a file",
                "advance the file position by what the socket took; continue partial transfers",
                () -> {
                    Path file = Files.createTempFile("wirekit-testkit", ".bin");
                    try {
                        byte[] data = new byte[3 * 1024 * 1024 + 17];
                        new Random(3).nextBytes(data);
                        Files.write(file, data);
                        int offset = 1000;
                        Server server = closeLater(transport.listen(
                                loopback(),
                                connection -> {
                                    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
                                        connection.transferFrom(channel, offset, data.length - offset);
                                        connection.flush();
                                    }
                                },
                                serverOptions()));
                        Connection client = closeLater(transport.connect(server.localAddress(), clientOptions()));
                        byte[] got = Probes.readExactly(client, data.length - offset, env.timeout());
                        assertArrayEquals(java.util.Arrays.copyOfRange(data, offset, data.length), got);
                    } finally {
                        Files.deleteIfExists(file);
                    }
                });
    }

    // ---- T-19 .. T-23: what a service sends while it handles a read -------------------------

    /**
     * Answers each line "n" with "n-a" and "n-b"; "bye": says "bye!" and closes; "flush": says
     * "flushed" and flushes. Declares itself non-blocking, so event-loop transports run it on the
     * loop, where replies may be gathered.
     */
    private static final class TwoReplies implements Service<String> {
        final AtomicReference<Throwable> failure = new AtomicReference<>();

        @Override
        public void onMessage(Session<String> session, String line) {
            switch (line) {
                case "bye" -> {
                    session.send("bye!");
                    session.close();
                }
                case "flush" -> {
                    session.send("flushed");
                    try {
                        session.flush();
                    } catch (IOException | RuntimeException e) {
                        failure.set(e);
                        session.send("flush failed: " + e);
                    }
                }
                default -> {
                    session.send(line + "-a");
                    session.send(line + "-b");
                }
            }
        }

        @Override
        public boolean isNonBlocking() {
            return true;
        }
    }

    private Socket rawPeer(Server server, int receiveBuffer) throws IOException {
        Socket peer = closeLater(new Socket());
        if (receiveBuffer > 0) {
            peer.setReceiveBufferSize(receiveBuffer);
        }
        peer.connect(server.localAddress());
        peer.setSoTimeout((int) env.timeout().toMillis());
        return peer;
    }

    private static java.io.BufferedReader lines(Socket peer) throws IOException {
        return new java.io.BufferedReader(
                new java.io.InputStreamReader(peer.getInputStream(), StandardCharsets.US_ASCII));
    }

    /** Writes {@code bytes} on a virtual thread, so the caller can read while the peer still writes. */
    private static Future<Void> writeAll(Socket peer, byte[] bytes) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            try {
                peer.getOutputStream().write(bytes);
                done.complete(null);
            } catch (Throwable t) {
                done.completeExceptionally(t);
            }
        });
        return done;
    }

    @Test
    public void required_T19_repliesToPipelinedRequestsKeepTheirOrder() {
        assumeTrue(rawPeersAllowed(), "a layer is set: a raw socket peer cannot speak it");
        Rule.verify(
                "T-19",
                "replies to 20,000 pipelined requests come back complete and in order, also when the socket"
                        + " takes only part of each write",
                "what a driver holds back to write together, and what it queues after a partial write, must"
                        + " keep the order the service sent it in",
                () -> {
                    int requests = 20_000;
                    StringBuilder all = new StringBuilder();
                    for (int i = 0; i < requests; i++) {
                        all.append(i).append('\n');
                    }
                    // small socket buffers, and a peer that writes everything before it reads: most
                    // writes are taken only in part, and the rest must queue in order
                    TransportOptions options = TransportOptions.builder()
                            .sendBufferSize(8 * 1024)
                            .receiveBufferSize(8 * 1024)
                            .maxOutboundBytes(16 * 1024 * 1024)
                            .build();
                    Server server = listen(Framers.lines(64), new TwoReplies(), options);
                    Socket peer = rawPeer(server, 8 * 1024);
                    Future<Void> writing = writeAll(peer, all.toString().getBytes(StandardCharsets.US_ASCII));
                    java.io.BufferedReader in = lines(peer);
                    for (int i = 0; i < requests; i++) {
                        assertEquals(i + "-a", in.readLine(), "reply a to request " + i);
                        assertEquals(i + "-b", in.readLine(), "reply b to request " + i);
                    }
                    env.await("the peer to write all its requests", writing);
                });
    }

    @Test
    public void required_T20_aCloseRightAfterRepliesWritesThemAndClosesAtOnce() {
        assumeTrue(rawPeersAllowed(), "a layer is set: a raw socket peer cannot speak it");
        Rule.verify(
                "T-20",
                "a service that replies and closes in the same onMessage: the peer gets every reply, then the"
                        + " end of the stream, without waiting for the drain timeout",
                "count what is held back to write later in queuedBytes() and report onDrained() once it is"
                        + " written; a close waits for exactly that",
                () -> {
                    // a close that waited for a "drained" report that never came would end only at
                    // the drain timeout, far beyond the peer's read timeout
                    TransportOptions options = TransportOptions.builder()
                            .drainTimeout(Duration.ofMinutes(5))
                            .build();
                    Server server = listen(Framers.lines(64), new TwoReplies(), options);
                    Socket peer = rawPeer(server, 0);
                    peer.getOutputStream().write("x\nbye\n".getBytes(StandardCharsets.US_ASCII));
                    java.io.BufferedReader in = lines(peer);
                    assertEquals("x-a", in.readLine());
                    assertEquals("x-b", in.readLine());
                    assertEquals("bye!", in.readLine());
                    assertNull(in.readLine(), "the server should close after its last reply");
                });
    }

    @Test
    public void required_T21_flushInsideOnMessageWritesAndTheConnectionCarriesOn() {
        assumeTrue(rawPeersAllowed(), "a layer is set: a raw socket peer cannot speak it");
        Rule.verify(
                "T-21",
                "Session.flush() called from onMessage writes what was sent, returns, and the connection"
                        + " carries on",
                "a flush on the thread that delivers reads must write what that thread holds back"
                        + " (Wire.flushGathered) and never wait for a queue only it could write",
                () -> {
                    TwoReplies service = new TwoReplies();
                    Server server = listen(Framers.lines(64), service, serverOptions());
                    Socket peer = rawPeer(server, 0);
                    peer.getOutputStream().write("1\nflush\n2\n".getBytes(StandardCharsets.US_ASCII));
                    java.io.BufferedReader in = lines(peer);
                    assertEquals("1-a", in.readLine());
                    assertEquals("1-b", in.readLine());
                    assertEquals("flushed", in.readLine());
                    assertEquals("2-a", in.readLine());
                    assertEquals("2-b", in.readLine());
                    assertNull(service.failure.get(), "flush() in onMessage failed");
                });
    }

    @Test
    public void required_T22_repliesToOneReadAreNotABacklogForTheOverflowPolicy() {
        assumeTrue(rawPeersAllowed(), "a layer is set: a raw socket peer cannot speak it");
        Rule.verify(
                "T-22",
                "with the FAIL overflow policy and a 4 KiB outbound limit, replies to 20 KB of requests that"
                        + " the peer reads at once are all sent: what the socket takes is no backlog",
                "before judging the queue for a send, write what the driver holds back from the sending"
                        + " thread (Wire.flushGathered)",
                () -> {
                    int requests = 100;
                    String payload = "x".repeat(190);
                    StringBuilder all = new StringBuilder();
                    for (int i = 0; i < requests; i++) {
                        all.append(i).append(payload).append('\n');
                    }
                    TransportOptions options = TransportOptions.builder()
                            .maxOutboundBytes(4 * 1024)
                            .overflowPolicy(dev.wirekit.api.OverflowPolicy.FAIL)
                            .sendBufferSize(1024 * 1024)
                            .build();
                    Server server = listen(Framers.lines(1024), new TwoReplies(), options);
                    Socket peer = rawPeer(server, 1024 * 1024);
                    peer.getOutputStream().write(all.toString().getBytes(StandardCharsets.US_ASCII));
                    java.io.BufferedReader in = lines(peer);
                    for (int i = 0; i < requests; i++) {
                        assertEquals(i + payload + "-a", in.readLine(), "reply a to request " + i);
                        assertEquals(i + payload + "-b", in.readLine(), "reply b to request " + i);
                    }
                });
    }

    @Test
    public void required_T23_borrowedMessagesEchoedBehindASlowPeerComeBackIntact() {
        assumeTrue(rawPeersAllowed(), "a layer is set: a raw socket peer cannot speak it");
        Rule.verify(
                "T-23",
                "a service that borrows its messages (Service.borrowsMessages) echoes 4 MB of length-prefixed"
                        + " frames to a peer that reads only after it has written half, while other threads send to the"
                        + " same session: every byte comes back",
                "a driver that reuses its read buffer must write what was lent to it (Wire.writeTransient)"
                        + " before the next read, or copy it before it queues it",
                () -> {
                    Service<ByteBuffer> echo = new Service<>() {
                        private int seen;

                        @Override
                        public void onMessage(Session<ByteBuffer> session, ByteBuffer message) {
                            session.send(message);
                            if (++seen % 8 == 0) {
                                // now and then another thread sends too (an empty frame), so the
                                // echo's own sends sometimes find a queue and must copy what they lent
                                Thread.ofVirtual().start(() -> {
                                    try {
                                        session.send(ByteBuffer.allocate(0));
                                    } catch (RuntimeException closed) {
                                        // the peer has hung up: nothing to add
                                    }
                                });
                            }
                        }

                        @Override
                        public boolean isNonBlocking() {
                            return true;
                        }

                        @Override
                        public boolean borrowsMessages() {
                            return true;
                        }
                    };
                    byte[] data = new byte[4 * 1024 * 1024];
                    new Random(42).nextBytes(data);
                    java.io.ByteArrayOutputStream framed = new java.io.ByteArrayOutputStream();
                    int frame = 1000 + 7; // frames fall across reads at ever different places
                    for (int at = 0; at < data.length; at += frame) {
                        int n = Math.min(frame, data.length - at);
                        framed.writeBytes(ByteBuffer.allocate(4).putInt(n).array());
                        framed.write(data, at, n);
                    }
                    byte[] wire = framed.toByteArray();
                    TransportOptions options = TransportOptions.builder()
                            .sendBufferSize(16 * 1024)
                            .receiveBufferSize(16 * 1024)
                            .maxOutboundBytes(8 * 1024 * 1024)
                            .build();
                    Server server = listen(Framers.lengthPrefixed(4, 64 * 1024), echo, options);
                    Socket peer = rawPeer(server, 16 * 1024);
                    java.util.concurrent.atomic.AtomicLong written = new java.util.concurrent.atomic.AtomicLong();
                    CompletableFuture<Void> writing = new CompletableFuture<>();
                    Thread.ofVirtual().start(() -> {
                        try {
                            for (int at = 0; at < wire.length; at += 8192) {
                                peer.getOutputStream().write(wire, at, Math.min(8192, wire.length - at));
                                written.set(at + 8192L);
                            }
                            writing.complete(null);
                        } catch (Throwable t) {
                            writing.completeExceptionally(t);
                        }
                    });
                    // read nothing until far more has gone in than the socket buffers hold: by then
                    // the server has queued most replies while it kept reading into its buffer
                    env.awaitTrue(
                            "the peer to write half of its frames",
                            () -> written.get() >= wire.length / 2 || writing.isDone());
                    byte[] got = new byte[data.length];
                    java.io.DataInputStream in = new java.io.DataInputStream(peer.getInputStream());
                    for (int at = 0; at < got.length; ) {
                        int n = in.readInt();
                        assertTrue(n >= 0 && n <= frame && at + n <= got.length, "bad echoed frame length " + n);
                        in.readFully(got, at, n); // the other thread's empty frames add nothing
                        at += n;
                    }
                    env.await("the peer to write all its frames", writing);
                    assertArrayEquals(data, got, "the echo differs from what was sent");
                });
    }

    @Test
    public void required_T24_aSendInsideOnMessageReachesThePeerWhileTheServiceWaits() {
        assumeTrue(rawPeersAllowed(), "a layer is set: a raw socket peer cannot speak it");
        Rule.verify(
                "T-24",
                "a service that may block sends a line, then waits inside onMessage for the peer to react to"
                        + " it: the line reaches the peer while onMessage still runs",
                "hold back what is written during onData only for a receiver that never blocks there"
                        + " (WireReceiver.handlesDataWithoutBlocking)",
                () -> {
                    CountDownLatch peerReadIt = new CountDownLatch(1);
                    Service<String> prompter = (session, line) -> {
                        session.send("first");
                        try { // longer than the peer's read timeout: a line held back times the peer out
                            peerReadIt.await(2 * env.timeout().toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                        session.send("second");
                    };
                    Server server = listen(Framers.lines(64), prompter, serverOptions());
                    Socket peer = rawPeer(server, 0);
                    peer.getOutputStream().write("go\n".getBytes(StandardCharsets.US_ASCII));
                    java.io.BufferedReader in = lines(peer);
                    assertEquals("first", in.readLine(), "the first line, sent before the service waits");
                    peerReadIt.countDown();
                    assertEquals("second", in.readLine());
                });
    }

    @Test
    public void required_T25_manyRepliesToOneRequestArriveWithoutAnotherRequest() {
        assumeTrue(rawPeersAllowed(), "a layer is set: a raw socket peer cannot speak it");
        Rule.verify(
                "T-25",
                "a non-blocking service answers one request with 64 lines of 1 KB (more than a driver's"
                        + " staging buffers hold): all arrive without another request, and after a close that"
                        + " follows them none is lost",
                "when what is held back is written in pieces, count and write every piece: nothing may wait"
                        + " for a later write, and queuedBytes() must include it until it is written",
                () -> {
                    String text = "x".repeat(1023);
                    Service<String> chatty = new Service<>() {
                        @Override
                        public void onMessage(Session<String> session, String line) {
                            for (int i = 0; i < 64; i++) {
                                session.send(i + text);
                            }
                            if (line.equals("bye")) {
                                session.close();
                            }
                        }

                        @Override
                        public boolean isNonBlocking() {
                            return true;
                        }
                    };
                    Server server = listen(Framers.lines(2048), chatty, serverOptions());
                    Socket peer = rawPeer(server, 0);
                    java.io.BufferedReader in = lines(peer);
                    for (String request : List.of("go", "bye")) {
                        peer.getOutputStream().write((request + "\n").getBytes(StandardCharsets.US_ASCII));
                        for (int i = 0; i < 64; i++) {
                            assertEquals(i + text, in.readLine(), "reply " + i + " to " + request);
                        }
                    }
                    assertNull(in.readLine(), "the server should close after its last reply");
                });
    }
}
