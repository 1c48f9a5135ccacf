package dev.wirekit.tls;

import dev.wirekit.tls.internal.trust.AnyOfTrust;
import dev.wirekit.tls.internal.trust.InsecureTrust;
import dev.wirekit.tls.internal.trust.PinnedTrust;
import dev.wirekit.tls.internal.trust.PkixTrust;
import java.io.IOException;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import javax.security.auth.x500.X500Principal;

/**
 * Which peer certificates this side accepts: the client's view of servers, or a server's view of
 * client certificates for mutual TLS.
 *
 * <ul>
 *   <li>{@link #system()}: the JDK's trust store (the {@code cacerts} file of the running JDK, or
 *       the store named by {@code javax.net.ssl.trustStore}): the public web PKI. The default for
 *       clients.
 *   <li>{@link #pem(Path)}: the CA certificates in a PEM bundle, for a private PKI.
 *   <li>{@link #certificates(Collection)}: CA (or exact peer) certificates already in memory.
 *   <li>{@link #pinned(String...)}: exactly the certificates with these SHA-256 fingerprints, for
 *       self-signed certificates. A pinned certificate <em>is</em> the peer's identity, so its
 *       names are not checked against the host; its validity dates are.
 *   <li>{@link #insecure()}: accepts anything. Development only; every use is logged as a warning.
 *   <li>{@link #anyOf(Trust...)}: accepts what any of several sources accepts.
 * </ul>
 *
 * <h2>What is checked</h2>
 *
 * The certificate-authority sources run full PKIX path validation (RFC 5280) with the JDK's
 * {@link java.security.cert.CertPathValidator}: signatures, validity dates at the configured clock's
 * time, basic constraints, key usage, name constraints and path length; then the leaf's extended
 * key usage must allow {@code serverAuth} (for servers) or {@code clientAuth} (for clients) when it
 * is present. <b>Revocation is not checked by default</b>: OCSP and CRL fetching need network access
 * at handshake time, fail open or closed in surprising ways, and most private PKIs publish neither.
 * Turn it on with {@link #withRevocationChecking()} when your CA publishes revocation data.
 *
 * <p>Host names are not part of trust: the TLS client checks them after trust succeeds (RFC 6125,
 * see {@link TlsClientConfig}).
 *
 * <p>Applications may implement this interface (for example to accept a SPIFFE identity); an
 * implementation must be thread-safe, because one instance serves every handshake.
 */
public interface Trust {

    /** Whose certificate is being checked, which decides the extended key usage required. */
    enum PeerRole {
        /** A server's certificate, checked by a client: {@code serverAuth}. */
        SERVER,
        /** A client's certificate, checked by a server: {@code clientAuth}. */
        CLIENT
    }

    /** What a successful {@link #verify} established. */
    enum Outcome {
        /** A path to a trusted authority was validated; the client still checks the host name. */
        CHAIN_VERIFIED,
        /** The exact certificate is pinned: it identifies the peer; no host name check follows. */
        PINNED,
        /** Nothing was verified ({@link #insecure()}). */
        NOT_VERIFIED
    }

    /**
     * Checks a peer's certificate chain.
     *
     * @param chain the chain as the peer sent it, leaf first (never empty)
     * @param role whether it is a server's or a client's certificate
     * @param now the time to check validity at
     * @return what was established
     * @throws CertificateVerificationException when the chain is not accepted, with the
     *     {@link TlsFailure} that says why (untrusted, expired, not yet valid, bad certificate)
     */
    Outcome verify(List<X509Certificate> chain, PeerRole role, Instant now) throws CertificateVerificationException;

    /** For messages: {@code the system trust store (140 authorities)}, {@code 2 pinned certificates}. */
    String description();

    /**
     * The authorities a server names in its certificate request (so a client can pick a matching
     * certificate); empty when there is no short list (the system store, pins).
     */
    default List<X500Principal> acceptedIssuers() {
        return List.of();
    }

    /**
     * This trust with revocation checking on: OCSP (with the responder named in the certificate)
     * and CRL distribution points, through the JDK's PKIX revocation checker; a certificate whose
     * status cannot be determined is refused.
     *
     * @throws UnsupportedOperationException for sources that do not validate paths (pins, insecure)
     */
    default Trust withRevocationChecking() {
        throw new UnsupportedOperationException(description() + " does not validate certificate paths");
    }

    /** The JDK's trust store: the authorities of the public web PKI. */
    static Trust system() {
        return PkixTrust.system();
    }

    /**
     * The CA certificates in a PEM file (one or more {@code BEGIN CERTIFICATE} blocks; text between
     * blocks is ignored). The file is read now.
     *
     * @throws IOException when it cannot be read or holds no certificate
     */
    static Trust pem(Path bundle) throws IOException {
        return PkixTrust.pem(bundle);
    }

    /**
     * These certificates as trust anchors. A self-signed peer certificate listed here is accepted
     * as it is (its dates and key usage are still checked).
     */
    static Trust certificates(Collection<X509Certificate> anchors) {
        return PkixTrust.of(List.copyOf(anchors), "the given certificates");
    }

    /**
     * Exactly the leaf certificates with these SHA-256 fingerprints (of the DER certificate, as
     * {@code openssl x509 -noout -fingerprint -sha256} prints them). Accepted forms:
     * {@code sha256:AB:CD:...}, {@code AB:CD:...}, or 64 hex digits.
     *
     * @throws IllegalArgumentException when a fingerprint is not 32 bytes of hex
     */
    static Trust pinned(String... sha256Fingerprints) {
        return PinnedTrust.of(List.of(sha256Fingerprints));
    }

    /**
     * Accepts every certificate without checking anything. For development against servers with
     * throw-away certificates only: it gives no protection against an active attacker. Each layer
     * built with it logs a warning.
     */
    static Trust insecure() {
        return InsecureTrust.INSTANCE;
    }

    /** Accepts what any of {@code sources} accepts; when none does, reports the most specific failure. */
    static Trust anyOf(Trust... sources) {
        return AnyOfTrust.of(List.of(sources));
    }

    /**
     * Parses one command-line trust argument: {@code system}, {@code insecure}, a fingerprint
     * {@code sha256:AB:CD:...}, or the path of a PEM bundle.
     *
     * @throws IOException when a PEM bundle cannot be read
     * @throws IllegalArgumentException when a fingerprint is malformed
     */
    static Trust parse(String spec) throws IOException {
        String s = spec.trim();
        String lower = s.toLowerCase(Locale.ROOT);
        if (lower.equals("system")) {
            return system();
        }
        if (lower.equals("insecure")) {
            return insecure();
        }
        if (lower.startsWith("sha256:")) {
            return pinned(s);
        }
        return pem(Path.of(s));
    }
}
