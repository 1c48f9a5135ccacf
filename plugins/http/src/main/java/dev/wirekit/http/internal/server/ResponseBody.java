package dev.wirekit.http.internal.server;

import dev.wirekit.http.internal.ChunkedOutputStream;
import dev.wirekit.http.internal.FixedLengthOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * The stream a handler writes a response body to. Commits the head at the first write, flush or
 * close, choosing the framing then: the handler's Content-Length, else chunked for HTTP/1.1, else
 * the end of the connection. For HEAD and bodiless statuses the bytes are counted and dropped.
 */
final class ResponseBody extends OutputStream {
    private final ServerResponse response;
    private OutputStream framed;
    private long written;
    private boolean closed;

    ResponseBody(ServerResponse response) {
        this.response = response;
    }

    long bytesWritten() {
        return written;
    }

    private OutputStream framed() throws IOException {
        if (framed != null) {
            return framed;
        }
        long declared = declaredLength();
        response.commitForStream(declared);
        if (response.isHeadRequest() || response.bodyForbidden()) {
            framed = OutputStream.nullOutputStream();
        } else if (declared >= 0) {
            framed = new FixedLengthOutputStream(response.output(), declared);
        } else if (response.clientMinorVersion() == 1) {
            framed = new ChunkedOutputStream(response.output());
        } else {
            framed = new UntilCloseStream();
        }
        return framed;
    }

    private long declaredLength() {
        String value = response.headers().get("Content-Length");
        if (value == null) {
            return -1;
        }
        try {
            long n = Long.parseLong(value.strip());
            if (n < 0) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalStateException("the handler set an invalid Content-Length: " + value);
        }
    }

    @Override
    public void write(int b) throws IOException {
        ensureOpen();
        OutputStream out = framed();
        response.guard(() -> out.write(b));
        written++;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        ensureOpen();
        OutputStream out = framed();
        response.guard(() -> out.write(b, off, len));
        written += len;
    }

    @Override
    public void flush() throws IOException {
        ensureOpen();
        OutputStream out = framed();
        response.guard(out::flush);
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        OutputStream out = framed();
        closed = true;
        response.guard(out::close);
    }

    private void ensureOpen() throws IOException {
        if (closed) {
            throw new IOException("the response body is already complete");
        }
    }

    /** HTTP/1.0 without a length: bytes as they are; the connection's close ends the body. */
    private final class UntilCloseStream extends OutputStream {
        @Override
        public void write(int b) throws IOException {
            response.output().writeByte(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            response.output().write(b, off, len);
        }

        @Override
        public void flush() throws IOException {
            response.output().flush();
        }

        @Override
        public void close() throws IOException {
            response.output().flush();
        }
    }
}
