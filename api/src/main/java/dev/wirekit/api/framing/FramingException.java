package dev.wirekit.api.framing;

/**
 * The bytes on the wire do not form a valid frame.
 *
 * <p>Unchecked: a framing error is a protocol violation by the peer, not an I/O failure. The
 * message always says what was expected and what arrived. By default the transport closes the
 * connection that produced it, with one log line; a {@link dev.wirekit.api.Service} may instead
 * answer and carry on when {@link #isRecoverable()} is true (see
 * {@link dev.wirekit.api.Service#onFramingError}).
 */
public class FramingException extends RuntimeException {
    private final boolean recoverable;

    public FramingException(String message, boolean recoverable) {
        super(message);
        this.recoverable = recoverable;
    }

    public FramingException(String message, boolean recoverable, Throwable cause) {
        super(message, cause);
        this.recoverable = recoverable;
    }

    /**
     * True when the decoder has already skipped the offending bytes and can decode the next
     * frame: a line framer skips to the next line ending, for example. False when the stream
     * cannot be resynchronised (a corrupt length header) and the connection must be closed.
     */
    public boolean isRecoverable() {
        return recoverable;
    }
}
