package dev.wirekit.tls;

/**
 * The two sides have nothing in common to agree on: no protocol version
 * ({@link TlsFailure#NO_COMMON_PROTOCOL}), no cipher suite, group or signature scheme
 * ({@link TlsFailure#NO_COMMON_CIPHER_SUITE}), or no ALPN protocol
 * ({@link TlsFailure#NO_COMMON_APPLICATION_PROTOCOL}). The message lists what this side offered.
 */
public final class NegotiationException extends TlsException {
    public NegotiationException(TlsFailure failure, String message, String alert) {
        super(failure, message, alert, null);
    }
}
