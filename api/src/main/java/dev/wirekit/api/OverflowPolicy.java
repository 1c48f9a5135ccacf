package dev.wirekit.api;

/**
 * What {@link Session#send} does when a connection's outbound queue is full, that is when the peer
 * reads more slowly than the service writes. Nothing is ever dropped silently: a message is queued,
 * or the sender is told it was refused.
 */
public enum OverflowPolicy {
    /**
     * The sender waits until the queue has room, for at most
     * {@link TransportOptions#writeTimeout()}; then the connection is closed with a
     * {@link WriteTimeoutException} and the send throws {@link OutboundOverflowException}. A
     * service running on an event loop never waits: its connection stops reading until the queue
     * drains instead. The default.
     */
    BLOCK,
    /** The send throws {@link OutboundOverflowException} at once; the connection stays open. */
    FAIL,
    /**
     * The connection is closed at once (a slow consumer is cut off) and the send throws
     * {@link OutboundOverflowException}.
     */
    CLOSE
}
