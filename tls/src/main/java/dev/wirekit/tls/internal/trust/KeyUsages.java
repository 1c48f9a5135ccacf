package dev.wirekit.tls.internal.trust;

import dev.wirekit.tls.CertificateVerificationException;
import dev.wirekit.tls.TlsFailure;
import dev.wirekit.tls.Trust;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.List;

/** The leaf's key usage and extended key usage must allow its TLS role (RFC 5280 4.2.1.3, 4.2.1.12). */
final class KeyUsages {
    private static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
    private static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";
    private static final String ANY = "2.5.29.37.0";

    private KeyUsages() {}

    static void check(X509Certificate leaf, Trust.PeerRole role, List<X509Certificate> chain)
            throws CertificateVerificationException {
        String wanted = role == Trust.PeerRole.SERVER ? SERVER_AUTH : CLIENT_AUTH;
        List<String> eku;
        try {
            eku = leaf.getExtendedKeyUsage();
        } catch (CertificateParsingException e) {
            throw bad("its extended key usage extension is malformed", leaf, chain);
        }
        if (eku != null && !eku.contains(wanted) && !eku.contains(ANY)) {
            throw bad(
                    "its extended key usage " + eku + " does not allow "
                            + (role == Trust.PeerRole.SERVER ? "TLS server (serverAuth)" : "TLS client (clientAuth)")
                            + " authentication",
                    leaf,
                    chain);
        }
        boolean[] ku = leaf.getKeyUsage();
        if (ku != null && !ku[0]) { // ECDHE only: the key must sign (digitalSignature)
            throw bad("its key usage does not include digitalSignature", leaf, chain);
        }
    }

    private static CertificateVerificationException bad(String why, X509Certificate leaf, List<X509Certificate> chain) {
        return new CertificateVerificationException(
                TlsFailure.BAD_CERTIFICATE,
                "the certificate '" + leaf.getSubjectX500Principal().getName() + "' cannot be used: " + why,
                "unsupported_certificate",
                chain,
                null);
    }
}
