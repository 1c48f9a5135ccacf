package dev.wirekit.api;

import java.net.InetSocketAddress;
import java.time.Duration;

/**
 * A listening server: a stream listener or a bound datagram socket with its sessions. Holds a socket
 * and threads, so it is closed when done.
 */
public interface Server extends AutoCloseable {

    /** The address it listens on; the real port when it was asked for port 0. */
    InetSocketAddress localAddress();

    /** {@code "tcp"} or {@code "udp"}. */
    String protocol();

    /** The counters so far. */
    ServerStats stats();

    /** True until {@link #close()} is called. */
    boolean isOpen();

    /**
     * Closes gracefully with the drain timeout of the server's options: stops accepting, closes
     * each session in order (queued output is written), waits for them to finish for at most the
     * drain timeout, then aborts whatever is left. Returns when every session has closed.
     */
    @Override
    void close();

    /** {@link #close()} with its own drain timeout. */
    void close(Duration drainTimeout);

    /** Waits until the server has been closed (by another thread). */
    void awaitClose() throws InterruptedException;

    /**
     * This server, closing {@code resource} too once it has closed: what a service built on top of
     * a server owns (an access log, an upstream client pool) ends with it. The resource is closed
     * even when closing the server fails.
     *
     * @param name how the returned server describes itself ({@code "http"} gives {@code "http
     *     tcp 127.0.0.1:8080"} when this server says {@code "tcp 127.0.0.1:8080"})
     */
    default Server alsoClosing(AutoCloseable resource, String name) {
        return new ClosingServer(this, resource, name);
    }
}
