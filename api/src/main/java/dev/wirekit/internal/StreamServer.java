package dev.wirekit.internal;

import dev.wirekit.api.ConnectionHandler;
import dev.wirekit.api.Server;
import dev.wirekit.api.ServerStats;
import dev.wirekit.api.Service;
import dev.wirekit.api.TransportOptions;
import dev.wirekit.api.framing.Framer;
import dev.wirekit.api.layer.LayerContext;
import dev.wirekit.spi.Wire;
import dev.wirekit.spi.WireListener;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/** A stream {@link Server}: accepts wires, enforces the connection limit, closes gracefully. */
final class StreamServer implements Server {
    private final DefaultTransport transport;
    private final TransportOptions options;
    private final Counters counters = new Counters();
    private final Set<WireEndpoint> endpoints = ConcurrentHashMap.newKeySet();
    private final AtomicInteger active = new AtomicInteger();
    /** Handler threads still running (ConnectionHandler servers): close waits for them too. */
    private final AtomicInteger handlers = new AtomicInteger();

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition emptied = lock.newCondition();
    private final AtomicBoolean open = new AtomicBoolean(true);
    private final CountDownLatch closedLatch = new CountDownLatch(1);
    private final EndpointFactory factory;
    private WireListener listener;

    /** Makes the endpoint for one accepted wire, and starts what must run beside it. */
    private interface EndpointFactory {
        WireEndpoint create(Wire wire, Counters counters, Runnable onFinished);

        default void started(WireEndpoint endpoint, StreamServer server) {}
    }

    private StreamServer(DefaultTransport transport, TransportOptions options, EndpointFactory factory) {
        this.transport = transport;
        this.options = options;
        this.factory = factory;
    }

    static <T> StreamServer forService(
            DefaultTransport transport, TransportOptions options, Framer<T> framer, Service<T> service) {
        return new StreamServer(
                transport,
                options,
                (wire, counters, done) -> new StreamSession<>(
                        transport,
                        wire,
                        options,
                        counters,
                        LayerContext.Role.SERVER,
                        Optional.empty(),
                        framer,
                        service,
                        done));
    }

    static StreamServer forHandler(DefaultTransport transport, TransportOptions options, ConnectionHandler handler) {
        return new StreamServer(transport, options, new EndpointFactory() {
            @Override
            public WireEndpoint create(Wire wire, Counters counters, Runnable done) {
                return new WireConnection(
                        transport, wire, options, counters, LayerContext.Role.SERVER, Optional.empty(), done);
            }

            @Override
            public void started(WireEndpoint endpoint, StreamServer server) {
                WireConnection connection = (WireConnection) endpoint;
                server.handlers.incrementAndGet();
                transport.virtualThreads().execute(() -> {
                    try {
                        connection.handshake();
                        handler.handle(connection);
                        connection.close();
                    } catch (Throwable t) {
                        connection.abort(t);
                    } finally {
                        server.handlerEnded();
                    }
                });
            }
        });
    }

    void start(InetSocketAddress address) throws IOException {
        listener = transport.driver().listen(address, options, this::accept);
    }

    private void accept(Wire wire) {
        if (!open.get()) {
            wire.close();
            return;
        }
        if (active.incrementAndGet() > options.maxConnections()) {
            active.decrementAndGet();
            counters.refused.increment();
            CloseLog.log(
                    "connection from " + wire.remoteAddress(),
                    new ConnectionLimitException("refused: the server at " + localAddress() + " is at its limit of "
                            + options.maxConnections() + " connections"));
            wire.close();
            return;
        }
        counters.accepted.increment();
        counters.active.increment();
        WireEndpoint[] holder = new WireEndpoint[1];
        WireEndpoint endpoint = factory.create(wire, counters, () -> finished(holder[0]));
        holder[0] = endpoint;
        endpoints.add(endpoint);
        wire.start(endpoint);
        factory.started(endpoint, this);
    }

    private void handlerEnded() {
        handlers.decrementAndGet();
        lock.lock();
        try {
            emptied.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void finished(WireEndpoint endpoint) {
        counters.active.decrement();
        active.decrementAndGet();
        endpoints.remove(endpoint);
        lock.lock();
        try {
            emptied.signalAll();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public InetSocketAddress localAddress() {
        return listener.localAddress();
    }

    @Override
    public String protocol() {
        return "tcp";
    }

    @Override
    public ServerStats stats() {
        return counters.snapshot();
    }

    @Override
    public boolean isOpen() {
        return open.get();
    }

    @Override
    public void close() {
        close(options.drainTimeout());
    }

    @Override
    public void close(Duration drainTimeout) {
        if (!open.compareAndSet(true, false)) {
            awaitQuietly();
            return;
        }
        try {
            listener.close();
            for (WireEndpoint e : endpoints) {
                e.closeOrderly(null);
            }
            if (!awaitEmpty(drainTimeout)) {
                for (WireEndpoint e : endpoints) {
                    e.abort(null);
                }
                awaitEmpty(Duration.ofSeconds(5));
            }
        } finally {
            transport.forget(this);
            closedLatch.countDown();
        }
    }

    private boolean awaitEmpty(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        lock.lock();
        try {
            while (!endpoints.isEmpty() || handlers.get() > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                emptied.awaitNanos(Math.min(left, TimeUnit.MILLISECONDS.toNanos(50)));
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return endpoints.isEmpty() && handlers.get() == 0;
        } finally {
            lock.unlock();
        }
    }

    private void awaitQuietly() {
        try {
            closedLatch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void awaitClose() throws InterruptedException {
        closedLatch.await();
    }

    @Override
    public String toString() {
        return "tcp " + (listener == null ? "(not started)" : localAddress());
    }
}
