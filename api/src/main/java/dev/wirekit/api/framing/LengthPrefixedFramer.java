package dev.wirekit.api.framing;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

/** {@link Framers#lengthPrefixed}. */
final class LengthPrefixedFramer implements Framer<ByteBuffer> {
    private final int headerBytes;
    private final ByteOrder order;
    private final boolean includesHeader;
    private final int max;

    LengthPrefixedFramer(int headerBytes, ByteOrder order, boolean includesHeader, int max) {
        if (headerBytes != 1 && headerBytes != 2 && headerBytes != 4 && headerBytes != 8) {
            throw new IllegalArgumentException("headerBytes must be 1, 2, 4 or 8: " + headerBytes);
        }
        long largest = headerBytes == 8 ? Long.MAX_VALUE : (1L << (8 * headerBytes)) - 1;
        long needed = includesHeader ? (long) max + headerBytes : max;
        if (needed > largest) {
            throw new IllegalArgumentException("maxFrameLength " + max + " does not fit a " + headerBytes
                    + "-byte length header (largest value " + largest + ")");
        }
        this.headerBytes = headerBytes;
        this.order = order;
        this.includesHeader = includesHeader;
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
        int start = in.position();
        if (in.limit() - start < headerBytes) {
            return null;
        }
        long declared = readHeader(in, start);
        long payload = includesHeader ? declared - headerBytes : declared;
        if (declared < 0 || payload < 0) {
            throw new CorruptedFrameException(
                    "length header holds " + Long.toUnsignedString(declared)
                            + (includesHeader
                                    ? ", less than the header's own " + headerBytes + " bytes"
                                    : ", a negative length"),
                    false);
        }
        if (payload > max) {
            throw new FrameTooLongException(payload, max, false);
        }
        int length = (int) payload;
        if (in.limit() - start - headerBytes < length) {
            return null;
        }
        in.position(start + headerBytes + length);
        if (view) {
            return in.slice(start + headerBytes, length).asReadOnlyBuffer();
        }
        ByteBuffer frame = ByteBuffer.allocate(length);
        frame.put(0, in, start + headerBytes, length);
        return frame;
    }

    private long readHeader(ByteBuffer in, int at) {
        long value = 0;
        for (int i = 0; i < headerBytes; i++) {
            int index = order == ByteOrder.BIG_ENDIAN ? at + i : at + headerBytes - 1 - i;
            value = (value << 8) | (in.get(index) & 0xFF);
        }
        return value;
    }

    @Override
    public void encode(ByteBuffer message, List<ByteBuffer> out) {
        int length = message.remaining();
        if (length > max) {
            throw new FrameTooLongException(length, max, true);
        }
        long value = includesHeader ? (long) length + headerBytes : length;
        ByteBuffer header = ByteBuffer.allocate(headerBytes).order(order);
        switch (headerBytes) {
            case 1 -> header.put((byte) value);
            case 2 -> header.putShort((short) value);
            case 4 -> header.putInt((int) value);
            default -> header.putLong(value);
        }
        out.add(header.flip());
        out.add(message.duplicate());
    }

    @Override
    public int maxFrameLength() {
        return max;
    }

    @Override
    public String toString() {
        return "lengthPrefixed(" + headerBytes + ", " + order + (includesHeader ? ", includes header" : "") + ", " + max
                + ")";
    }
}
