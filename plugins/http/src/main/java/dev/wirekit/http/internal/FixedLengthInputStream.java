package dev.wirekit.http.internal;

import java.io.EOFException;
import java.io.IOException;

/** A body of exactly {@code length} bytes (Content-Length). */
public final class FixedLengthInputStream extends BodyInputStream {
    private final HttpInput input;
    private final long length;
    private long remaining;

    public FixedLengthInputStream(HttpInput input, long length) {
        this.input = input;
        this.length = length;
        this.remaining = length;
    }

    @Override
    public boolean isComplete() {
        return remaining == 0;
    }

    @Override
    protected int readBody(byte[] b, int off, int len) throws IOException {
        if (remaining == 0) {
            return -1;
        }
        int n = input.read(b, off, (int) Math.min(len, remaining));
        if (n < 0) {
            throw new EOFException(
                    "the connection ended after " + (length - remaining) + " of " + length + " body bytes");
        }
        remaining -= n;
        return n;
    }

    @Override
    public long remaining() {
        return remaining;
    }

    @Override
    public int available() {
        return (int) Math.min(Math.min(remaining, input.buffered()), Integer.MAX_VALUE);
    }
}
