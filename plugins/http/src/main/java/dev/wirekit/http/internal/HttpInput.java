package dev.wirekit.http.internal;

import dev.wirekit.http.HttpException;
import java.io.EOFException;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;

/**
 * The buffered inbound side of one HTTP connection: reads message heads (with limits and a
 * deadline, against slow or endless heads), then body bytes and chunk lines. Bytes read past one
 * message stay buffered for the next (pipelining). Not thread-safe: one reader.
 */
public final class HttpInput {
    private static final int MAX_LEADING_EMPTY_LINES = 8;

    /** Parses a complete head found in {@code b[off, off + len)}. */
    @FunctionalInterface
    public interface HeadParser<T> {
        T parse(byte[] b, int off, int len);
    }

    private final ByteSource source;
    private byte[] buf;
    private int pos;
    private int limit;
    private Duration readTimeout;

    /**
     * @param source where bytes come from
     * @param capacity the initial buffer size; it grows as far as a head's limits need
     * @param readTimeout how long one read of body bytes or chunk lines may wait
     */
    public HttpInput(ByteSource source, int capacity, Duration readTimeout) {
        this.source = source;
        this.buf = new byte[capacity];
        this.readTimeout = readTimeout;
    }

    public void readTimeout(Duration value) {
        readTimeout = value;
    }

    public Duration readTimeout() {
        return readTimeout;
    }

    /** Bytes received and not yet consumed. */
    public int buffered() {
        return limit - pos;
    }

    /** Whether a whole head (up to an empty line) is already buffered: a pipelined request. */
    public boolean hasCompleteHead() {
        for (int i = pos; i + 3 < limit; i++) {
            if (buf[i] == '\r' && buf[i + 1] == '\n' && buf[i + 2] == '\r' && buf[i + 3] == '\n') {
                return true;
            }
        }
        return false;
    }

    /** Drops the buffered bytes. */
    public void clear() {
        pos = limit = 0;
    }

    /** Removes and returns the buffered bytes (for a connection handed over to a tunnel). */
    public byte[] takeBuffered() {
        byte[] rest = Arrays.copyOfRange(buf, pos, limit);
        pos = limit = 0;
        return rest;
    }

