package dev.wirekit.scanner.internal;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;

/**
 * What one exchange with a service produced, read up to a bound and a deadline.
 *
 * @param bytes what was read (at most the bound)
 * @param truncated whether the service sent more than the bound
 * @param ended whether the service closed (or reset) the connection
 * @param failure why reading stopped with an error (a reset), or null
 */
public record Capture(byte[] bytes, boolean truncated, boolean ended, String failure) {
    /** After the first bytes, reading goes on while more keeps coming within this pause. */
    static final Duration QUIET = Duration.ofMillis(300);

    /** Something to read from: a plain connection or a TLS session over one. */
    @FunctionalInterface
    interface Source {
        /** Reads into {@code dst}, waiting at most {@code timeout}; -1 at the end of the stream. */
        int read(ByteBuffer dst, Duration timeout) throws IOException;
    }

    public boolean isEmpty() {
        return bytes.length == 0;
    }

    public int length() {
        return bytes.length;
    }

    /**
     * Reads what {@code source} sends until the deadline, the end of the stream, a pause of
     * {@link #QUIET} after the first bytes, or more than {@code max} bytes.
     */
    static Capture read(Source source, int max, long deadlineNanos) {
        ByteBuffer buffer = ByteBuffer.allocate(max + 1);
        boolean ended = false;
        String failure = null;
        while (buffer.hasRemaining()) {
            long left = deadlineNanos - System.nanoTime();
            if (left <= 0) {
                break;
            }
            long wait = buffer.position() == 0 ? left : Math.min(left, QUIET.toNanos());
            int n;
            try {
                n = source.read(buffer, Duration.ofNanos(Math.max(wait, 1_000_000)));
            } catch (SocketTimeoutException e) {
                break;
            } catch (IOException e) {
                ended = true;
                failure = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
                break;
            }
            if (n < 0) {
                ended = true;
                break;
            }
        }
        boolean truncated = buffer.position() > max;
        byte[] bytes = Arrays.copyOf(buffer.array(), Math.min(buffer.position(), max));
        return new Capture(bytes, truncated, ended, failure);
    }

    /** Whether these bytes look like a TLS record (an alert or a handshake) rather than text. */
    boolean looksLikeTls() {
        return bytes.length >= 3 && (bytes[0] == 0x15 || bytes[0] == 0x16) && bytes[1] == 0x03 && bytes[2] <= 0x04;
    }
}
