package dev.wirekit.api;

/**
 * A message was refused because the connection's outbound queue was full (see
 * {@link OverflowPolicy}). Nothing of the message was sent.
 */
public final class OutboundOverflowException extends RuntimeException {
    public OutboundOverflowException(String message) {
        super(message);
    }
}
