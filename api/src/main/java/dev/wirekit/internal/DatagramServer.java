package dev.wirekit.internal;

import dev.wirekit.api.Server;
import dev.wirekit.api.ServerStats;
import dev.wirekit.api.Service;
import dev.wirekit.api.TransportOptions;
import dev.wirekit.api.framing.Framer;
import dev.wirekit.api.layer.LayerContext;
import dev.wirekit.spi.DatagramReceiver;
import dev.wirekit.spi.DatagramWire;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/** A datagram {@link Server}: one socket, one session per peer address. */
final class DatagramServer<T> implements Server, DatagramReceiver, DatagramSession.Owner {
    private final DefaultTransport transport;
    private final TransportOptions options;
    private final Framer<T> framer;
    private final Service<T> service;
    private final Counters counters = new Counters();
    private final ConcurrentHashMap<InetSocketAddress, DatagramSession<T>> peers = new ConcurrentHashMap<>();
    private final AtomicInteger live = new AtomicInteger();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition emptied = lock.newCondition();
    private final AtomicBoolean open = new AtomicBoolean(true);
    private final CountDownLatch closedLatch = new CountDownLatch(1);
    private final boolean transientSessions;
    private DatagramWire wire;

    DatagramServer(DefaultTransport transport, TransportOptions options, Framer<T> framer, Service<T> service) {
        this.transport = transport;
        this.options = options;
        this.framer = framer;
        this.service = service;
        this.transientSessions =
                options.datagramSessionTimeout().isZero() && options.layers().isEmpty();
    }

    /**
     * How long a kept peer session may sit idle. A layer (DTLS) needs a session per peer even when
     * the options ask for one per datagram (timeout 0); such sessions still expire, after the
     * default timeout, so peers that vanish without a goodbye cannot fill the peer limit for good.
     */
    private Duration keptSessionTimeout() {
        Duration configured = options.datagramSessionTimeout();
        return configured.isZero() ? TransportOptions.defaults().datagramSessionTimeout() : configured;
    }

    void start(InetSocketAddress address) throws IOException {
        wire = transport.driver().bind(address, null, options);
        wire.start(this);
    }

    @Override
    public void onDatagram(ByteBuffer payload, InetSocketAddress sender) {
        if (!open.get()) {
            return;
        }
        counters.bytesRead.add(payload.remaining());
        DatagramSession<T> session = transientSessions ? null : peers.get(sender);
        if (session == null) {
            if (live.get() >= options.maxConnections()) {
                counters.refused.increment();
                DatagramLog.dropped(sender, "the server is at its limit of " + options.maxConnections() + " peers");
                return;
            }
            session = new DatagramSession<>(this, sender, framer, service, LayerContext.Role.SERVER, Optional.empty());
            live.incrementAndGet();
            counters.accepted.increment();
            counters.active.increment();
            if (!transientSessions) {
                peers.put(sender, session);
            }
            session.start(transientSessions ? Duration.ZERO : keptSessionTimeout());
        }
        session.onDatagram(payload);
        if (transientSessions) {
            session.closeWhenIdle();
        }
    }

    @Override
    public void onOversized(InetSocketAddress sender) {
        DatagramLog.dropped(sender, "larger than the largest datagram this transport receives");
    }

    @Override
    public void onClosed(Throwable cause) {
        if (cause != null && open.get()) {
            CloseLog.LOG.log(System.Logger.Level.ERROR, "datagram socket " + wire.localAddress() + " failed", cause);
        }
    }

    @Override
    public void finished(DatagramSession<?> session) {
        peers.remove(session.remoteAddress(), session);
        counters.active.decrement();
        live.decrementAndGet();
        lock.lock();
        try {
            emptied.signalAll();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public DefaultTransport transport() {
        return transport;
    }

    @Override
    public DatagramWire wire() {
        return wire;
    }

    @Override
    public TransportOptions options() {
        return options;
    }

    @Override
    public Counters counters() {
        return counters;
    }

    @Override
    public InetSocketAddress localAddress() {
        return wire.localAddress();
    }

    @Override
    public String protocol() {
        return "udp";
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
            try {
                closedLatch.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return;
        }
        try {
            peers.values().forEach(DatagramSession::close);
            long deadline = System.nanoTime() + drainTimeout.toNanos();
            lock.lock();
            try {
                while (live.get() > 0 && deadline - System.nanoTime() > 0) {
                    emptied.awaitNanos(Math.min(deadline - System.nanoTime(), 50_000_000L));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                lock.unlock();
            }
            wire.close();
        } finally {
            transport.forget(this);
            closedLatch.countDown();
        }
    }

    @Override
    public void awaitClose() throws InterruptedException {
        closedLatch.await();
    }

    @Override
    public String toString() {
        return "udp " + (wire == null ? "(not started)" : localAddress());
    }
}
