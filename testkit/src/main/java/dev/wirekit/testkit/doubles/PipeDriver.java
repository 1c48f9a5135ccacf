package dev.wirekit.testkit.doubles;

import dev.wirekit.api.TransportCapabilities;
import dev.wirekit.api.TransportOptions;
import dev.wirekit.spi.DatagramWire;
import dev.wirekit.spi.DriverConfig;
import dev.wirekit.spi.TransportDriver;
import dev.wirekit.spi.Wire;
import dev.wirekit.spi.WireListener;
import java.io.IOException;
import java.net.BindException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/** The in-memory driver: listeners in a map by port, connections as pairs of {@link PipeWire}s. */
final class PipeDriver implements TransportDriver {
    private final ThreadFactory threads;
    private final Map<Integer, Consumer<Wire>> listeners = new ConcurrentHashMap<>();
    private final Set<PipeWire> wires = ConcurrentHashMap.newKeySet();
    private final AtomicInteger nextPort = new AtomicInteger(20_000);
    private volatile boolean closed;

    PipeDriver(DriverConfig config) {
        this.threads =
                Thread.ofVirtual().name(config.threadNamePrefix() + "-", 0).factory();
    }

    void start(Runnable task) {
        threads.newThread(task).start();
    }

    void forget(PipeWire wire) {
        wires.remove(wire);
    }

    @Override
    public TransportCapabilities capabilities() {
        return new TransportCapabilities(true, false, false, 0, false);
    }

    @Override
    public WireListener listen(InetSocketAddress address, TransportOptions options, Consumer<Wire> acceptor)
            throws IOException {
        ensureOpen();
        int port = address.getPort() == 0 ? nextPort.incrementAndGet() : address.getPort();
        if (listeners.putIfAbsent(port, acceptor) != null) {
            throw new BindException("pipe port " + port + " is already in use");
        }
        InetSocketAddress local = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
        return new WireListener() {
            @Override
            public InetSocketAddress localAddress() {
                return local;
            }

            @Override
            public void close() {
                listeners.remove(port, acceptor);
            }
        };
    }

    @Override
    public CompletableFuture<Wire> connect(InetSocketAddress address, TransportOptions options) {
        Consumer<Wire> acceptor = listeners.get(address.getPort());
        if (closed || acceptor == null) {
            return CompletableFuture.failedFuture(new ConnectException("connection refused by " + address
                    + (closed ? " (transport closed)" : " (no pipe listener on that port)")));
        }
        InetSocketAddress server = new InetSocketAddress(InetAddress.getLoopbackAddress(), address.getPort());
        InetSocketAddress client = new InetSocketAddress(InetAddress.getLoopbackAddress(), nextPort.incrementAndGet());
        PipeWire clientSide = new PipeWire(this, client, server);
        PipeWire serverSide = new PipeWire(this, server, client);
        clientSide.connectTo(serverSide);
        serverSide.connectTo(clientSide);
        wires.add(clientSide);
        wires.add(serverSide);
        acceptor.accept(serverSide);
        return CompletableFuture.completedFuture(clientSide);
    }

    @Override
    public DatagramWire bind(InetSocketAddress local, InetSocketAddress remote, TransportOptions options) {
        throw new UnsupportedOperationException("the pipe transport has no datagrams");
    }

    private void ensureOpen() throws IOException {
        if (closed) {
            throw new IOException("transport is closed");
        }
    }

    @Override
    public void close() {
        closed = true;
        listeners.clear();
        List<PipeWire> all = new ArrayList<>(wires);
        all.forEach(PipeWire::close);
    }
}
