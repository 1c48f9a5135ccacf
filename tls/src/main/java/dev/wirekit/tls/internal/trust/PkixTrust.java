package dev.wirekit.tls.internal.trust;

import dev.wirekit.tls.CertificateVerificationException;
import dev.wirekit.tls.TlsFailure;
import dev.wirekit.tls.Trust;
import dev.wirekit.tls.internal.pki.Pem;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.PKIXParameters;
import java.security.cert.PKIXReason;
import java.security.cert.PKIXRevocationChecker;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import javax.security.auth.x500.X500Principal;

/** Trust in certificate authorities: PKIX path validation with the JDK's validator. */
public final class PkixTrust implements Trust {
    private static final int MAX_PATH = 10;

    private final List<X509Certificate> anchors;
    private final Set<TrustAnchor> trustAnchors;
    private final String description;
    private final boolean revocation;

    private PkixTrust(List<X509Certificate> anchors, String description, boolean revocation) {
        if (anchors.isEmpty()) {
            throw new IllegalArgumentException(description + " holds no certificate to trust");
        }
        this.anchors = List.copyOf(anchors);
        this.description = description;
        this.revocation = revocation;
        Set<TrustAnchor> set = new HashSet<>();
        for (X509Certificate c : anchors) {
            set.add(new TrustAnchor(c, null));
        }
        this.trustAnchors = Set.copyOf(set);
    }

    public static PkixTrust of(List<X509Certificate> anchors, String description) {
        return new PkixTrust(anchors, description + " (" + anchors.size() + " certificates)", false);
    }

    public static PkixTrust pem(Path bundle) throws IOException {
        List<X509Certificate> certs = Pem.readCertificates(bundle);
        return new PkixTrust(certs, "the certificates in " + bundle + " (" + certs.size() + ")", false);
    }

    public static PkixTrust system() {
        try {
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init((KeyStore) null);
            for (var manager : factory.getTrustManagers()) {
                if (manager instanceof X509TrustManager x509) {
                    X509Certificate[] issuers = x509.getAcceptedIssuers();
                    return new PkixTrust(
                            List.of(issuers), "the system trust store (" + issuers.length + " authorities)", false);
                }
            }
            throw new IllegalStateException("the JDK offers no X.509 trust manager");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot load the JDK's trust store: " + e.getMessage(), e);
        }
    }

