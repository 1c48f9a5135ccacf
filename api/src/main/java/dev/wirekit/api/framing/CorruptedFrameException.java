package dev.wirekit.api.framing;

/**
 * The bytes do not form a valid frame: a negative length, text that is not valid in its charset,
 * a datagram that is not exactly one frame. The message says what was expected and what came.
 */
public final class CorruptedFrameException extends FramingException {
    public CorruptedFrameException(String message, boolean recoverable) {
        super(message, recoverable);
    }

    public CorruptedFrameException(String message, boolean recoverable, Throwable cause) {
        super(message, recoverable, cause);
    }
}
