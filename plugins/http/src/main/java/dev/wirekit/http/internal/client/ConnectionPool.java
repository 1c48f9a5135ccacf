package dev.wirekit.http.internal.client;

import dev.wirekit.api.Connection;
import dev.wirekit.api.TransportOptions;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Kept-alive connections per origin: at most {@code maxConnectionsPerOrigin} open at once (others
 * wait for one to be returned), at most {@code maxIdlePerOrigin} kept idle, each for at most the
 * idle timeout. Expired connections are closed as the pool is used; it starts no thread.
 */
final class ConnectionPool implements AutoCloseable {
    private final ClientConfig config;
    private final Map<Origin, OriginPool> pools = new ConcurrentHashMap<>();
    private final AtomicInteger open = new AtomicInteger();
    private volatile boolean closed;

    /** The connections of one origin. */
    private static final class OriginPool {
        final ReentrantLock lock = new ReentrantLock();
        final Condition returned = lock.newCondition();
        final ArrayDeque<PooledConnection> idle = new ArrayDeque<>();
        int leased;
    }

    ConnectionPool(ClientConfig config) {
        this.config = config;
    }

    int openConnections() {
        return open.get();
    }

    /**
     * A connection to {@code origin}: an idle one that is still alive, else a new one.
     *
     * @param fresh true to skip idle connections (a retry after a stale one failed)
     */
    PooledConnection acquire(Origin origin, boolean fresh) throws IOException {
        if (closed) {
            throw new IOException("the client is closed");
        }
        OriginPool pool = pools.computeIfAbsent(origin, o -> new OriginPool());
        long deadline =
                System.nanoTime() + config.httpOptions().connectTimeout().toNanos();
        List<PooledConnection> expired = new ArrayList<>();
        pool.lock.lock();
        try {
            while (true) {
                evictExpired(pool, expired);
                while (!fresh && !pool.idle.isEmpty()) {
                    PooledConnection pc = pool.idle.pollLast();
                    if (pc.isStale()) {
                        expired.add(pc);
                        continue;
                    }
                    pool.leased++;
                    return pc;
                }
                if (fresh
                        && !pool.idle.isEmpty()
                        && pool.leased + pool.idle.size() >= config.maxConnectionsPerOrigin()) {
                    expired.add(pool.idle.pollFirst()); // make room for the fresh one
                }
                if (pool.leased + pool.idle.size() < config.maxConnectionsPerOrigin()) {
                    pool.leased++;
                    break;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new IOException("no connection to " + origin + " became free within "
                            + config.httpOptions().connectTimeout() + " (all "
                            + config.maxConnectionsPerOrigin() + " in use)");
                }
                pool.returned.awaitNanos(left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for a connection to " + origin);
        } finally {
            pool.lock.unlock();
            closeAll(expired);
        }
        try {
            return new PooledConnection(origin, connect(origin), config.readTimeout());
        } catch (IOException | RuntimeException e) {
            pool.lock.lock();
            try {
                pool.leased--;
                pool.returned.signal();
            } finally {
                pool.lock.unlock();
            }
            throw e;
        }
    }

    private Connection connect(Origin origin) throws IOException {
        // https: the URI's host is the name TLS sends as SNI and checks the certificate against
        TransportOptions options;
        if (origin.secure()) {
            try {
                options = config.httpsOptions().get().toBuilder()
                        .serverName(origin.host())
                        .build();
            } catch (IllegalStateException e) { // the system trust store cannot be loaded
                throw new IOException("https to " + origin + ": " + e.getMessage(), e);
            }
        } else {
            options = config.httpOptions();
        }
        List<InetAddress> addresses = config.resolver().resolve(origin.host());
        IOException failure = null;
        for (InetAddress address : addresses) {
            try {
                Connection c = config.transport().connect(new InetSocketAddress(address, origin.port()), options);
                open.incrementAndGet();
                return c;
            } catch (IOException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure == null) {
            throw new ConnectException("no address for " + origin.host());
        }
        throw failure;
    }

    /** Takes back a leased connection: kept idle when {@code reusable} and there is room. */
    void release(PooledConnection pc, boolean reusable) {
        OriginPool pool = pools.get(pc.origin);
        List<PooledConnection> toClose = new ArrayList<>();
        pool.lock.lock();
        try {
            pool.leased--;
            if (reusable && !closed && pc.connection.isOpen() && pool.idle.size() < config.maxIdlePerOrigin()) {
                pc.idleSince = config.clock().millis();
                pool.idle.addLast(pc);
            } else {
                toClose.add(pc);
            }
            evictExpired(pool, toClose);
            pool.returned.signal();
        } finally {
            pool.lock.unlock();
        }
        closeAll(toClose);
    }

    /** Closes a leased connection that went wrong, with a reset. */
    void discard(PooledConnection pc) {
        pc.abort();
        open.decrementAndGet();
        OriginPool pool = pools.get(pc.origin);
        pool.lock.lock();
        try {
            pool.leased--;
            pool.returned.signal();
        } finally {
            pool.lock.unlock();
        }
    }

    private void evictExpired(OriginPool pool, List<PooledConnection> out) {
        long now = config.clock().millis();
        long limit = config.idleTimeout().toMillis();
        while (!pool.idle.isEmpty() && now - pool.idle.peekFirst().idleSince >= limit) {
            out.add(pool.idle.pollFirst());
        }
    }

    private void closeAll(List<PooledConnection> connections) {
        for (PooledConnection pc : connections) {
            pc.close();
            open.decrementAndGet();
        }
    }

    @Override
    public void close() {
        closed = true;
        for (OriginPool pool : pools.values()) {
            List<PooledConnection> idle;
            pool.lock.lock();
            try {
                idle = new ArrayList<>(pool.idle);
                pool.idle.clear();
                pool.returned.signalAll();
            } finally {
                pool.lock.unlock();
            }
            closeAll(idle);
        }
    }
}