    @Override
    public Trust withRevocationChecking() {
        return new PkixTrust(anchors, description + " with revocation checking", true);
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public List<X500Principal> acceptedIssuers() {
        if (anchors.size() > 32) {
            return List.of(); // a long list bloats every handshake; clients choose by themselves
        }
        return anchors.stream().map(X509Certificate::getSubjectX500Principal).toList();
    }

    @Override
    public Outcome verify(List<X509Certificate> chain, PeerRole role, Instant now)
            throws CertificateVerificationException {
        if (chain.isEmpty()) {
            throw new CertificateVerificationException(
                    TlsFailure.BAD_CERTIFICATE, "the peer sent no certificate", "bad_certificate", chain, null);
        }
        X509Certificate leaf = chain.get(0);
        if (anchors.contains(leaf)) {
            // the exact peer certificate is trusted: only its own dates and usage remain to check
            checkDates(leaf, now, chain);
        } else {
            validatePath(path(chain), now, chain);
        }
        KeyUsages.check(leaf, role, chain);
        return Outcome.CHAIN_VERIFIED;
    }

    /** The chain reordered leaf-first up to (not including) a trust anchor, extras dropped. */
    private List<X509Certificate> path(List<X509Certificate> chain) {
        List<X509Certificate> remaining = new ArrayList<>(chain.subList(1, chain.size()));
        List<X509Certificate> path = new ArrayList<>();
        X509Certificate current = chain.get(0);
        path.add(current);
        while (path.size() < MAX_PATH && !issuedByAnchor(current) && !selfIssued(current)) {
            X509Certificate issuer = null;
            for (X509Certificate candidate : remaining) {
                if (candidate.getSubjectX500Principal().equals(current.getIssuerX500Principal())) {
                    issuer = candidate;
                    break;
                }
            }
            if (issuer == null || anchors.contains(issuer)) {
                break;
            }
            remaining.remove(issuer);
            path.add(issuer);
            current = issuer;
        }
        return path;
    }

    private boolean issuedByAnchor(X509Certificate c) {
        for (X509Certificate a : anchors) {
            if (a.getSubjectX500Principal().equals(c.getIssuerX500Principal())) {
                return true;
            }
        }
        return false;
    }

    private static boolean selfIssued(X509Certificate c) {
        return c.getSubjectX500Principal().equals(c.getIssuerX500Principal());
    }

    private void validatePath(List<X509Certificate> path, Instant now, List<X509Certificate> chain)
            throws CertificateVerificationException {
        try {
            CertPath certPath = CertificateFactory.getInstance("X.509").generateCertPath(path);
            PKIXParameters params = new PKIXParameters(trustAnchors);
            params.setDate(Date.from(now));
            params.setRevocationEnabled(false);
            CertPathValidator validator = CertPathValidator.getInstance("PKIX");
            if (revocation) {
                PKIXRevocationChecker checker = (PKIXRevocationChecker) validator.getRevocationChecker();
                params.addCertPathChecker(checker);
            }
            validator.validate(certPath, params);
        } catch (CertPathValidatorException e) {
            throw translate(e, path, now, chain);
        } catch (GeneralSecurityException e) {
            throw new CertificateVerificationException(
                    TlsFailure.BAD_CERTIFICATE,
                    "the peer's certificate chain cannot be checked: " + e.getMessage(),
                    "bad_certificate",
                    chain,
                    e);
        }
    }

    private CertificateVerificationException translate(
            CertPathValidatorException e, List<X509Certificate> path, Instant now, List<X509Certificate> chain) {
        int index = e.getIndex();
        X509Certificate culprit = index >= 0 && index < path.size() ? path.get(index) : path.get(0);
        String who = describe(culprit, index);
        var reason = e.getReason();
        if (reason == CertPathValidatorException.BasicReason.EXPIRED) {
            return expired(culprit, who, now, chain, e);
        }
        if (reason == CertPathValidatorException.BasicReason.NOT_YET_VALID) {
            return notYetValid(culprit, who, now, chain, e);
        }
        if (reason == CertPathValidatorException.BasicReason.REVOKED) {
            return new CertificateVerificationException(
                    TlsFailure.CERTIFICATE_REVOKED,
                    who + " is revoked: " + e.getMessage(),
                    "certificate_revoked",
                    chain,
                    e);
        }
        if (reason == PKIXReason.NO_TRUST_ANCHOR) {
            X509Certificate top = path.get(path.size() - 1);
            String issuer = top.getIssuerX500Principal().getName();
            String hint = selfIssued(top)
                    ? "it is self-signed and not trusted here: trust it explicitly (--trust <its PEM> or its"
                            + " sha256 fingerprint)"
                    : "its issuer '" + issuer + "' is not among " + description
                            + " (trust that CA, or have the peer send its intermediate certificates)";
            return new CertificateVerificationException(
                    TlsFailure.UNTRUSTED_CERTIFICATE,
                    "untrusted certificate '"
                            + path.get(0).getSubjectX500Principal().getName() + "': " + hint,
                    "unknown_ca",
                    chain,
                    e);
        }
        if (reason == CertPathValidatorException.BasicReason.UNDETERMINED_REVOCATION_STATUS
                || (revocation && reason == CertPathValidatorException.BasicReason.UNSPECIFIED)) {
            return new CertificateVerificationException(
                    TlsFailure.BAD_CERTIFICATE,
                    "the revocation status of " + who + " cannot be determined: " + e.getMessage(),
                    "certificate_unknown",
                    chain,
                    e);
        }
        return new CertificateVerificationException(
                TlsFailure.BAD_CERTIFICATE,
                who + " is not acceptable (" + reason + "): " + e.getMessage(),
                "bad_certificate",
                chain,
                e);
    }

    static void checkDates(X509Certificate c, Instant now, List<X509Certificate> chain)
            throws CertificateVerificationException {
        try {
            c.checkValidity(Date.from(now));
        } catch (CertificateExpiredException e) {
            throw expired(c, describe(c, 0), now, chain, e);
        } catch (CertificateNotYetValidException e) {
            throw notYetValid(c, describe(c, 0), now, chain, e);
        }
    }

    private static CertificateVerificationException expired(
            X509Certificate c, String who, Instant now, List<X509Certificate> chain, Exception e) {
        return new CertificateVerificationException(
                TlsFailure.CERTIFICATE_EXPIRED,
                who + " expired on " + c.getNotAfter().toInstant() + " (it is now " + now + "): renew it",
                "certificate_expired",
                chain,
                e);
    }

    private static CertificateVerificationException notYetValid(
            X509Certificate c, String who, Instant now, List<X509Certificate> chain, Exception e) {
        return new CertificateVerificationException(
                TlsFailure.CERTIFICATE_NOT_YET_VALID,
                who + " is not valid before " + c.getNotBefore().toInstant() + " (it is now " + now
                        + "): check the clocks of both machines",
                "certificate_expired",
                chain,
                e);
    }

    static String describe(X509Certificate c, int index) {
        String role = index <= 0 ? "the certificate" : "the issuing certificate";
        return role + " '" + c.getSubjectX500Principal().getName() + "'";
    }

    @Override
    public String toString() {
        return description;
    }
}
