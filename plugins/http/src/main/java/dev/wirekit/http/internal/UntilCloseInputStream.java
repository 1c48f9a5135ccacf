package dev.wirekit.http.internal;

import java.io.IOException;

/** A response body that ends when the connection does (no Content-Length, not chunked). */
public final class UntilCloseInputStream extends BodyInputStream {
    private final HttpInput input;
    private boolean ended;

    public UntilCloseInputStream(HttpInput input) {
        this.input = input;
    }

    @Override
    public boolean isComplete() {
        return ended;
    }

    @Override
    protected int readBody(byte[] b, int off, int len) throws IOException {
        if (ended) {
            return -1;
        }
        int n = input.read(b, off, len);
        if (n < 0) {
            ended = true;
        }
        return n;
    }
}
