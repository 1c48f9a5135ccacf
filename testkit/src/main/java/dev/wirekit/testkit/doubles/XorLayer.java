package dev.wirekit.testkit.doubles;

import dev.wirekit.api.layer.Layer;
import dev.wirekit.api.layer.LayerContext;
import dev.wirekit.api.layer.LayerEngine;
import java.nio.ByteBuffer;

/**
 * A test layer that XORs every byte with a key, so the bytes on the wire differ from the plaintext
 * while staying the same length. Its handshake is one round trip: the client sends a 4-byte hello,
 * the server answers with the same bytes, and only then is the layer established. A transport that
 * ignores layers, or runs the service before the handshake completes, is caught by it.
 */
public final class XorLayer implements Layer {
    /** What the client sends, and the server echoes, before data may flow. */
    public static final byte[] HELLO = {'X', 'O', 'R', '!'};

    private final byte key;

    public XorLayer(byte key) {
        this.key = key;
    }

    /** XORs {@code bytes} with {@code key}: apply it to bytes a peer without the layer sends or reads. */
    public static byte[] apply(byte key, byte[] bytes) {
        byte[] out = bytes.clone();
        for (int i = 0; i < out.length; i++) {
            out[i] ^= key;
        }
        return out;
    }

    @Override
    public String name() {
        return "xor";
    }

    @Override
    public LayerEngine open(LayerContext context) {
        return new Engine(context);
    }

    private final class Engine implements LayerEngine {
        private final LayerContext context;
        private final ByteBuffer hello = ByteBuffer.allocate(HELLO.length);
        private boolean established;

        Engine(LayerContext context) {
            this.context = context;
        }

        @Override
        public void start() {
            if (context.role() == LayerContext.Role.CLIENT) {
                context.sink().toNetwork(ByteBuffer.wrap(HELLO.clone()));
            }
        }

        @Override
        public void receive(ByteBuffer fromNetwork) throws java.io.IOException {
            if (!established) {
                while (hello.hasRemaining() && fromNetwork.hasRemaining()) {
                    hello.put(fromNetwork.get());
                }
                if (hello.hasRemaining()) {
                    return;
                }
                if (!java.util.Arrays.equals(hello.array(), HELLO)) {
                    throw new java.io.IOException(
                            "xor layer: bad hello " + java.util.HexFormat.of().formatHex(hello.array()));
                }
                if (context.role() == LayerContext.Role.SERVER) {
                    context.sink().toNetwork(ByteBuffer.wrap(HELLO.clone()));
                }
                established = true;
                context.sink().established();
            }
            if (fromNetwork.hasRemaining()) {
                byte[] plain = new byte[fromNetwork.remaining()];
                fromNetwork.get(plain);
                context.sink().toApplication(ByteBuffer.wrap(apply(key, plain)));
            }
        }

        @Override
        public void send(ByteBuffer plaintext) {
            byte[] bytes = new byte[plaintext.remaining()];
            plaintext.get(bytes);
            context.sink().toNetwork(ByteBuffer.wrap(apply(key, bytes)));
        }

        @Override
        public void closeOutbound() {
            // nothing to say on closing
        }
    }
}
