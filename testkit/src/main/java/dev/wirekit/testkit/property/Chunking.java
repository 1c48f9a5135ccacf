package dev.wirekit.testkit.property;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * How a byte stream is cut into the pieces a reader receives: the splitter that framers, codecs and
 * layers are tested against, since a real network may deliver any split.
 */
public enum Chunking {
    /** Everything in one piece. */
    ALL_AT_ONCE,
    /** One byte per piece: every possible split point is exercised. */
    ONE_BYTE,
    /** Random piece sizes, from one byte to the whole. */
    RANDOM;

    /** Cuts {@code data} into pieces; {@code random} is used by {@link #RANDOM} only. */
    public List<ByteBuffer> split(byte[] data, SplittableRandom random) {
        List<ByteBuffer> pieces = new ArrayList<>();
        switch (this) {
            case ALL_AT_ONCE -> pieces.add(ByteBuffer.wrap(data.clone()));
            case ONE_BYTE -> {
                for (byte b : data) {
                    pieces.add(ByteBuffer.wrap(new byte[] {b}));
                }
            }
            case RANDOM -> {
                int at = 0;
                while (at < data.length) {
                    int left = data.length - at;
                    // mostly small pieces, sometimes large ones
                    int n = random.nextInt(4) == 0 ? 1 + random.nextInt(left) : 1 + random.nextInt(Math.min(left, 16));
                    byte[] piece = new byte[n];
                    System.arraycopy(data, at, piece, 0, n);
                    pieces.add(ByteBuffer.wrap(piece));
                    at += n;
                }
            }
        }
        return pieces;
    }
}
