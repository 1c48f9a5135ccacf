package dev.wirekit.transport.nio;

import dev.wirekit.api.ConnectTimeoutException;
import dev.wirekit.api.TransportCapabilities;
import dev.wirekit.api.TransportOptions;
import dev.wirekit.spi.DatagramWire;
import dev.wirekit.spi.DriverConfig;
import dev.wirekit.spi.TransportDriver;
import dev.wirekit.spi.Wire;
import dev.wirekit.spi.WireListener;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.net.UnknownHostException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/** Moves bytes with non-blocking channels on a fixed set of event loops, started on first use. */
final class NioDriver implements TransportDriver {
    static final int MAX_DATAGRAM = 65_507;

    private final DriverConfig config;
    private final Set<Object> open = ConcurrentHashMap.newKeySet();
    private final AtomicInteger next = new AtomicInteger();
    private volatile EventLoop[] loops;
    private volatile ScheduledThreadPoolExecutor timer;
    private volatile boolean closed;

    NioDriver(DriverConfig config) {
        this.config = config;
    }

    @Override
    public TransportCapabilities capabilities() {
        return new TransportCapabilities(true, true, true, MAX_DATAGRAM, true);
    }

    private EventLoop[] loops() throws IOException {
        EventLoop[] started = loops; // lock-free once started: every connect of a scan comes here
        if (started != null && !closed) {
            return started;
        }
        return startLoops();
    }

    private synchronized EventLoop[] startLoops() throws IOException {
        if (closed) {
            throw new IOException("transport is closed");
        }
        if (loops == null) {
            int n = config.eventLoops() > 0
                    ? config.eventLoops()
                    : Runtime.getRuntime().availableProcessors();
            EventLoop[] created = new EventLoop[n];
            for (int i = 0; i < n; i++) {
                created[i] = new EventLoop(config.threadNamePrefix() + "-loop-" + i);
            }
            for (EventLoop loop : created) {
                loop.start();
            }
            ScheduledThreadPoolExecutor t = new ScheduledThreadPoolExecutor(1, r -> {
                Thread thread = new Thread(r, config.threadNamePrefix() + "-connect-timer");
                thread.setDaemon(true);
                return thread;
            });
            t.setRemoveOnCancelPolicy(true);
            timer = t;
            loops = created;
        }
        return loops;
    }

    EventLoop nextLoop() throws IOException {
        EventLoop[] all = loops();
        return all[Math.floorMod(next.getAndIncrement(), all.length)];
    }

    void forget(Object resource) {
        open.remove(resource);
    }

    // ---- listening ------------------------------------------------------------------------

    @Override
    public WireListener listen(InetSocketAddress address, TransportOptions options, Consumer<Wire> acceptor)
            throws IOException {
        EventLoop loop = nextLoop();
        ServerSocketChannel server = ServerSocketChannel.open();
        try {
            server.configureBlocking(false);
            server.setOption(StandardSocketOptions.SO_REUSEADDR, options.reuseAddress());
            if (options.receiveBufferSize() > 0) {
                server.setOption(StandardSocketOptions.SO_RCVBUF, options.receiveBufferSize());
            }
            server.bind(resolve(address), options.backlog());
        } catch (IOException e) {
            server.close();
            throw e;
        }
        NioListener listener = new NioListener(this, loop, server, options, acceptor);
        open.add(listener);
        CompletableFuture<Void> registered = new CompletableFuture<>();
        loop.execute(() -> {
            try {
                server.register(loop.selector, SelectionKey.OP_ACCEPT, listener);
                registered.complete(null);
            } catch (IOException e) {
                registered.completeExceptionally(e);
            }
        });
        registered.join();
        return listener;
    }

    static void configure(SocketChannel channel, TransportOptions options) throws IOException {
        channel.configureBlocking(false);
        // A new socket has both off: a system call is only spent on turning one on.
        if (options.tcpNoDelay()) {
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
        }
        if (options.keepAlive()) {
            channel.setOption(StandardSocketOptions.SO_KEEPALIVE, true);
        }
        if (options.sendBufferSize() > 0) {
            channel.setOption(StandardSocketOptions.SO_SNDBUF, options.sendBufferSize());
        }
        if (options.receiveBufferSize() > 0) {
            channel.setOption(StandardSocketOptions.SO_RCVBUF, options.receiveBufferSize());
        }
    }

    NioWire wrap(EventLoop loop, SocketChannel channel, SelectionKey key) throws IOException {
        NioWire wire = new NioWire(this, loop, channel, key);
        open.add(wire);
        return wire;
    }

    // ---- connecting -----------------------------------------------------------------------

