package dev.wirekit.tls.verify;

import dev.wirekit.api.layer.Layer;
import dev.wirekit.testkit.LayerVerification;
import dev.wirekit.testkit.pki.TestPki;
import dev.wirekit.tls.TlsClientConfig;
import dev.wirekit.tls.TlsLayer;
import dev.wirekit.tls.testing.Pki;

/**
 * The TLS layer against every layer rule (testkit SPEC.md, section L), engines in memory and over
 * the testkit's in-memory transport. The untrusted client trusts another PKI's root only.
 */
class TlsLayerVerificationTest extends LayerVerification {
    @Override
    protected Layer serverLayer() {
        return TlsOptions.TLS_SERVER;
    }

    @Override
    protected Layer clientLayer() {
        return TlsOptions.TLS_CLIENT;
    }

    @Override
    protected Layer untrustedClientLayer() {
        return TlsLayer.client(
                TlsClientConfig.builder().trust(Pki.trust(STRANGER)).build());
    }

    private static final TestPki STRANGER = TestPki.create("Stranger");
}
