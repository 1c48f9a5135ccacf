package dev.wirekit.http.internal.client;

import dev.wirekit.api.SecurityInfo;
import dev.wirekit.http.Headers;
import dev.wirekit.http.HttpException;
import dev.wirekit.http.client.ClientResponse;
import dev.wirekit.http.internal.BodyInputStream;
import dev.wirekit.http.internal.ResponseHead;
import java.io.IOException;
import java.io.InputStream;
import java.net.ProtocolException;
import java.net.URI;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** A {@link ClientResponse} whose connection goes back to the pool when the body is done. */
final class PooledResponse implements ClientResponse {
    private static final long DRAIN_ON_CLOSE = 64 * 1024;

    private final ConnectionPool pool;
    private final PooledConnection pc;
    private final ResponseHead head;
    private final BodyInputStream body;
    private final URI uri;
    private final Optional<SecurityInfo> security;
    private final boolean reusable;
    private final InputStream stream = new Body();
    private boolean released;

    PooledResponse(
            ConnectionPool pool,
            PooledConnection pc,
            ResponseHead head,
            BodyInputStream body,
            URI uri,
            boolean reusable) {
        this.pool = pool;
        this.pc = pc;
        this.head = head;
        this.body = body;
        this.uri = uri;
        this.security = pc.connection.security();
        this.reusable = reusable;
        if (body.isComplete()) {
            release(true);
        }
    }

    @Override
    public int status() {
        return head.status();
    }

    @Override
    public String reason() {
        return head.reason();
    }

    @Override
    public String version() {
        return head.minorVersion() == 0 ? "HTTP/1.0" : "HTTP/1.1";
    }

    @Override
    public Headers headers() {
        return head.headers();
    }

    @Override
    public URI uri() {
        return uri;
    }

    @Override
    public Optional<SecurityInfo> security() {
        return security;
    }

    @Override
    public InputStream body() {
        return stream;
    }

    @Override
    public byte[] bodyBytes() throws IOException {
        return stream.readAllBytes();
    }

    @Override
    public String bodyText() throws IOException {
        return new String(bodyBytes(), charset());
    }

    private Charset charset() {
        String type = head.headers().get("Content-Type");
        if (type != null) {
            for (String param : type.split(";")) {
                String p = param.strip();
                if (p.regionMatches(true, 0, "charset=", 0, 8)) {
                    try {
                        return Charset.forName(p.substring(8).replace("\"", "").strip());
                    } catch (IllegalArgumentException e) {
                        return StandardCharsets.UTF_8;
                    }
                }
            }
        }
        return StandardCharsets.UTF_8;
    }

    @Override
    public Headers trailers() {
        return body.trailers();
    }

    @Override
    public synchronized void close() {
        if (released) {
            return;
        }
        boolean done;
        try {
            done = body.drain(DRAIN_ON_CLOSE);
        } catch (IOException | RuntimeException e) {
            done = false;
        }
        release(done);
    }

    private synchronized void release(boolean complete) {
        if (released) {
            return;
        }
        released = true;
        if (complete) {
            pool.release(pc, reusable);
        } else {
            pool.discard(pc);
        }
    }

    @Override
    public String toString() {
        return head.status() + " " + head.reason() + " from " + uri;
    }

    /** The body as the caller reads it; releases the connection at its end. */
    private final class Body extends InputStream {
        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (released && !body.isComplete()) {
                throw new IOException("the response is closed");
            }
            int n;
            try {
                n = body.read(b, off, len);
            } catch (HttpException e) {
                release(false);
                throw new ProtocolException("a malformed response body from " + uri + ": " + e.getMessage());
            } catch (IOException e) {
                release(false);
                throw e;
            }
            if (body.isComplete()) {
                release(true);
            }
            return n;
        }

        @Override
        public int available() throws IOException {
            return released ? 0 : body.available();
        }

        @Override
        public void close() {
            PooledResponse.this.close();
        }
    }
}
