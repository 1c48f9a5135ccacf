package dev.wirekit.http.internal;

import dev.wirekit.http.Headers;
import java.io.IOException;
import java.io.InputStream;

/**
 * A message body read from an {@link HttpInput}, with its framing removed. Knows whether it has been
 * read to its end (so the connection can carry another message), and runs a hook before the first
 * read (the server's {@code 100 Continue}). Closing it does not close the connection.
 */
public abstract class BodyInputStream extends InputStream {
    private Runnable beforeFirstRead;
    private boolean closed;

    /** Runs {@code hook} once, before the first byte is read. */
    public void beforeFirstRead(Runnable hook) {
        beforeFirstRead = hook;
    }

    /** Whether the hook set by {@link #beforeFirstRead} is still waiting for the first read. */
    public boolean firstReadPending() {
        return beforeFirstRead != null;
    }

    /** The bytes still to come when that is known, else -1. */
    public long remaining() {
        return isComplete() ? 0 : -1;
    }

    /** Whether the body has been read to its end. */
    public abstract boolean isComplete();

    /** Trailer fields of a chunked body, once it is complete; empty otherwise. */
    public Headers trailers() {
        return new Headers();
    }

    /** Reads up to {@code len} bytes of the body. */
    protected abstract int readBody(byte[] b, int off, int len) throws IOException;

    @Override
    public final int read(byte[] b, int off, int len) throws IOException {
        java.util.Objects.checkFromIndexSize(off, len, b.length);
        if (closed) {
            throw new IOException("the body stream is closed");
        }
        if (beforeFirstRead != null) {
            Runnable hook = beforeFirstRead;
            beforeFirstRead = null;
            hook.run();
        }
        if (len == 0) {
            return 0;
        }
        return readBody(b, off, len);
    }

    @Override
    public final int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xFF;
    }

    /**
     * Reads and discards the rest of the body, up to {@code max} bytes.
     *
     * @return true when the body is now complete
     */
    public boolean drain(long max) throws IOException {
        if (isComplete()) {
            return true;
        }
        if (beforeFirstRead != null) {
            return false; // the peer was not asked to send it: it may never come
        }
        byte[] scratch = new byte[8192];
        long left = max;
        while (!isComplete() && left > 0) {
            int n = readBody(scratch, 0, (int) Math.min(scratch.length, left));
            if (n < 0) {
                break;
            }
            left -= n;
        }
        return isComplete();
    }

    /** Marks the stream closed; the connection stays open. */
    @Override
    public void close() {
        closed = true;
    }

    /** A body with no bytes. */
    public static BodyInputStream empty() {
        return new BodyInputStream() {
            @Override
            public boolean isComplete() {
                return true;
            }

            @Override
            protected int readBody(byte[] b, int off, int len) {
                return -1;
            }
        };
    }
}
