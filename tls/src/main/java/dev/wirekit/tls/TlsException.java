package dev.wirekit.tls;

import java.util.Objects;
import java.util.Optional;
import javax.net.ssl.SSLException;

/**
 * A TLS or DTLS connection failed. {@link #failure()} says why, as a value; the message says it in
 * words with what to do about it; {@link #alert()} names the TLS alert that was sent or received,
 * if any. It is an {@link SSLException}, so code that already handles the JDK's TLS errors handles
 * these too.
 *
 * <p>Subclasses exist for the failures a program is most likely to treat specially:
 * {@link CertificateVerificationException} (with {@link HostnameMismatchException}),
 * {@link ClientCertificateRequiredException}, {@link NegotiationException} and
 * {@link PeerAlertException}. The connection is always closed when one is reported.
 */
public class TlsException extends SSLException {
    private final TlsFailure failure;
    private final String alert;

    /**
     * @param failure why it failed
     * @param message what happened and what to do, for a person
     * @param alert the TLS alert's name ({@code bad_certificate}) sent or received; null for none
     * @param cause the underlying exception, or null
     */
    public TlsException(TlsFailure failure, String message, String alert, Throwable cause) {
        super(message, cause);
        this.failure = Objects.requireNonNull(failure, "failure");
        this.alert = alert;
    }

    /** Why the connection failed. */
    public TlsFailure failure() {
        return failure;
    }

    /** The name of the TLS alert sent or received for this failure, such as {@code unknown_ca}. */
    public Optional<String> alert() {
        return Optional.ofNullable(alert);
    }
}
