package dev.wirekit.internal;

import dev.wirekit.api.HandshakeTimeoutException;
import dev.wirekit.api.IdleTimeoutException;
import dev.wirekit.api.OutboundOverflowException;
import dev.wirekit.api.WriteTimeoutException;
import dev.wirekit.api.framing.FramingException;
import java.io.IOException;
import java.lang.System.Logger.Level;

/**
 * The one log line written when a connection closes for a reason other than an orderly close: the
 * connection, the peer, and why, at a level that says whose fault it was.
 */
final class CloseLog {
    static final System.Logger LOG = System.getLogger("dev.wirekit.connection");

    private CloseLog() {}

    static void log(String who, Throwable cause) {
        Level level = level(cause);
        if (!LOG.isLoggable(level)) {
            return;
        }
        String line = "closed " + who + ": " + reason(cause);
        if (level == Level.ERROR) {
            LOG.log(level, line, cause);
        } else {
            LOG.log(level, line);
        }
    }

    static String reason(Throwable cause) {
        String message = cause.getMessage();
        String type = cause.getClass().getSimpleName();
        return message == null || message.isBlank() ? type : message + " (" + type + ")";
    }

    private static Level level(Throwable cause) {
        if (cause instanceof FramingException
                || cause instanceof OutboundOverflowException
                || cause instanceof WriteTimeoutException
                || cause instanceof HandshakeTimeoutException
                || cause instanceof ConnectionLimitException) {
            return Level.WARNING;
        }
        if (cause instanceof IdleTimeoutException || cause instanceof IOException) {
            return Level.INFO;
        }
        return Level.ERROR; // a service or layer bug: keep the stack trace
    }
}
