package dev.wirekit.tls;

/**
 * The server requires a client certificate ({@link ClientAuth#REQUIRED}) and the client sent none
 * ({@link TlsFailure#CLIENT_CERTIFICATE_REQUIRED}). Raised on the server when it refuses the client,
 * and on the client when it receives the server's {@code certificate_required} alert. With TLS 1.3
 * the client learns this only after its side of the handshake completed, so it surfaces on the
 * client's first read.
 */
public final class ClientCertificateRequiredException extends TlsException {
    public ClientCertificateRequiredException(String message, String alert) {
        super(TlsFailure.CLIENT_CERTIFICATE_REQUIRED, message, alert, null);
    }
}
