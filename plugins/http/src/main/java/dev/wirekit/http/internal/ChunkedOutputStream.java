package dev.wirekit.http.internal;

import dev.wirekit.http.Headers;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Encodes a body with the chunked transfer coding: every {@link #flush()} or large write becomes one
 * chunk; {@link #close()} writes the last chunk and the empty trailer section. Does not close the
 * connection.
 */
public final class ChunkedOutputStream extends OutputStream {
    private static final int CHUNK = 8192;

    private final OutputBuffer out;
    private final byte[] pending = new byte[CHUNK];
    private int count;
    private long total;
    private boolean closed;

    public ChunkedOutputStream(OutputBuffer out) {
        this.out = out;
    }

    /** Body bytes written so far, without the framing. */
    public long bytesWritten() {
        return total;
    }

    @Override
    public void write(int b) throws IOException {
        ensureOpen();
        if (count == pending.length) {
            writeChunk(pending, 0, count);
            count = 0;
        }
        pending[count++] = (byte) b;
        total++;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        java.util.Objects.checkFromIndexSize(off, len, b.length);
        ensureOpen();
        if (len == 0) {
            return;
        }
        total += len;
        if (count + len <= pending.length) {
            System.arraycopy(b, off, pending, count, len);
            count += len;
            return;
        }
        if (count > 0) {
            writeChunk(pending, 0, count);
            count = 0;
        }
        if (len < pending.length) {
            System.arraycopy(b, off, pending, 0, len);
            count = len;
        } else {
            writeChunk(b, off, len);
        }
    }

    private void writeChunk(byte[] b, int off, int len) throws IOException {
        out.writeLatin1(Integer.toHexString(len));
        out.writeCrlf();
        out.write(b, off, len);
        out.writeCrlf();
    }

    /** Sends what is pending as a chunk and pushes it to the connection. */
    @Override
    public void flush() throws IOException {
        ensureOpen();
        if (count > 0) {
            writeChunk(pending, 0, count);
            count = 0;
        }
        out.flush();
    }

    /** Writes the pending chunk, the last chunk and {@code trailers}; then the message is complete. */
    public void finish(Headers trailers) throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        if (count > 0) {
            writeChunk(pending, 0, count);
            count = 0;
        }
        out.writeByte('0');
        out.writeCrlf();
        if (trailers != null) {
            for (int i = 0; i < trailers.size(); i++) {
                out.writeLatin1(trailers.name(i));
                out.writeLatin1(": ");
                out.writeLatin1(trailers.value(i));
                out.writeCrlf();
            }
        }
        out.writeCrlf();
        out.flush();
    }

    @Override
    public void close() throws IOException {
        finish(null);
    }

    public boolean isClosed() {
        return closed;
    }

    private void ensureOpen() throws IOException {
        if (closed) {
            throw new IOException("the body is already complete");
        }
    }
}
