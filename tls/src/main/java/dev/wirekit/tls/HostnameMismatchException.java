package dev.wirekit.tls;

import java.security.cert.X509Certificate;
import java.util.List;

/**
 * The server's certificate is trusted but does not name the host the client connected to
 * ({@link TlsFailure#HOST_MISMATCH}). {@link #presentedNames()} lists what the certificate does name,
 * so the fix is usually obvious: connect by one of those names, or reissue the certificate.
 */
public final class HostnameMismatchException extends CertificateVerificationException {
    private final String expectedHost;
    private final List<String> presentedNames;

    public HostnameMismatchException(
            String message, String expectedHost, List<String> presentedNames, List<X509Certificate> chain) {
        super(TlsFailure.HOST_MISMATCH, message, "bad_certificate", chain, null);
        this.expectedHost = expectedHost;
        this.presentedNames = List.copyOf(presentedNames);
    }

    /** The host name or IP address the certificate was checked against. */
    public String expectedHost() {
        return expectedHost;
    }

    /** The DNS and IP subject alternative names the certificate presents ({@code DNS:a.example}, {@code IP:10.0.0.1}). */
    public List<String> presentedNames() {
        return presentedNames;
    }
}
