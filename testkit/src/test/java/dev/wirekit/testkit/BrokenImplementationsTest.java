package dev.wirekit.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

import dev.wirekit.api.ClientSession;
import dev.wirekit.api.Connection;
import dev.wirekit.api.ConnectionHandler;
import dev.wirekit.api.Server;
import dev.wirekit.api.Service;
import dev.wirekit.api.Session;
import dev.wirekit.api.Transport;
import dev.wirekit.api.TransportCapabilities;
import dev.wirekit.api.TransportOptions;
import dev.wirekit.api.framing.FrameDecoder;
import dev.wirekit.api.framing.Framer;
import dev.wirekit.api.framing.Framers;
import dev.wirekit.spi.DatagramWire;
import dev.wirekit.spi.DriverConfig;
import dev.wirekit.spi.TransportDriver;
import dev.wirekit.spi.TransportProvider;
import dev.wirekit.spi.Wire;
import dev.wirekit.spi.WireListener;
import dev.wirekit.spi.WireReceiver;
import dev.wirekit.testkit.netty.NettyTransportProvider;
import dev.wirekit.testkit.property.Generator;
import dev.wirekit.testkit.property.Generators;
import dev.wirekit.testkit.wire.SuiteReport;
import dev.wirekit.testkit.wire.WireSuites;
import dev.wirekit.testkit.wire.WireTarget;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * Tests of the testkit: a verification is only worth something if it fails broken implementations,
 * and says which rule they break. Each broken implementation here is run through the testkit the
 * way a user would, and must fail with a message naming the rule.
 */
class BrokenImplementationsTest {

    /** Runs one rule method of a verification class; returns the failure messages. */
    private static List<String> failuresOf(Class<?> verification, String method) {
        SummaryGeneratingListener summary = new SummaryGeneratingListener();
        LauncherFactory.create()
                .execute(
                        LauncherDiscoveryRequestBuilder.request()
                                .selectors(selectMethod(verification, method))
                                .build(),
                        summary);
        TestExecutionSummary result = summary.getSummary();
        assertEquals(1, result.getTestsFoundCount(), "rule method " + method + " not found");
        List<String> messages = new ArrayList<>();
        result.getFailures()
                .forEach(f -> messages.add(String.valueOf(f.getException().getMessage())));
        return messages;
    }

    static void assertFailsNaming(Class<?> verification, String method, String rule) {
        List<String> failures = failuresOf(verification, method);
        assertFalse(failures.isEmpty(), "the broken implementation passed " + rule);
        assertTrue(failures.get(0).startsWith("[" + rule + "]"), "the failure does not name " + rule + ": " + failures);
        assertTrue(failures.get(0).contains("if this fails, check:"), "the failure gives no advice: " + failures);
    }

    // ---- a truncating echo server fails the echo suite ------------------------------------

    @Test
    void truncatingEchoServerFailsE1() throws Exception {
        Service<ByteBuffer> truncating = (session, message) ->
                session.send(message.limit(Math.max(0, message.limit() - 1))); // drops each chunk's last byte
        try (Transport transport = Transport.of(new NettyTransportProvider());
                Server server = transport.listen(
                        new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                        Framers.raw(65_536),
                        truncating,
                        TransportOptions.defaults())) {
            WireTarget target = new WireTarget(
                    server.localAddress(),
                    transport,
                    TransportOptions.defaults(),
                    TransportOptions.defaults(),
                    false,
                    Duration.ofSeconds(2));
            SuiteReport report =
                    WireSuites.run("echo", target, null, new PrintStream(new ByteArrayOutputStream(), true));
            assertFalse(report.successful(), "a truncating echo server passed the echo suite");
            assertTrue(report.rules(SuiteReport.Status.FAILED).contains("E-1"), report.failures());
            assertTrue(report.failures().contains("[E-1] a line of text comes back exactly"), report.failures());
        }
    }

    // ---- a transport that drops the last bytes on close -----------------------------------

    /** Holds back each write until the next one arrives; whatever is held when it closes is lost. */
    public static final class DropsLastWrite implements TransportProvider {
        @Override
        public String name() {
            return "drops-last-write";
        }

