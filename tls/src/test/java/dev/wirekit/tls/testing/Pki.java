package dev.wirekit.tls.testing;

import dev.wirekit.testkit.pki.Issued;
import dev.wirekit.testkit.pki.TestPki;
import dev.wirekit.tls.KeyMaterial;
import dev.wirekit.tls.Trust;

/** Adapts the testkit's test PKI ({@link TestPki}) to this module's types. */
public final class Pki {
    private Pki() {}

    /** The issued certificate's chain and key, in memory. */
    public static KeyMaterial keyMaterial(Issued issued) {
        return KeyMaterial.of(issued.privateKey(), issued.chain());
    }

    /** Trust in the PKI's root. */
    public static Trust trust(TestPki pki) {
        return Trust.certificates(pki.trustAnchors());
    }
}
