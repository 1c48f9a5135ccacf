package dev.wirekit.transport.blocking;

import dev.wirekit.api.ConnectTimeoutException;
import dev.wirekit.api.TransportCapabilities;
import dev.wirekit.api.TransportOptions;
import dev.wirekit.spi.DatagramWire;
import dev.wirekit.spi.DriverConfig;
import dev.wirekit.spi.TransportDriver;
import dev.wirekit.spi.Wire;
import dev.wirekit.spi.WireListener;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.StandardSocketOptions;
import java.net.UnknownHostException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadFactory;
import java.util.function.Consumer;

/**
 * Moves bytes with blocking sockets on virtual threads: TCP through {@link SocketChannel}s in
 * blocking mode (they read into and write from direct buffers without the extra copy that
 * {@code java.net.Socket} streams make), UDP through {@link DatagramSocket}.
 */
final class BlockingDriver implements TransportDriver {
    static final int MAX_DATAGRAM = 65_507;

    private static final long WATCH_TICK_MILLIS = 50;
    private static final long FIRST_ACCEPT_PAUSE_NANOS = java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(10);
    private static final long MAX_ACCEPT_PAUSE_NANOS = java.util.concurrent.TimeUnit.SECONDS.toNanos(1);

    private final ThreadFactory threads;
    private final Set<AutoCloseable> open = ConcurrentHashMap.newKeySet();
    private final java.util.concurrent.atomic.AtomicInteger directWrites =
            new java.util.concurrent.atomic.AtomicInteger();
    private final java.util.concurrent.atomic.AtomicBoolean watching = new java.util.concurrent.atomic.AtomicBoolean();
    private volatile boolean closed;

    BlockingDriver(DriverConfig config) {
        this.threads =
                Thread.ofVirtual().name(config.threadNamePrefix() + "-", 0).factory();
    }

    void start(Runnable task) {
        threads.newThread(task).start();
    }

    void forget(AutoCloseable resource) {
        open.remove(resource);
    }

    void directWriteStarted() {
        directWrites.incrementAndGet();
        if (!watching.get() && watching.compareAndSet(false, true)) {
            start(this::watch);
        }
    }

    void directWriteEnded() {
        directWrites.decrementAndGet();
    }

