package dev.wirekit.spi;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;

/** A datagram socket opened by {@link TransportDriver#bind}. */
public interface DatagramWire {

    /** Starts delivering datagrams to {@code receiver}. Called exactly once. */
    void start(DatagramReceiver receiver);

    /**
     * Sends one datagram of {@code payload}'s remaining bytes to {@code target} (ignored, and may be
     * null, on a connected socket). Never blocks: when the socket cannot take it now it is queued.
     *
     * @return false when the send queue is full and the datagram was not taken
     */
    boolean send(ByteBuffer payload, InetSocketAddress target);

    /** Closes the socket. Idempotent. */
    void close();

    boolean isOpen();

    /** True when the calling thread is this socket's event-loop thread. */
    boolean inEventLoop();

    InetSocketAddress localAddress();

    /** The connected peer, or null. */
    InetSocketAddress remoteAddress();
}
