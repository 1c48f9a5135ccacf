package dev.wirekit.api.framing;

import java.nio.ByteBuffer;
import java.util.List;

/** {@link Framers#fixedLength}. */
final class FixedLengthFramer implements Framer<ByteBuffer> {
    private final int length;

    FixedLengthFramer(int length) {
        this.length = length;
    }

    @Override
    public FrameDecoder<ByteBuffer> newDecoder() {
        return in -> {
            if (in.remaining() < length) {
                return null;
            }
            ByteBuffer frame = ByteBuffer.allocate(length);
            frame.put(0, in, in.position(), length);
            in.position(in.position() + length);
            return frame;
        };
    }

    @Override
    public void encode(ByteBuffer message, List<ByteBuffer> out) {
        if (message.remaining() > length) {
            throw new FrameTooLongException(message.remaining(), length, true);
        }
        if (message.remaining() != length) {
            throw new IllegalArgumentException(
                    "a fixed-length frame must be " + length + " bytes, not " + message.remaining());
        }
        out.add(message.duplicate());
    }

    @Override
    public int maxFrameLength() {
        return length;
    }

    @Override
    public String toString() {
        return "fixedLength(" + length + ")";
    }
}