        @Override
        public TransportDriver create(DriverConfig config) {
            TransportDriver inner = new NettyTransportProvider().create(config);
            return new ForwardingDriver(inner) {
                @Override
                Wire wrap(Wire wire) {
                    return new ForwardingWire(wire) {
                        private ByteBuffer[] held;

                        @Override
                        public synchronized void write(ByteBuffer... buffers) {
                            if (held != null) {
                                super.write(held);
                            }
                            held = buffers;
                        }
                    };
                }
            };
        }
    }

    public static final class DropsLastWriteVerification extends TransportVerification {
        @Override
        protected Transport createTransport() {
            return Transport.of(new DropsLastWrite());
        }

        @Override
        protected TestEnvironment environment() {
            return new TestEnvironment(Duration.ofSeconds(2));
        }
    }

    @Test
    void transportThatDropsTheLastBytesFailsT1() {
        assertFailsNaming(DropsLastWriteVerification.class, "required_T1_echoRoundTrip", "T-1");
    }

    // ---- a transport that ignores layers --------------------------------------------------

    public static final class IgnoresLayersVerification extends TransportVerification {
        @Override
        protected Transport createTransport() {
            return new IgnoresLayers(Transport.of(new NettyTransportProvider()));
        }

        @Override
        protected TestEnvironment environment() {
            return new TestEnvironment(Duration.ofSeconds(2));
        }
    }

    @Test
    void transportThatIgnoresLayersFailsT16() {
        assertFailsNaming(IgnoresLayersVerification.class, "required_T16_layersAreApplied", "T-16");
    }

    // ---- a framer that mishandles a split length header -----------------------------------

    /** Reads the 4-byte length as soon as any byte is there: breaks when the header arrives split. */
    static final class SplitHeaderBug implements Framer<ByteBuffer> {
        @Override
        public FrameDecoder<ByteBuffer> newDecoder() {
            return in -> {
                if (!in.hasRemaining()) {
                    return null;
                }
                int length = in.getInt(in.position()); // the bug: assumes 4 bytes are there
                if (in.remaining() < 4 + length) {
                    return null;
                }
                ByteBuffer frame = ByteBuffer.allocate(length);
                frame.put(0, in, in.position() + 4, length);
                in.position(in.position() + 4 + length);
                return frame;
            };
        }

        @Override
        public void encode(ByteBuffer message, List<ByteBuffer> out) {
            Framers.lengthPrefixed(4, 1024).encode(message, out);
        }

        @Override
        public int maxFrameLength() {
            return 1024;
        }
    }

    public static final class SplitHeaderVerification extends FramerVerification<ByteBuffer> {
        @Override
        protected Framer<ByteBuffer> framer() {
            return new SplitHeaderBug();
        }

        @Override
        protected Generator<ByteBuffer> messages() {
            return Generators.map(Generators.bytes(100), ByteBuffer::wrap);
        }

        @Override
        protected int trials() {
            return 20;
        }
    }

    @Test
    void framerThatMishandlesASplitHeaderFailsF12() {
        assertFailsNaming(SplitHeaderVerification.class, "required_F1_2_roundTripOneByteAtATime", "F-1.2");
        assertFailsNaming(SplitHeaderVerification.class, "required_F2_partialFrameConsumesNothing", "F-2");
    }

    // ---- the same classes pass a correct implementation -----------------------------------

    @Test
    void theSameRulesPassWhenNothingIsBroken() {
        assertTrue(failuresOf(Healthy.class, "required_T1_echoRoundTrip").isEmpty());
        assertTrue(failuresOf(Healthy.class, "required_T16_layersAreApplied").isEmpty());
    }

    public static final class Healthy extends TransportVerification {
        @Override
        protected Transport createTransport() {
            return Transport.of(new NettyTransportProvider());
        }
    }

    // ---- decorators the broken implementations are made of --------------------------------

    /** A transport that passes everything through but drops the layers from every options object. */
    static final class IgnoresLayers implements Transport {
        private final Transport inner;

        IgnoresLayers(Transport inner) {
            this.inner = inner;
        }

