package dev.wirekit.http.testing;

import dev.wirekit.http.internal.ByteSource;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/** A {@link ByteSource} that delivers pre-cut pieces, one read at most per piece, then the end. */
public final class PieceSource implements ByteSource {
    private final Deque<ByteBuffer> pieces;

    public PieceSource(List<ByteBuffer> pieces) {
        this.pieces = new ArrayDeque<>(pieces);
    }

    @Override
    public int read(ByteBuffer dst, Duration timeout) {
        ByteBuffer head = pieces.peek();
        if (head == null) {
            return -1;
        }
        int n = Math.min(dst.remaining(), head.remaining());
        dst.put(dst.position(), head, head.position(), n);
        dst.position(dst.position() + n);
        head.position(head.position() + n);
        if (!head.hasRemaining()) {
            pieces.poll();
        }
        return n;
    }
}
