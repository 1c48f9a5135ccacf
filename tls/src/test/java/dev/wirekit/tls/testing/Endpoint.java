package dev.wirekit.tls.testing;

import dev.wirekit.api.layer.Layer;
import dev.wirekit.api.layer.LayerContext;
import dev.wirekit.api.layer.LayerEngine;
import dev.wirekit.api.layer.LayerSink;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One side of an in-memory connection: a {@link LayerContext} and {@link LayerSink} that record
 * what the engine produces, so engines can be tested without sockets. Not thread-safe except where
 * the sink contract allows other threads (toNetwork, established, failed).
 */
public final class Endpoint implements LayerContext, LayerSink {
    public final ConcurrentLinkedQueue<ByteBuffer> network = new ConcurrentLinkedQueue<>();
    public final ByteArrayOutputStream application = new ByteArrayOutputStream();
    public final List<byte[]> datagrams = new ArrayList<>();
    public final List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
    public final AtomicInteger establishedCount = new AtomicInteger();
    public volatile boolean endOfInput;
    public final LayerEngine engine;

    private final Role role;
    private final boolean datagram;
    private final Optional<String> serverName;
    private final Executor blocking;
    private final ScheduledExecutorService timer;
    private final InetSocketAddress local;
    private final InetSocketAddress remote;

    public Endpoint(
            Layer layer,
            Role role,
            Optional<String> serverName,
            Executor blocking,
            ScheduledExecutorService timer,
            int localPort,
            int remotePort) {
        this.role = role;
        this.datagram = layer.forDatagrams();
        this.serverName = serverName;
        this.blocking = blocking;
        this.timer = timer;
        this.local = new InetSocketAddress("127.0.0.1", localPort);
        this.remote = new InetSocketAddress("127.0.0.1", remotePort);
        this.engine = layer.open(this);
    }

    public boolean isEstablished() {
        return establishedCount.get() > 0;
    }

    /** Takes everything sent to the network so far as one byte array (streams). */
    public byte[] drainNetwork() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteBuffer b;
        while ((b = network.poll()) != null) {
            byte[] bytes = new byte[b.remaining()];
            b.get(bytes);
            out.writeBytes(bytes);
        }
        return out.toByteArray();
    }

    /** Delivers bytes to this side's engine. */
    public void receive(byte[] bytes) throws IOException {
        engine.receive(ByteBuffer.wrap(bytes));
    }

    // ---- LayerContext ----------------------------------------------------------------------

    @Override
    public Role role() {
        return role;
    }

    @Override
    public InetSocketAddress remoteAddress() {
        return remote;
    }

    @Override
    public InetSocketAddress localAddress() {
        return local;
    }

    @Override
    public Optional<String> serverName() {
        return serverName;
    }

    @Override
    public boolean datagram() {
        return datagram;
    }

    @Override
    public LayerSink sink() {
        return this;
    }

    @Override
    public Executor blockingExecutor() {
        return blocking;
    }

    @Override
    public ScheduledExecutorService timer() {
        return timer;
    }

    // ---- LayerSink -------------------------------------------------------------------------

    @Override
    public void toNetwork(ByteBuffer bytes) {
        network.add(bytes);
    }

    @Override
    public void toApplication(ByteBuffer bytes) {
        byte[] copy = new byte[bytes.remaining()];
        bytes.get(copy);
        application.writeBytes(copy);
        datagrams.add(copy);
    }

    @Override
    public void established() {
        establishedCount.incrementAndGet();
    }

    @Override
    public void endOfInput() {
        endOfInput = true;
    }

    @Override
    public void failed(Throwable cause) {
        failures.add(cause);
    }
}
