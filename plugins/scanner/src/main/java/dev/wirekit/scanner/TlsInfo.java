package dev.wirekit.scanner;

import java.time.Instant;
import java.util.List;

/**
 * What the TLS probe learned: the server's certificate, read and never trusted, and what was
 * negotiated.
 *
 * @param protocol the negotiated version ({@code TLSv1.3}), or null when the handshake did not finish
 * @param cipherSuite the negotiated cipher suite, or null when the handshake did not finish
 * @param subject the certificate's subject distinguished name (RFC 2253), or null when none was sent
 * @param issuer the issuer's distinguished name (RFC 2253), or null
 * @param notBefore the start of the certificate's validity, or null
 * @param notAfter the end of the certificate's validity, or null
 * @param subjectAltNames the subject alternative names, as {@code DNS:name} and {@code IP:address}
 * @param sha256 the SHA-256 fingerprint of the certificate, lower-case hex, or null
 * @param selfSigned whether the certificate is signed by its own key
 * @param chainLength how many certificates the server sent
 * @param error why the handshake failed, or null when it finished
 */
public record TlsInfo(
        String protocol,
        String cipherSuite,
        String subject,
        String issuer,
        Instant notBefore,
        Instant notAfter,
        List<String> subjectAltNames,
        String sha256,
        boolean selfSigned,
        int chainLength,
        String error) {
    public TlsInfo {
        subjectAltNames = subjectAltNames == null ? List.of() : List.copyOf(subjectAltNames);
    }
}
