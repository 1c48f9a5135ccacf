package dev.wirekit.api;

import java.net.SocketTimeoutException;

/**
 * Why a connection was closed: a layer's handshake (TLS, say) did not complete within
 * {@link TransportOptions#handshakeTimeout()}.
 */
public final class HandshakeTimeoutException extends SocketTimeoutException {
    public HandshakeTimeoutException(String message) {
        super(message);
    }
}