        private static TransportOptions strip(TransportOptions o) {
            return o.toBuilder().layers(List.of()).build();
        }

        @Override
        public String name() {
            return inner.name();
        }

        @Override
        public TransportCapabilities capabilities() {
            return inner.capabilities();
        }

        @Override
        public <T> Server listen(InetSocketAddress a, Framer<T> f, Service<T> s, TransportOptions o)
                throws IOException {
            return inner.listen(a, f, s, strip(o));
        }

        @Override
        public Server listen(InetSocketAddress a, ConnectionHandler h, TransportOptions o) throws IOException {
            return inner.listen(a, h, strip(o));
        }

        @Override
        public <T> Server bind(InetSocketAddress a, Framer<T> f, Service<T> s, TransportOptions o) throws IOException {
            return inner.bind(a, f, s, strip(o));
        }

        @Override
        public Connection connect(InetSocketAddress a, TransportOptions o) throws IOException {
            return inner.connect(a, strip(o));
        }

        @Override
        public CompletableFuture<Connection> connectAsync(InetSocketAddress a, TransportOptions o) {
            return inner.connectAsync(a, strip(o));
        }

        @Override
        public <T> ClientSession<T> connect(InetSocketAddress a, Framer<T> f, TransportOptions o) throws IOException {
            return inner.connect(a, f, strip(o));
        }

        @Override
        public <T> Session<T> connect(InetSocketAddress a, Framer<T> f, Service<T> s, TransportOptions o)
                throws IOException {
            return inner.connect(a, f, s, strip(o));
        }

        @Override
        public <T> ClientSession<T> connectDatagram(InetSocketAddress a, Framer<T> f, TransportOptions o)
                throws IOException {
            return inner.connectDatagram(a, f, strip(o));
        }

        @Override
        public void close() {
            inner.close();
        }
    }

    /** A driver whose wires can be altered. */
    abstract static class ForwardingDriver implements TransportDriver {
        private final TransportDriver inner;

        ForwardingDriver(TransportDriver inner) {
            this.inner = inner;
        }

        abstract Wire wrap(Wire wire);

        @Override
        public TransportCapabilities capabilities() {
            return inner.capabilities();
        }

        @Override
        public WireListener listen(InetSocketAddress address, TransportOptions options, Consumer<Wire> acceptor)
                throws IOException {
            return inner.listen(address, options, wire -> acceptor.accept(wrap(wire)));
        }

        @Override
        public CompletableFuture<Wire> connect(InetSocketAddress address, TransportOptions options) {
            return inner.connect(address, options).thenApply(this::wrap);
        }

        @Override
        public DatagramWire bind(InetSocketAddress local, InetSocketAddress remote, TransportOptions options)
                throws IOException {
            return inner.bind(local, remote, options);
        }

        @Override
        public void close() {
            inner.close();
        }
    }

    /** A wire that forwards everything. */
    static class ForwardingWire implements Wire {
        private final Wire inner;

        ForwardingWire(Wire inner) {
            this.inner = inner;
        }

        @Override
        public void start(WireReceiver receiver) {
            inner.start(receiver);
        }

        @Override
        public void write(ByteBuffer... buffers) {
            inner.write(buffers);
        }

        @Override
        public void writeFile(FileChannel file, long position, long count) {
            inner.writeFile(file, position, count);
        }

        @Override
        public void flushGathered() {
            inner.flushGathered();
        }

        @Override
        public long queuedBytes() {
            return inner.queuedBytes();
        }

        @Override
        public void setReadPaused(boolean paused) {
            inner.setReadPaused(paused);
        }

        @Override
        public void shutdownOutput() throws IOException {
            inner.shutdownOutput();
        }

        @Override
        public void close() {
            inner.close();
        }

        @Override
        public void abort() {
            inner.abort();
        }

        @Override
        public boolean isOpen() {
            return inner.isOpen();
        }

        @Override
        public boolean inEventLoop() {
            return inner.inEventLoop();
        }

        @Override
        public InetSocketAddress localAddress() {
            return inner.localAddress();
        }

        @Override
        public InetSocketAddress remoteAddress() {
            return inner.remoteAddress();
        }
    }
}