    /**
     * The watchdog for writes made directly by a connection's reader thread: a java.net socket write
     * has no timeout, so every tick it aborts the connections whose write has outlived the write
     * timeout. It idles (one wake-up a tick) while no direct write is in progress.
     */
    private void watch() {
        try {
            while (!closed) {
                Thread.sleep(WATCH_TICK_MILLIS);
                if (directWrites.get() > 0) {
                    long now = System.nanoTime();
                    for (AutoCloseable resource : open) {
                        if (resource instanceof BlockingWire wire) {
                            wire.checkDirectWrite(now);
                        }
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public TransportCapabilities capabilities() {
        return new TransportCapabilities(true, true, true, MAX_DATAGRAM, false);
    }

    @Override
    public WireListener listen(InetSocketAddress address, TransportOptions options, Consumer<Wire> acceptor)
            throws IOException {
        ensureOpen();
        ServerSocketChannel server = ServerSocketChannel.open();
        try {
            server.setOption(StandardSocketOptions.SO_REUSEADDR, options.reuseAddress());
            if (options.receiveBufferSize() > 0) {
                server.setOption(StandardSocketOptions.SO_RCVBUF, options.receiveBufferSize());
            }
            server.bind(resolve(address), options.backlog());
        } catch (IOException e) {
            server.close();
            throw e;
        }
        Listener listener = new Listener(server, (InetSocketAddress) server.getLocalAddress());
        open.add(listener);
        start(() -> acceptLoop(server, listener, options, acceptor));
        return listener;
    }

    private void acceptLoop(
            ServerSocketChannel server, Listener listener, TransportOptions options, Consumer<Wire> acceptor) {
        listener.acceptThread = Thread.currentThread();
        long pauseNanos = 0;
        while (server.isOpen()) {
            SocketChannel socket;
            try {
                socket = server.accept();
            } catch (IOException e) {
                if (server.isOpen()) {
                    // Out of file descriptors, say: an accept now would fail again at once. Pause,
                    // doubling while it keeps failing (10 ms to 1 s): one log line per try, no spin.
                    pauseNanos = pauseNanos == 0
                            ? FIRST_ACCEPT_PAUSE_NANOS
                            : Math.min(2 * pauseNanos, MAX_ACCEPT_PAUSE_NANOS);
                    System.getLogger("dev.wirekit.transport.blocking")
                            .log(
                                    System.Logger.Level.WARNING,
                                    "accept on " + listener.localAddress() + " failed: " + e + "; accepting again in "
                                            + java.time.Duration.ofNanos(pauseNanos)
                                                    .toMillis() + " ms");
                    java.util.concurrent.locks.LockSupport.parkNanos(pauseNanos);
                }
                continue;
            }
            pauseNanos = 0;
            try {
                configure(socket, options);
                BlockingWire wire = new BlockingWire(this, socket, options.writeTimeout());
                open.add(wire);
                acceptor.accept(wire);
            } catch (IOException | RuntimeException e) {
                closeQuietly(socket);
            }
        }
    }

    static void configure(SocketChannel socket, TransportOptions options) throws IOException {
        socket.setOption(StandardSocketOptions.TCP_NODELAY, options.tcpNoDelay());
        socket.setOption(StandardSocketOptions.SO_KEEPALIVE, options.keepAlive());
        if (options.sendBufferSize() > 0) {
            socket.setOption(StandardSocketOptions.SO_SNDBUF, options.sendBufferSize());
        }
        if (options.receiveBufferSize() > 0) {
            socket.setOption(StandardSocketOptions.SO_RCVBUF, options.receiveBufferSize());
        }
    }

    @Override
    public CompletableFuture<Wire> connect(InetSocketAddress address, TransportOptions options) {
        CompletableFuture<Wire> future = new CompletableFuture<>();
        if (closed) {
            future.completeExceptionally(new IOException("transport is closed"));
            return future;
        }
        start(() -> {
            SocketChannel socket = null;
            try {
                socket = SocketChannel.open();
                configure(socket, options);
                InetSocketAddress target = resolve(address);
                try {
                    // the channel's socket adaptor connects with a timeout; the channel alone cannot
                    socket.socket().connect(target, (int)
                            Math.min(Integer.MAX_VALUE, options.connectTimeout().toMillis()));
                } catch (SocketTimeoutException e) {
                    throw new ConnectTimeoutException(
                            "connect to " + target + " timed out after " + options.connectTimeout());
                }
                BlockingWire wire = new BlockingWire(this, socket, options.writeTimeout());
                open.add(wire);
                if (!future.complete(wire)) { // cancelled meanwhile: never started, so never forgotten by itself
                    wire.close();
                    forget(wire);
                }
            } catch (IOException | RuntimeException e) {
                if (socket != null) {
                    closeQuietly(socket);
                }
                future.completeExceptionally(e);
            }
        });
        return future;
    }

    @Override
    public DatagramWire bind(InetSocketAddress local, InetSocketAddress remote, TransportOptions options)
            throws IOException {
        ensureOpen();
        DatagramSocket socket = new DatagramSocket(null);
        try {
            socket.setReuseAddress(options.reuseAddress());
            if (options.receiveBufferSize() > 0) {
                socket.setReceiveBufferSize(options.receiveBufferSize());
            }
            if (options.sendBufferSize() > 0) {
                socket.setSendBufferSize(options.sendBufferSize());
            }
            socket.bind(resolve(local));
            if (remote != null) {
                socket.connect(resolve(remote));
            }
        } catch (IOException e) {
            socket.close();
            throw e;
        }
        BlockingDatagramWire wire = new BlockingDatagramWire(this, socket);
        open.add(wire);
        return wire;
    }

    static InetSocketAddress resolve(InetSocketAddress address) throws UnknownHostException {
        if (!address.isUnresolved()) {
            return address;
        }
        InetSocketAddress resolved = new InetSocketAddress(address.getHostString(), address.getPort());
        if (resolved.isUnresolved()) {
            throw new UnknownHostException("cannot resolve host " + address.getHostString());
        }
        return resolved;
    }

    private void ensureOpen() throws IOException {
        if (closed) {
            throw new IOException("transport is closed");
        }
    }

    static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception ignored) {
            // nothing more to do
        }
    }

    @Override
    public void close() {
        closed = true;
        List<AutoCloseable> all = new ArrayList<>(open);
        all.forEach(BlockingDriver::closeQuietly);
        open.clear();
    }

    private final class Listener implements WireListener {
        private final ServerSocketChannel server;
        private final InetSocketAddress address;
        /** The thread that accepts: woken from a pause after a failed accept when the listener closes. */
        volatile Thread acceptThread;

        Listener(ServerSocketChannel server, InetSocketAddress address) {
            this.server = server;
            this.address = address;
        }

        @Override
        public InetSocketAddress localAddress() {
            return address;
        }

        @Override
        public void close() {
            closeQuietly(server);
            Thread accepting = acceptThread;
            if (accepting != null) {
                java.util.concurrent.locks.LockSupport.unpark(accepting);
            }
            forget(this);
        }
    }
}
