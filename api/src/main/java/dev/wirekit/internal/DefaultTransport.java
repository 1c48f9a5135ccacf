package dev.wirekit.internal;

import dev.wirekit.api.ClientSession;
import dev.wirekit.api.Connection;
import dev.wirekit.api.ConnectionHandler;
import dev.wirekit.api.Server;
import dev.wirekit.api.Service;
import dev.wirekit.api.Session;
import dev.wirekit.api.Transport;
import dev.wirekit.api.TransportCapabilities;
import dev.wirekit.api.TransportOptions;
import dev.wirekit.api.framing.Framer;
import dev.wirekit.api.layer.LayerContext;
import dev.wirekit.spi.DatagramWire;
import dev.wirekit.spi.TransportDriver;
import dev.wirekit.spi.Wire;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * The {@link Transport} every driver gets: framing, layers, sessions, limits and timeouts built on
 * the driver's byte moving. Owns a timer thread and a virtual-thread executor.
 */
final class DefaultTransport implements Transport {
    private static final AtomicLong IDS = new AtomicLong();
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private final String name;
    private final TransportDriver driver;
    private final TransportCapabilities capabilities;
    private final ExecutorService virtualThreads;
    private final ScheduledThreadPoolExecutor timer;
    private final Counters clientCounters = new Counters();
    private final Set<Object> open = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean closed = new AtomicBoolean();

