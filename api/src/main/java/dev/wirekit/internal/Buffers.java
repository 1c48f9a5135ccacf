package dev.wirekit.internal;

import java.nio.ByteBuffer;

/** Small buffer helpers. */
final class Buffers {
    private Buffers() {}

    /** The remaining bytes of {@code parts}, copied into one heap buffer. */
    static ByteBuffer concat(ByteBuffer[] parts) {
        return dev.wirekit.spi.Wire.copyOf(parts);
    }

    /** A heap copy of {@code src}'s remaining bytes; {@code src}'s position moves to its limit. */
    static ByteBuffer copy(ByteBuffer src) {
        ByteBuffer copy = ByteBuffer.allocate(src.remaining());
        copy.put(src);
        return copy.flip();
    }
}