    @Override
    public CompletableFuture<Wire> connect(InetSocketAddress address, TransportOptions options) {
        CompletableFuture<Wire> future = new CompletableFuture<>();
        SocketChannel channel = null;
        InetSocketAddress target = address;
        try {
            EventLoop loop = nextLoop();
            target = resolve(address);
            channel = SocketChannel.open(
                    target.getAddress() instanceof java.net.Inet6Address
                            ? StandardProtocolFamily.INET6
                            : StandardProtocolFamily.INET);
            configure(channel, options);
            // Over loopback and virtual links the handshake (or the reset) is processed before
            // connect returns: look once before paying for a registration and a timer.
            if (channel.connect(target) || channel.finishConnect()) {
                future.complete(wrap(loop, channel, null));
                return future;
            }
            Connector connector = new Connector(loop, channel, target, future);
            ScheduledFuture<?> timeout = timer.schedule(
                    () -> connector.timedOut(options.connectTimeout().toString()),
                    options.connectTimeout().toNanos(),
                    TimeUnit.NANOSECONDS);
            // handle, not whenComplete: a failed connect must not cost one more exception.
            future.handle((w, e) -> timeout.cancel(false));
            loop.execute(() -> connector.register());
        } catch (ConnectException e) {
            closeQuietly(channel);
            future.completeExceptionally(refused(target, e));
        } catch (IOException | RuntimeException e) {
            closeQuietly(channel);
            future.completeExceptionally(e);
        }
        return future;
    }

    /**
     * What a failed connect reports: the system's own give-up is a timeout; anything else the JDK
     * reports as a {@link ConnectException} is a refusal.
     */
    static IOException refused(InetSocketAddress target, ConnectException e) {
        if (e.getMessage() != null && e.getMessage().contains("timed out")) {
            return new ConnectTimeoutException("connect to " + target + " timed out (the system gave up)");
        }
        return new ConnectionRefused(target);
    }

    /** Waits for one non-blocking connect on its loop. */
    private final class Connector implements Handler {
        private final EventLoop loop;
        private final SocketChannel channel;
        private final InetSocketAddress target;
        private final CompletableFuture<Wire> future;
        private SelectionKey key;

        Connector(EventLoop loop, SocketChannel channel, InetSocketAddress target, CompletableFuture<Wire> future) {
            this.loop = loop;
            this.channel = channel;
            this.target = target;
            this.future = future;
        }

        void register() {
            if (future.isDone()) {
                closeQuietly(channel);
                return;
            }
            try {
                key = channel.register(loop.selector, SelectionKey.OP_CONNECT, this);
            } catch (IOException e) {
                fail(e);
            }
        }

        @Override
        public void ready(int readyOps) {
            try {
                if (!channel.finishConnect()) {
                    return;
                }
                key.interestOps(0);
                NioWire wire = wrap(loop, channel, key);
                if (!future.complete(wire)) {
                    wire.close();
                }
            } catch (ConnectException e) {
                fail(refused(target, e));
            } catch (IOException e) {
                fail(e);
            }
        }

        void timedOut(String after) {
            try {
                loop.execute(
                        () -> fail(new ConnectTimeoutException("connect to " + target + " timed out after " + after)));
            } catch (RejectedExecutionException e) {
                fail(new ConnectTimeoutException("connect to " + target + " timed out after " + after));
            }
        }

        private void fail(IOException e) {
            if (key != null) {
                key.cancel();
            }
            closeQuietly(channel);
            future.completeExceptionally(e);
        }

        @Override
        public void loopClosed() {
            fail(new IOException("transport closed while connecting to " + target));
        }
    }

    // ---- datagrams ------------------------------------------------------------------------

    @Override
    public DatagramWire bind(InetSocketAddress local, InetSocketAddress remote, TransportOptions options)
            throws IOException {
        EventLoop loop = nextLoop();
        InetSocketAddress bindTo = resolve(local);
        DatagramChannel channel = bindTo.getAddress() instanceof java.net.Inet6Address
                ? DatagramChannel.open(StandardProtocolFamily.INET6)
                : DatagramChannel.open(StandardProtocolFamily.INET);
        try {
            channel.configureBlocking(false);
            channel.setOption(StandardSocketOptions.SO_REUSEADDR, options.reuseAddress());
            if (options.receiveBufferSize() > 0) {
                channel.setOption(StandardSocketOptions.SO_RCVBUF, options.receiveBufferSize());
            }
            if (options.sendBufferSize() > 0) {
                channel.setOption(StandardSocketOptions.SO_SNDBUF, options.sendBufferSize());
            }
            channel.bind(bindTo);
            if (remote != null) {
                channel.connect(resolve(remote));
            }
        } catch (IOException e) {
            channel.close();
            throw e;
        }
        NioDatagramWire wire = new NioDatagramWire(this, loop, channel);
        open.add(wire);
        return wire;
    }

    // ---- common ---------------------------------------------------------------------------

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

    static void closeQuietly(AutoCloseable c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (Exception ignored) {
            // nothing more to do
        }
    }

    @Override
    public void close() {
        EventLoop[] all;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            all = loops;
        }
        List<Object> resources = new ArrayList<>(open);
        for (Object r : resources) {
            if (r instanceof NioListener l) {
                l.close();
            }
        }
        if (all != null) {
            for (EventLoop loop : all) {
                loop.shutdown();
            }
            timer.shutdownNow();
            try {
                timer.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        open.clear();
    }
}
