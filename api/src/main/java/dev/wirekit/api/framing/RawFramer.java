package dev.wirekit.api.framing;

import java.nio.ByteBuffer;
import java.util.List;

/** {@link Framers#raw}. */
final class RawFramer implements Framer<ByteBuffer> {
    private final int max;

    RawFramer(int max) {
        this.max = max;
    }

    @Override
    public FrameDecoder<ByteBuffer> newDecoder() {
        return in -> {
            int length = Math.min(in.remaining(), max);
            if (length == 0) {
                return null;
            }
            ByteBuffer chunk = ByteBuffer.allocate(length);
            chunk.put(0, in, in.position(), length);
            in.position(in.position() + length);
            return chunk;
        };
    }

    @Override
    public void encode(ByteBuffer message, List<ByteBuffer> out) {
        if (message.remaining() > max) {
            throw new FrameTooLongException(message.remaining(), max, true);
        }
        out.add(message.duplicate());
    }

    @Override
    public int maxFrameLength() {
        return max;
    }

    @Override
    public ByteBuffer decodeDatagram(ByteBuffer datagram) {
        if (datagram.remaining() > max) {
            throw new FrameTooLongException(datagram.remaining(), max, true);
        }
        ByteBuffer copy = ByteBuffer.allocate(datagram.remaining());
        copy.put(datagram).flip();
        return copy;
    }

    @Override
    public String toString() {
        return "raw(" + max + ")";
    }
}
