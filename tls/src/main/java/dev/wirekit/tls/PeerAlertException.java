package dev.wirekit.tls;

/**
 * The peer ended the connection with a fatal TLS alert. The message says what the alert usually
 * means ({@code unknown_ca}: the peer does not trust our certificate); {@link #alert()} has its
 * name. The failure is {@link TlsFailure#CERTIFICATE_REJECTED_BY_PEER} for the alerts about our
 * certificate, {@link TlsFailure#NO_COMMON_PROTOCOL} for {@code protocol_version}, and
 * {@link TlsFailure#PEER_ALERT} otherwise.
 */
public final class PeerAlertException extends TlsException {
    public PeerAlertException(TlsFailure failure, String message, String alert) {
        super(failure, message, alert, null);
    }
}
