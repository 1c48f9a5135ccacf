package dev.wirekit.tls.internal;

import dev.wirekit.api.layer.LayerContext;
import dev.wirekit.tls.ClientCertificateRequiredException;
import dev.wirekit.tls.NegotiationException;
import dev.wirekit.tls.PeerAlertException;
import dev.wirekit.tls.TlsException;
import dev.wirekit.tls.TlsFailure;
import java.io.EOFException;
import java.nio.charset.StandardCharsets;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.TlsFatalAlertReceived;

/** Turns what BouncyCastle throws (an alert code) into a {@link TlsException} a person can act on. */
final class Failures {
    private Failures() {}

    /**
     * The typed failure for {@code e}, thrown while processing input or starting.
     *
     * @param firstBytes the first bytes the peer ever sent (for "this is not TLS" diagnostics), may be empty
     * @param recordsSeen whether the peer ever sent a well-formed record
     */
    static TlsException translate(
            Throwable e, Handshake hs, LayerContext.Role role, byte[] firstBytes, boolean recordsSeen, String enabled) {
        if (hs.failure != null) {
            return hs.failure;
        }
        if (e instanceof TlsException typed) {
            return typed;
        }
        if (e instanceof TlsFatalAlertReceived received) {
            return peerAlert(received.getAlertDescription(), role, hs.complete, enabled);
        }
        if (hs.alertReceivedFatal) {
            return peerAlert(hs.alertReceived, role, hs.complete, enabled);
        }
        short alert = e instanceof TlsFatalAlert fatal ? fatal.getAlertDescription() : hs.alertSent;
        return local(alert, e, hs, role, firstBytes, recordsSeen, enabled);
    }

    static TlsException peerAlert(short alert, LayerContext.Role role, boolean complete, String enabled) {
        String name = AlertDescription.getName(alert);
        String peer = role == LayerContext.Role.CLIENT ? "the server" : "the client";
        return switch (alert) {
            case AlertDescription.certificate_required ->
                new ClientCertificateRequiredException(
                        "the server requires a client certificate and we sent none: configure one (--cert/--key,"
                                + " or TlsClientConfig.keyMaterial)",
                        name);
            case AlertDescription.protocol_version ->
                new PeerAlertException(
                        TlsFailure.NO_COMMON_PROTOCOL,
                        peer + " supports none of the protocol versions we enable (" + enabled + "): protocol_version",
                        name);
            case AlertDescription.insufficient_security ->
                new PeerAlertException(
                        TlsFailure.NO_COMMON_CIPHER_SUITE,
                        peer + " finds none of our cipher suites strong enough (insufficient_security)",
                        name);
            case AlertDescription.no_application_protocol ->
                new PeerAlertException(
                        TlsFailure.NO_COMMON_APPLICATION_PROTOCOL,
                        peer + " speaks none of the ALPN protocols we offered (no_application_protocol)",
                        name);
            case AlertDescription.unknown_ca ->
                rejected(peer + " does not trust the issuer of our certificate (unknown_ca)", name);
            case AlertDescription.certificate_expired ->
                rejected(peer + " says our certificate has expired or is not yet valid (certificate_expired)", name);
            case AlertDescription.certificate_revoked ->
                rejected(peer + " says our certificate is revoked (certificate_revoked)", name);
            case AlertDescription.bad_certificate,
                    AlertDescription.unsupported_certificate,
                    AlertDescription.certificate_unknown,
                    AlertDescription.access_denied -> rejected(peer + " rejected our certificate (" + name + ")", name);
            case AlertDescription.handshake_failure ->
                new PeerAlertException(
                        TlsFailure.PEER_ALERT,
                        peer + " aborted the handshake (handshake_failure): usually no cipher suite, group or"
                                + " signature scheme in common"
                                + (role == LayerContext.Role.CLIENT
                                        ? ", or (TLS 1.2) it requires a client certificate we did not send"
                                        : ""),
                        name);
            case AlertDescription.unrecognized_name ->
                new PeerAlertException(
                        TlsFailure.PEER_ALERT,
                        peer + " does not serve the host name we asked for (unrecognized_name)",
                        name);
            case AlertDescription.decode_error,
                    AlertDescription.illegal_parameter,
                    AlertDescription.unexpected_message,
                    AlertDescription.bad_record_mac,
                    AlertDescription.decrypt_error,
                    AlertDescription.record_overflow ->
                new PeerAlertException(
                        TlsFailure.PEER_ALERT, peer + " says our messages are malformed (" + name + ")", name);
            default ->
                new PeerAlertException(
                        TlsFailure.PEER_ALERT,
                        peer + " ended the connection with the fatal alert " + name
                                + (complete ? "" : " during the handshake"),
                        name);
        };
    }

    private static PeerAlertException rejected(String message, String name) {
        return new PeerAlertException(TlsFailure.CERTIFICATE_REJECTED_BY_PEER, message, name);
    }

