package dev.wirekit.tls.internal.trust;

import dev.wirekit.tls.CertificateVerificationException;
import dev.wirekit.tls.TlsFailure;
import dev.wirekit.tls.Trust;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;

/** Trust in exactly the leaf certificates with these SHA-256 fingerprints. */
public final class PinnedTrust implements Trust {
    private final List<byte[]> pins;

    private PinnedTrust(List<byte[]> pins) {
        this.pins = pins;
    }

    public static PinnedTrust of(List<String> fingerprints) {
        if (fingerprints.isEmpty()) {
            throw new IllegalArgumentException("no fingerprint to pin");
        }
        return new PinnedTrust(fingerprints.stream().map(Fingerprints::parse).toList());
    }

    @Override
    public Outcome verify(List<X509Certificate> chain, PeerRole role, Instant now)
            throws CertificateVerificationException {
        X509Certificate leaf = chain.get(0);
        byte[] actual = Fingerprints.sha256(leaf);
        for (byte[] pin : pins) {
            if (MessageDigest.isEqual(pin, actual)) {
                PkixTrust.checkDates(leaf, now, chain);
                KeyUsages.check(leaf, role, chain);
                return Outcome.PINNED;
            }
        }
        throw new CertificateVerificationException(
                TlsFailure.UNTRUSTED_CERTIFICATE,
                "untrusted certificate '" + leaf.getSubjectX500Principal().getName() + "': its fingerprint sha256:"
                        + Fingerprints.format(actual) + " is not among " + description(),
                "unknown_ca",
                chain,
                null);
    }

    @Override
    public String description() {
        return pins.size() == 1
                ? "the pinned fingerprint sha256:" + Fingerprints.format(pins.get(0))
                : pins.size() + " pinned fingerprints";
    }

    @Override
    public String toString() {
        return description();
    }
}
