package dev.wirekit.tls;

/**
 * Why a TLS or DTLS connection failed, as a value a program can switch on. Every
 * {@link TlsException} carries one; the javadoc of each constant says what to do about it.
 */
public enum TlsFailure {
    /**
     * The peer's certificate chain does not lead to a trusted certificate (an unknown or
     * self-signed issuer, a missing intermediate, a pin that does not match). Fix: trust the CA
     * that issued it ({@code --trust ca.pem}), have the peer send its intermediates, or pin its
     * fingerprint.
     */
    UNTRUSTED_CERTIFICATE,
    /** A certificate in the peer's chain is past its notAfter date. Fix: renew it. */
    CERTIFICATE_EXPIRED,
    /** A certificate in the peer's chain is before its notBefore date. Fix: check both clocks. */
    CERTIFICATE_NOT_YET_VALID,
    /**
     * The server's certificate does not name the host the client asked for (RFC 6125: DNS and IP
     * subject alternative names only; the common name is never used). Fix: connect by a name the
     * certificate lists, or reissue the certificate with that name.
     */
    HOST_MISMATCH,
    /** A certificate in the peer's chain is revoked (only when revocation checking is on). */
    CERTIFICATE_REVOKED,
    /**
     * The peer's certificate is unusable for another reason: wrong key usage, a signature that
     * does not verify, a malformed or unsupported certificate.
     */
    BAD_CERTIFICATE,
    /** The server requires a client certificate and the client sent none. */
    CLIENT_CERTIFICATE_REQUIRED,
    /** No protocol version both sides enable (Wirekit speaks TLS 1.3 and 1.2, DTLS 1.2). */
    NO_COMMON_PROTOCOL,
    /** No cipher suite (or key exchange group, or signature scheme) both sides enable. */
    NO_COMMON_CIPHER_SUITE,
    /** The client offered ALPN protocols and the server supports none of them. */
    NO_COMMON_APPLICATION_PROTOCOL,
    /** The peer rejected this side's certificate (unknown CA, expired, revoked, ...). */
    CERTIFICATE_REJECTED_BY_PEER,
    /** The peer ended the connection with a fatal alert not covered by a more specific failure. */
    PEER_ALERT,
    /**
     * The peer did not speak TLS: garbage, a plaintext protocol (an HTTP request to a TLS port),
     * or a malformed handshake.
     */
    NOT_TLS,
    /** A record longer than the protocol allows. */
    RECORD_OVERFLOW,
    /** The peer broke the protocol after a valid start (bad MAC, unexpected message, ...). */
    PROTOCOL_ERROR,
    /** The connection ended in the middle of the handshake or without close_notify. */
    UNEXPECTED_EOF,
    /** A failure inside this side (a bug or a misconfiguration); the message says which. */
    INTERNAL_ERROR
}
