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
        return in -> decode(in, false);
    }

    @Override
    public FrameDecoder<ByteBuffer> newViewDecoder() {
        return in -> decode(in, true);
    }

    private ByteBuffer decode(ByteBuffer in, boolean view) {
        int length = Math.min(in.remaining(), max);
        if (length == 0) {
            return null;
        }
        int at = in.position();
        in.position(at + length);
        if (view) {
            return in.slice(at, length).asReadOnlyBuffer();
        }
        ByteBuffer chunk = ByteBuffer.allocate(length);
        chunk.put(0, in, at, length);
        return chunk;
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
