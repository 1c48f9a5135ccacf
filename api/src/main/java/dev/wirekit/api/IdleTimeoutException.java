package dev.wirekit.api;

import java.net.SocketTimeoutException;

/**
 * Why a connection was closed: nothing was read or written for
 * {@link TransportOptions#idleTimeout()}. Passed to {@link Service#onClose}.
 */
public final class IdleTimeoutException extends SocketTimeoutException {
    public IdleTimeoutException(String message) {
        super(message);
    }
}
