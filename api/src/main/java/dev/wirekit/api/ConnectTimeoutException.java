package dev.wirekit.api;

import java.net.SocketTimeoutException;

/** A connection attempt did not complete within {@link TransportOptions#connectTimeout()}. */
public final class ConnectTimeoutException extends SocketTimeoutException {
    public ConnectTimeoutException(String message) {
        super(message);
    }
}
