package dev.wirekit.api;

/**
 * A message was given to a session that is closed or closing; nothing of it was sent. The cause,
 * when there is one, is why the session closed.
 */
public final class SessionClosedException extends IllegalStateException {
    public SessionClosedException(String message, Throwable cause) {
        super(message, cause);
    }
}
