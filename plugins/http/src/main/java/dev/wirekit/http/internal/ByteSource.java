package dev.wirekit.http.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.time.Duration;

/** Where {@link HttpInput} gets its bytes: a connection read with a timeout, or any stream. */
@FunctionalInterface
public interface ByteSource {

    /**
     * Reads at least one byte into {@code dst}, waiting at most {@code timeout} ({@link
     * Duration#ZERO}: without limit).
     *
     * @return the count read, or -1 at the end of the stream
     * @throws java.net.SocketTimeoutException when nothing came in time
     */
    int read(ByteBuffer dst, Duration timeout) throws IOException;

    /** A source over a stream, which ignores timeouts. */
    static ByteSource of(InputStream in) {
        return (dst, timeout) -> {
            int n = in.read(dst.array(), dst.arrayOffset() + dst.position(), dst.remaining());
            if (n > 0) {
                dst.position(dst.position() + n);
            }
            return n;
        };
    }
}
