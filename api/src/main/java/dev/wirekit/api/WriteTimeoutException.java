package dev.wirekit.api;

import java.net.SocketTimeoutException;

/**
 * Why a connection was closed: the peer did not read what was sent to it within
 * {@link TransportOptions#writeTimeout()} while the outbound queue was full.
 */
public final class WriteTimeoutException extends SocketTimeoutException {
    public WriteTimeoutException(String message) {
        super(message);
    }
}
