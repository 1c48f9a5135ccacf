package dev.wirekit.tls;

import java.security.cert.X509Certificate;
import java.util.List;

/**
 * The peer's certificate chain failed verification on this side: it is untrusted, expired, not yet
 * valid, unusable, or (for {@link HostnameMismatchException}) names another host. The failure is
 * one of {@link TlsFailure#UNTRUSTED_CERTIFICATE}, {@link TlsFailure#CERTIFICATE_EXPIRED},
 * {@link TlsFailure#CERTIFICATE_NOT_YET_VALID}, {@link TlsFailure#BAD_CERTIFICATE} or
 * {@link TlsFailure#HOST_MISMATCH}.
 */
public class CertificateVerificationException extends TlsException {
    private final transient List<X509Certificate> chain;

    public CertificateVerificationException(
            TlsFailure failure, String message, String alert, List<X509Certificate> chain, Throwable cause) {
        super(failure, message, alert, cause);
        this.chain = List.copyOf(chain);
    }

    /** The chain the peer presented, leaf first, as received. */
    public List<X509Certificate> chain() {
        return chain == null ? List.of() : chain;
    }
}
