package dev.wirekit.testkit;

import static dev.wirekit.testkit.BrokenImplementationsTest.assertFailsNaming;

import dev.wirekit.api.layer.Layer;
import dev.wirekit.api.layer.LayerContext;
import dev.wirekit.api.layer.LayerEngine;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/**
 * Tests of the testkit: the layer rules fail broken layers, naming the rule. Each broken layer is
 * run through {@link LayerVerification} the way a user would run theirs.
 */
class BrokenLayersTest {

    @Test
    void aLayerThatPassesBytesBeforeItsHandshakeFailsL2AndL8() {
        assertFailsNaming(Passthrough.class, "required_L2_nothingBeforeTheHandshake", "L-2");
        assertFailsNaming(Passthrough.class, "required_L8_serviceSeesOnlyAuthenticatedPeers", "L-8");
    }

    @Test
    void aLayerThatAssumesWholeRecordsFailsL1() {
        assertFailsNaming(WholeRecords.class, "required_L1_roundTripWhateverTheChunking", "L-1");
    }

    /** Claims to be established at once and passes every byte through: no handshake at all. */
    static final class Passthrough extends LayerVerification {
        @Override
        protected Layer serverLayer() {
            return new Broken(false);
        }

        @Override
        protected Layer clientLayer() {
            return new Broken(false);
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

    /** Frames records with a 2-byte length, but decodes as if each record arrived in one read. */
    static final class WholeRecords extends LayerVerification {
        @Override
        protected Layer serverLayer() {
            return new Broken(true);
        }

        @Override
        protected Layer clientLayer() {
            return new Broken(true);
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

    private record Broken(boolean records) implements Layer {
        @Override
        public String name() {
            return records ? "whole-records" : "passthrough";
        }

        @Override
        public LayerEngine open(LayerContext context) {
            return new LayerEngine() {
                @Override
                public void start() {
                    context.sink().established();
                }

                @Override
                public void receive(ByteBuffer in) {
                    if (!records) {
                        context.sink().toApplication(in);
                        return;
                    }
                    while (in.remaining() >= 2) {
                        int length = in.getShort() & 0xFFFF;
                        byte[] payload = new byte[Math.min(length, in.remaining())]; // the bug: the rest is lost
                        in.get(payload);
                        context.sink().toApplication(ByteBuffer.wrap(payload));
                    }
                    in.position(in.limit()); // the bug: half a header is dropped
                }

                @Override
                public void send(ByteBuffer plaintext) {
                    if (!records) {
                        context.sink().toNetwork(copy(plaintext, plaintext.remaining()));
                        return;
                    }
                    while (plaintext.hasRemaining()) {
                        int n = Math.min(0xFFFF, plaintext.remaining());
                        ByteBuffer record = ByteBuffer.allocate(2 + n).putShort((short) n);
                        record.put(copy(plaintext, n));
                        context.sink().toNetwork(record.flip());
                    }
                }

                @Override
                public void closeOutbound() {}
            };
        }

        private static ByteBuffer copy(ByteBuffer from, int n) {
            byte[] bytes = new byte[n];
            from.get(bytes);
            return ByteBuffer.wrap(bytes);
        }
    }
}
