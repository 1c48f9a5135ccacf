package dev.wirekit.http.internal;

import java.io.IOException;
import java.io.OutputStream;

/**
 * A body of exactly the declared Content-Length: more bytes are refused, and closing it early
 * reports the shortfall (the connection can then only be closed).
 */
public final class FixedLengthOutputStream extends OutputStream {
    private final OutputBuffer out;
    private final long length;
    private long written;
    private boolean closed;

    public FixedLengthOutputStream(OutputBuffer out, long length) {
        this.out = out;
        this.length = length;
    }

    public long bytesWritten() {
        return written;
    }

    @Override
    public void write(int b) throws IOException {
        check(1);
        out.writeByte(b);
        written++;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        java.util.Objects.checkFromIndexSize(off, len, b.length);
        check(len);
        out.write(b, off, len);
        written += len;
    }

    private void check(long more) throws IOException {
        if (closed) {
            throw new IOException("the body is already complete");
        }
        if (written + more > length) {
            throw new IOException("writing " + (written + more) + " bytes of a body declared as " + length);
        }
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }

    /**
     * Completes the body.
     *
     * @throws IOException when fewer bytes than declared were written
     */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        out.flush();
        if (written != length) {
            throw new IOException("the body ended after " + written + " of its declared " + length + " bytes");
        }
    }

    public boolean isClosed() {
        return closed;
    }
}
