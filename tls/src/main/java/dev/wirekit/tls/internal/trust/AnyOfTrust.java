package dev.wirekit.tls.internal.trust;

import dev.wirekit.tls.CertificateVerificationException;
import dev.wirekit.tls.TlsFailure;
import dev.wirekit.tls.Trust;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import javax.security.auth.x500.X500Principal;

/** Accepts what any source accepts; otherwise reports the most specific refusal. */
public final class AnyOfTrust implements Trust {
    private final List<Trust> sources;

    private AnyOfTrust(List<Trust> sources) {
        this.sources = sources;
    }

    public static Trust of(List<Trust> sources) {
        if (sources.isEmpty()) {
            throw new IllegalArgumentException("anyOf needs at least one trust source");
        }
        return sources.size() == 1 ? sources.get(0) : new AnyOfTrust(List.copyOf(sources));
    }

    @Override
    public Outcome verify(List<X509Certificate> chain, PeerRole role, Instant now)
            throws CertificateVerificationException {
        CertificateVerificationException best = null;
        for (Trust source : sources) {
            try {
                return source.verify(chain, role, now);
            } catch (CertificateVerificationException e) {
                // a source that knew the issuer (expired, revoked...) says more than "untrusted"
                if (best == null
                        || (best.failure() == TlsFailure.UNTRUSTED_CERTIFICATE
                                && e.failure() != TlsFailure.UNTRUSTED_CERTIFICATE)) {
                    best = e;
                }
            }
        }
        throw best;
    }

    @Override
    public Trust withRevocationChecking() {
        List<Trust> checked = new ArrayList<>();
        for (Trust t : sources) {
            checked.add(t instanceof PkixTrust ? t.withRevocationChecking() : t);
        }
        return new AnyOfTrust(checked);
    }

    @Override
    public List<X500Principal> acceptedIssuers() {
        List<X500Principal> all = new ArrayList<>();
        for (Trust t : sources) {
            all.addAll(t.acceptedIssuers());
        }
        return all;
    }

    @Override
    public String description() {
        return sources.stream().map(Trust::description).collect(Collectors.joining(" or "));
    }

    @Override
    public String toString() {
        return description();
    }
}
