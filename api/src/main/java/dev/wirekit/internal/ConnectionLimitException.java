package dev.wirekit.internal;

import java.io.IOException;

/** Why an accepted connection was closed at once: the server was at its connection limit. */
final class ConnectionLimitException extends IOException {
    ConnectionLimitException(String message) {
        super(message);
    }
}