    private static TlsException local(
            short alert,
            Throwable e,
            Handshake hs,
            LayerContext.Role role,
            byte[] firstBytes,
            boolean recordsSeen,
            String enabled) {
        String name = alert >= 0 ? AlertDescription.getName(alert) : null;
        String peer = role == LayerContext.Role.CLIENT ? "the server" : "the client";
        if (!recordsSeen && role == LayerContext.Role.SERVER && firstBytes.length > 0 && firstBytes[0] != 0x16) {
            return new TlsException(TlsFailure.NOT_TLS, notTls(firstBytes), name, e);
        }
        if (!recordsSeen
                && role == LayerContext.Role.CLIENT
                && firstBytes.length > 0
                && firstBytes[0] != 0x16
                && firstBytes[0] != 0x15) {
            return new TlsException(
                    TlsFailure.NOT_TLS,
                    "the server does not speak TLS on this port: it answered " + describe(firstBytes),
                    name,
                    e);
        }
        String detail = detail(e, hs);
        return switch (alert) {
            case AlertDescription.protocol_version ->
                new NegotiationException(
                        TlsFailure.NO_COMMON_PROTOCOL,
                        peer + " offers none of the protocol versions we enable (" + enabled + ")" + detail,
                        name);
            case AlertDescription.record_overflow ->
                new TlsException(
                        TlsFailure.RECORD_OVERFLOW,
                        peer + " sent a record longer than TLS allows (record_overflow)",
                        name,
                        e);
            case AlertDescription.bad_record_mac, AlertDescription.decrypt_error ->
                new TlsException(
                        TlsFailure.PROTOCOL_ERROR,
                        "a record from " + peer + " failed authentication (" + name
                                + "): it was altered in transit, or the peer is broken",
                        name,
                        e);
            case AlertDescription.decode_error,
                    AlertDescription.unexpected_message,
                    AlertDescription.illegal_parameter ->
                new TlsException(
                        hs.complete || recordsSeen ? TlsFailure.PROTOCOL_ERROR : TlsFailure.NOT_TLS,
                        peer + " broke the TLS protocol (" + name + ")" + detail,
                        name,
                        e);
            case AlertDescription.internal_error ->
                new TlsException(TlsFailure.INTERNAL_ERROR, "TLS failed on this side" + detail, name, e);
            case AlertDescription.handshake_failure ->
                new TlsException(TlsFailure.PROTOCOL_ERROR, "the handshake failed" + detail, name, e);
            default -> {
                if (e instanceof EOFException) {
                    yield new TlsException(
                            TlsFailure.UNEXPECTED_EOF, peer + " closed the connection in the middle of TLS", name, e);
                }
                yield new TlsException(
                        TlsFailure.PROTOCOL_ERROR,
                        "TLS failed" + (name == null ? "" : " (" + name + ")") + detail,
                        name,
                        e);
            }
        };
    }

    private static String detail(Throwable e, Handshake hs) {
        String m = hs.alertSentMessage;
        if (m == null && e != null && e.getMessage() != null && !(e instanceof TlsFatalAlert)) {
            m = e.getMessage();
        }
        if (m == null && e instanceof TlsFatalAlert && e.getCause() != null) {
            m = e.getCause().toString();
        }
        return m == null || m.isBlank() ? "" : ": " + m;
    }

    /** What the peer sent instead of a ClientHello, for the log line. */
    static String notTls(byte[] first) {
        return "the client did not start a TLS handshake: it sent " + describe(first)
                + (looksLikeHttp(first)
                        ? " (a plaintext HTTP request to a TLS port: use https://, or turn TLS off)"
                        : "");
    }

    static String describe(byte[] first) {
        boolean printable = true;
        for (byte b : first) {
            if ((b < 0x20 || b > 0x7e) && b != '\r' && b != '\n' && b != '\t') {
                printable = false;
                break;
            }
        }
        if (printable) {
            String text = new String(first, StandardCharsets.US_ASCII);
            int eol = text.indexOf('\r') >= 0 ? text.indexOf('\r') : text.indexOf('\n');
            return "'" + (eol >= 0 ? text.substring(0, eol) : text) + "'";
        }
        StringBuilder hex = new StringBuilder("bytes");
        for (int i = 0; i < Math.min(first.length, 16); i++) {
            hex.append(String.format(" %02x", first[i]));
        }
        return hex.append(first.length > 16 ? " ..." : "").toString();
    }

    static boolean looksLikeHttp(byte[] first) {
        String text = new String(first, 0, Math.min(first.length, 8), StandardCharsets.US_ASCII);
        for (String method :
                new String[] {"GET ", "POST ", "HEAD ", "PUT ", "DELETE ", "OPTIONS ", "PATCH ", "CONNECT ", "HTTP/"}) {
            if (text.startsWith(method) || method.startsWith(text) && text.length() >= 4) {
                return true;
            }
        }
        return false;
    }
}
