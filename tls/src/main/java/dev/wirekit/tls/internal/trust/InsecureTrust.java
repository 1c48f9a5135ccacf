package dev.wirekit.tls.internal.trust;

import dev.wirekit.tls.Trust;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;

/** Accepts everything; layers built with it log a warning. */
public final class InsecureTrust implements Trust {
    public static final InsecureTrust INSTANCE = new InsecureTrust();

    private InsecureTrust() {}

    @Override
    public Outcome verify(List<X509Certificate> chain, PeerRole role, Instant now) {
        return Outcome.NOT_VERIFIED;
    }

    @Override
    public String description() {
        return "NO verification (insecure)";
    }

    @Override
    public String toString() {
        return description();
    }
}
