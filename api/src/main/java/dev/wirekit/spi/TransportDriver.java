package dev.wirekit.spi;

import dev.wirekit.api.TransportCapabilities;
import dev.wirekit.api.TransportOptions;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * The part of a transport that moves bytes between sockets and Wirekit. Everything else (framing,
 * layers, sessions, limits, timeouts, backpressure) is built on top of it by Wirekit, identically
 * for every driver.
 *
 * <h2>Threading</h2>
 *
 * <ul>
 *   <li>Every method here and on {@link Wire} and {@link DatagramWire} is thread-safe.
 *   <li>A wire's receiver callbacks are invoked one at a time, in order, on the driver's delivery
 *       thread for that wire. If {@link TransportCapabilities#eventLoop()} is true, that thread is
 *       shared by many wires, and Wirekit never blocks in a callback (it moves blocking work to
 *       virtual threads); if false, the thread belongs to the wire and Wirekit may block in it,
 *       which pauses reading for that wire only.
 * </ul>
 */
public interface TransportDriver extends AutoCloseable {

    TransportCapabilities capabilities();

    /**
     * Listens on {@code address} and passes every accepted connection to {@code acceptor}, on a
     * driver thread, before the wire delivers anything. The driver applies {@code options}' socket
     * settings (reuse address, backlog, buffer sizes, TCP_NODELAY, keep-alive).
     */
    WireListener listen(InetSocketAddress address, TransportOptions options, Consumer<Wire> acceptor)
            throws IOException;

    /**
     * Connects to {@code address}. The future completes with the wire, or fails with
     * {@link java.net.ConnectException} when refused and
     * {@link dev.wirekit.api.ConnectTimeoutException} after {@link TransportOptions#connectTimeout()}.
     * An unresolved address is resolved by the driver.
     */
    CompletableFuture<Wire> connect(InetSocketAddress address, TransportOptions options);

    /**
     * Opens a datagram socket bound to {@code local} and, if {@code remote} is not null, connected to
     * it (receiving only its datagrams).
     */
    DatagramWire bind(InetSocketAddress local, InetSocketAddress remote, TransportOptions options) throws IOException;

    /** Closes every listener and wire and stops the driver's threads; returns when they have stopped. */
    @Override
    void close();
}
