package dev.wirekit.api.framing;

import java.nio.ByteBuffer;
import java.util.HexFormat;
import java.util.List;

/** {@link Framers#delimiter}. */
final class DelimiterFramer implements Framer<ByteBuffer> {
    private final int max;
    private final byte[] delimiter;

    DelimiterFramer(int max, byte[] delimiter) {
        if (delimiter.length == 0) {
            throw new IllegalArgumentException("delimiter is empty");
        }
        this.max = max;
        this.delimiter = delimiter.clone();
    }

    @Override
    public FrameDecoder<ByteBuffer> newDecoder() {
        return new Decoder();
    }

    @Override
    public void encode(ByteBuffer message, List<ByteBuffer> out) {
        int length = message.remaining();
        if (length > max) {
            throw new FrameTooLongException(length, max, true);
        }
        if (indexOf(message, message.position(), message.limit()) >= 0) {
            throw new IllegalArgumentException(
                    "a frame cannot contain its delimiter " + HexFormat.of().formatHex(delimiter));
        }
        out.add(message.duplicate());
        out.add(ByteBuffer.wrap(delimiter));
    }

    @Override
    public int maxFrameLength() {
        return max;
    }

    /** The index of the first delimiter in [from, to), or -1. */
    private int indexOf(ByteBuffer in, int from, int to) {
        int last = to - delimiter.length;
        outer:
        for (int i = from; i <= last; i++) {
            for (int j = 0; j < delimiter.length; j++) {
                if (in.get(i + j) != delimiter[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    @Override
    public String toString() {
        return "delimiter(" + max + ", " + HexFormat.of().formatHex(delimiter) + ")";
    }

    private final class Decoder implements FrameDecoder<ByteBuffer> {
        private int scanned;
        private boolean discarding;

        @Override
        public ByteBuffer decode(ByteBuffer in) {
            if (discarding && !skipDiscarded(in)) {
                return null;
            }
            int start = in.position();
            int searchEnd = (int) Math.min(in.limit(), (long) start + max + delimiter.length);
            int found = indexOf(in, start + Math.max(0, scanned - delimiter.length + 1), searchEnd);
            if (found >= 0) {
                scanned = 0;
                in.position(found + delimiter.length);
                ByteBuffer frame = ByteBuffer.allocate(found - start);
                frame.put(0, in, start, found - start);
                return frame;
            }
            if (searchEnd - start >= max + delimiter.length) {
                // Too long whatever follows: skip it, up to its delimiter if that has arrived too.
                scanned = 0;
                discarding = true;
                long seen = in.limit() - start;
                in.position(searchEnd - (delimiter.length - 1));
                skipDiscarded(in);
                throw new FrameTooLongException(seen, max, true);
            }
            scanned = searchEnd - start;
            return null;
        }

        private boolean skipDiscarded(ByteBuffer in) {
            int found = indexOf(in, in.position(), in.limit());
            if (found >= 0) {
                in.position(found + delimiter.length);
                discarding = false;
                return true;
            }
            in.position(Math.max(in.position(), in.limit() - (delimiter.length - 1)));
            return false;
        }
    }
}