    DefaultTransport(String name, TransportDriver driver) {
        this.name = name;
        this.driver = driver;
        this.capabilities = driver.capabilities();
        this.virtualThreads = Executors.newThreadPerTaskExecutor(
                Thread.ofVirtual().name("wirekit-" + name + "-vt-", 0).factory());
        this.timer = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "wirekit-" + name + "-timer");
            t.setDaemon(true);
            return t;
        });
        timer.setRemoveOnCancelPolicy(true);
        timer.setKeepAliveTime(10, TimeUnit.SECONDS);
        timer.allowCoreThreadTimeOut(true);
    }

    String nextId() {
        return idOf(nextSerial());
    }

    /** A number for {@link #idOf}: for sessions that may never need their id as text. */
    long nextSerial() {
        return IDS.incrementAndGet();
    }

    String idOf(long serial) {
        return name + "-" + serial;
    }

    TransportDriver driver() {
        return driver;
    }

    ExecutorService virtualThreads() {
        return virtualThreads;
    }

    ScheduledExecutorService timer() {
        return timer;
    }

    void forget(Object resource) {
        open.remove(resource);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public TransportCapabilities capabilities() {
        return capabilities;
    }

    // ---- servers --------------------------------------------------------------------------

    @Override
    public <T> Server listen(InetSocketAddress address, Framer<T> framer, Service<T> service, TransportOptions options)
            throws IOException {
        return startStream(StreamServer.forService(this, options, framer, service), address);
    }

    @Override
    public Server listen(InetSocketAddress address, ConnectionHandler handler, TransportOptions options)
            throws IOException {
        return startStream(StreamServer.forHandler(this, options, handler), address);
    }

    private Server startStream(StreamServer server, InetSocketAddress address) throws IOException {
        ensureOpen();
        open.add(server);
        try {
            server.start(address);
        } catch (IOException | RuntimeException e) {
            open.remove(server);
            throw e;
        }
        return server;
    }

    @Override
    public <T> Server bind(InetSocketAddress address, Framer<T> framer, Service<T> service, TransportOptions options)
            throws IOException {
        ensureOpen();
        requireDatagrams();
        DatagramServer<T> server = new DatagramServer<>(this, options, framer, service);
        open.add(server);
        try {
            server.start(address);
        } catch (IOException | RuntimeException e) {
            open.remove(server);
            throw e;
        }
        return server;
    }

    // ---- clients --------------------------------------------------------------------------

    @Override
    public Connection connect(InetSocketAddress address, TransportOptions options) throws IOException {
        return await(connectAsync(address, options), null);
    }

    @Override
    public CompletableFuture<Connection> connectAsync(InetSocketAddress address, TransportOptions options) {
        try {
            ensureOpen();
        } catch (IOException e) {
            return CompletableFuture.failedFuture(e);
        }
        // handle, not thenCompose: the future fails with the driver's exception itself, and a
        // refused connect (the common case of a port scan) costs no CompletionException.
        CompletableFuture<Connection> result = new CompletableFuture<>();
        driver.connect(address, options).handle((wire, failure) -> {
            if (failure != null) {
                result.completeExceptionally(
                        failure instanceof CompletionException && failure.getCause() != null
                                ? failure.getCause()
                                : failure);
            } else {
                try {
                    opened(address, options, wire, result);
                } catch (RuntimeException e) {
                    wire.abort();
                    result.completeExceptionally(e);
                }
            }
            return null;
        });
        return result;
    }

    private void opened(
            InetSocketAddress address, TransportOptions options, Wire wire, CompletableFuture<Connection> result) {
        WireConnection connection = new WireConnection(
                this,
                wire,
                options,
                clientCounters,
                LayerContext.Role.CLIENT,
                serverName(address, options),
                () -> forget(wire));
        open.add(wire);
        wire.start(connection);
        if (connection.chain == null) {
            // writable only once the driver has made the wire active
            connection.active.handle((v, failure) -> failure == null
                    ? result.complete(connection)
                    : result.completeExceptionally(
                            failure instanceof CompletionException && failure.getCause() != null
                                    ? failure.getCause()
                                    : failure));
            return;
        }
        try {
            virtualThreads.execute(() -> {
                try {
                    connection.handshake();
                    result.complete(connection);
                } catch (IOException | RuntimeException e) {
                    connection.abort(e);
                    result.completeExceptionally(e);
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            connection.abort(e);
            result.completeExceptionally(new IOException("transport '" + name + "' is closed", e));
        }
    }

    @Override
    public <T> ClientSession<T> connect(InetSocketAddress address, Framer<T> framer, TransportOptions options)
            throws IOException {
        Inbox<T> inbox = new Inbox<>();
        return new InboxClient<>(connect(address, framer, inbox, options), inbox, options.readTimeout());
    }

    @Override
    public <T> Session<T> connect(
            InetSocketAddress address, Framer<T> framer, Service<T> service, TransportOptions options)
            throws IOException {
        ensureOpen();
        Wire wire = await(driver.connect(address, options), null);
        StreamSession<T> session = new StreamSession<>(
                this,
                wire,
                options,
                clientCounters,
                LayerContext.Role.CLIENT,
                serverName(address, options),
                framer,
                service,
                () -> forget(wire));
        open.add(wire);
        wire.start(session);
        await(session.opened(), session::abort);
        return session;
    }

    @Override
    public <T> ClientSession<T> connectDatagram(InetSocketAddress address, Framer<T> framer, TransportOptions options)
            throws IOException {
        ensureOpen();
        requireDatagrams();
        InetSocketAddress target =
                address.isUnresolved() ? new InetSocketAddress(address.getHostString(), address.getPort()) : address;
        if (target.isUnresolved()) {
            throw new java.net.UnknownHostException(address.getHostString());
        }
        InetSocketAddress local = new InetSocketAddress(
                target.getAddress() instanceof java.net.Inet6Address
                        ? java.net.InetAddress.getByName("::")
                        : java.net.InetAddress.getByName("0.0.0.0"),
                0);
        DatagramWire wire = driver.bind(local, target, options);
        DatagramClient client = new DatagramClient(this, options, wire);
        Inbox<T> inbox = new Inbox<>();
        DatagramSession<T> session = new DatagramSession<>(
                client, target, framer, inbox, LayerContext.Role.CLIENT, serverName(address, options));
        client.attach(session);
        open.add(client);
        wire.start(client);
        session.start(Duration.ZERO);
        await(session.opened(), session::close);
        return new InboxClient<>(session, inbox, options.readTimeout());
    }

    private void requireDatagrams() {
        if (!capabilities.datagrams()) {
            throw new UnsupportedOperationException("transport '" + name + "' does not support datagrams");
        }
    }

    /** The name a client's layers verify the peer against. */
    static Optional<String> serverName(InetSocketAddress address, TransportOptions options) {
        if (options.serverName().isPresent()) {
            return options.serverName();
        }
        String host = address.getHostString();
        if (host == null || host.indexOf(':') >= 0 || IPV4.matcher(host).matches()) {
            return Optional.empty();
        }
        return Optional.of(host);
    }

    /** Waits for {@code future}, turning its failure back into the exception it carries. */
    private static <V> V await(CompletableFuture<V> future, Runnable onInterrupt) throws IOException {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            if (onInterrupt != null) {
                onInterrupt.run();
            }
            future.cancel(true);
            throw new InterruptedIOException("interrupted while connecting");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() instanceof CompletionException ce && ce.getCause() != null
                    ? ce.getCause()
                    : e.getCause();
            if (cause instanceof IOException io) {
                io.addSuppressed(new Exception("connect called here"));
                throw io;
            }
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            throw new IOException(CloseLog.reason(cause), cause);
        }
    }

    private void ensureOpen() throws IOException {
        if (closed.get()) {
            throw new IOException("transport '" + name + "' is closed");
        }
    }

    // ---- closing --------------------------------------------------------------------------

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        List<Object> resources = new ArrayList<>(open);
        for (Object r : resources) {
            try {
                if (r instanceof Server s) {
                    s.close(Duration.ofMillis(200));
                } else if (r instanceof Wire w) {
                    w.close();
                } else if (r instanceof DatagramClient c) {
                    c.wire().close();
                }
            } catch (RuntimeException e) {
                CloseLog.LOG.log(System.Logger.Level.WARNING, "closing " + r + " failed: " + e);
            }
        }
        driver.close();
        timer.shutdownNow();
        virtualThreads.shutdownNow();
        try {
            timer.awaitTermination(5, TimeUnit.SECONDS);
            virtualThreads.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "Transport[" + name + "]";
    }
}
