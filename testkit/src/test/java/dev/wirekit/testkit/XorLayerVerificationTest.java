package dev.wirekit.testkit;

import dev.wirekit.api.layer.Layer;
import dev.wirekit.testkit.doubles.XorLayer;

/**
 * The testkit's XOR layer double against the layer rules, over the in-memory transport: it must
 * pass what it can claim, so that rules failing for a real layer point at the layer, not at the
 * double. It authenticates nobody and reports no security: L-3, L-4 and L-9 skip.
 */
class XorLayerVerificationTest extends LayerVerification {
    @Override
    protected Layer serverLayer() {
        return new XorLayer((byte) 0x5C);
    }

    @Override
    protected Layer clientLayer() {
        return new XorLayer((byte) 0x5C);
    }

    @Override
    protected Layer untrustedClientLayer() {
        return null;
    }

    @Override
    protected boolean providesSecurity() {
        return false;
    }
}