    /**
     * Reads one message head and parses it.
     *
     * @param firstByteTimeout how long to wait for the head's first byte (the keep-alive idle time)
     * @param headTimeout how long the whole head may take once its first byte has come
     * @return the parsed head, or null when the stream ended before a head began
     * @throws SocketTimeoutException when no byte came within {@code firstByteTimeout}
     * @throws HttpException 408 when the head is not complete in time, 400 when the stream ends
     *     inside it, or what the scanner or parser reject
     */
    public <T> T readHead(HeadLimits limits, Duration firstByteTimeout, Duration headTimeout, HeadParser<T> parser)
            throws IOException {
        HeadScanner scanner = new HeadScanner(limits);
        boolean started = pos < limit;
        long deadline = started ? System.nanoTime() + headTimeout.toNanos() : 0;
        boolean leading = true;
        int skipped = 0;
        while (true) {
            if (leading) {
                while (limit - pos >= 2
                        && buf[pos] == '\r'
                        && buf[pos + 1] == '\n'
                        && skipped < MAX_LEADING_EMPTY_LINES) {
                    pos += 2;
                    skipped++;
                }
                if (pos < limit && (buf[pos] != '\r' || limit - pos >= 2 || skipped >= MAX_LEADING_EMPTY_LINES)) {
                    leading = false;
                }
            }
            if (!leading) {
                int length = scanner.scan(buf, pos, limit);
                if (length >= 0) {
                    T head = parser.parse(buf, pos, length);
                    pos += length;
                    return head;
                }
            }
            makeRoom(limits.maxHeadBytes() + 2);
            Duration timeout;
            if (!started) {
                timeout = firstByteTimeout;
            } else {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw headTimedOut(headTimeout);
                }
                timeout = min(readTimeout, Duration.ofNanos(left));
            }
            int n;
            try {
                n = source.read(ByteBuffer.wrap(buf, limit, buf.length - limit), timeout);
            } catch (SocketTimeoutException e) {
                if (!started) {
                    throw e; // nothing came at all: the caller decides (idle close, or a client's timeout)
                }
                throw headTimedOut(headTimeout);
            }
            if (n < 0) {
                if (!started || (pos == limit && leading)) {
                    return null;
                }
                throw new HttpException(400, "the connection ended in the middle of the message head");
            }
            limit += n;
            if (!started) {
                started = true;
                deadline = System.nanoTime() + headTimeout.toNanos();
            }
        }
    }

    private static HttpException headTimedOut(Duration headTimeout) {
        return new HttpException(408, "message head not complete within " + headTimeout);
    }

    private static Duration min(Duration a, Duration b) {
        if (a.isZero()) {
            return b;
        }
        return a.compareTo(b) <= 0 ? a : b;
    }

    /** Compacts, and grows the buffer up to {@code max} bytes, so that at least one byte fits. */
    private void makeRoom(int max) {
        if (limit < buf.length) {
            return;
        }
        if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, limit - pos);
            limit -= pos;
            pos = 0;
            return;
        }
        if (buf.length >= max) {
            throw new HttpException(431, "message head larger than " + max + " bytes");
        }
        buf = Arrays.copyOf(buf, Math.min(max, buf.length * 2));
    }

    /** Reads more bytes into the buffer; false at the end of the stream. */
    private boolean fill(int max) throws IOException {
        makeRoom(max);
        int n = source.read(ByteBuffer.wrap(buf, limit, buf.length - limit), readTimeout);
        if (n < 0) {
            return false;
        }
        limit += n;
        return true;
    }

    /**
     * Reads body bytes: what is buffered first, then from the source (large reads go straight
     * into {@code b}).
     *
     * @return the count read, or -1 at the end of the stream
     */
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (pos < limit) {
            int n = Math.min(len, limit - pos);
            System.arraycopy(buf, pos, b, off, n);
            pos += n;
            return n;
        }
        if (len >= buf.length) {
            ByteBuffer direct = ByteBuffer.wrap(b, off, len);
            int n = source.read(direct, readTimeout);
            return n;
        }
        pos = limit = 0;
        if (!fill(buf.length)) {
            return -1;
        }
        int n = Math.min(len, limit - pos);
        System.arraycopy(buf, pos, b, off, n);
        pos += n;
        return n;
    }

    /**
     * Reads one line ending with CRLF (a chunk-size line or a trailer field), without the CRLF.
     *
     * @throws HttpException 400 when the line is longer than {@code max} or ends with a bare LF
     * @throws EOFException when the stream ends first
     */
    public String readLine(int max, String what) throws IOException {
        int scanned = 0;
        while (true) {
            for (int i = pos + scanned; i < limit; i++) {
                if (buf[i] == '\n') {
                    if (i == pos || buf[i - 1] != '\r') {
                        throw new HttpException(400, what + " ends with LF without CR");
                    }
                    int length = i - 1 - pos;
                    if (length > max) {
                        throw new HttpException(400, what + " longer than " + max + " bytes");
                    }
                    String line = new String(buf, pos, length, StandardCharsets.ISO_8859_1);
                    pos = i + 1;
                    return line;
                }
            }
            scanned = limit - pos;
            if (scanned > max + 1) {
                throw new HttpException(400, what + " longer than " + max + " bytes");
            }
            if (!fill(Math.max(buf.length, max + 2))) {
                throw new EOFException("the connection ended in the middle of a " + what);
            }
        }
    }

    /**
     * Consumes exactly {@code expected} (such as the CRLF after chunk data).
     *
     * @throws HttpException 400 when other bytes come
     * @throws EOFException when the stream ends first
     */
    public void expect(byte[] expected, String what) throws IOException {
        for (byte e : expected) {
            if (pos == limit) {
                pos = limit = 0;
                if (!fill(buf.length)) {
                    throw new EOFException("the connection ended before " + what);
                }
            }
            if (buf[pos] != e) {
                throw new HttpException(400, "expected " + what);
            }
            pos++;
        }
    }
}
