package dev.wirekit.http.internal.client;

import dev.wirekit.http.Headers;
import dev.wirekit.http.HttpException;
import dev.wirekit.http.client.ClientRequest;
import dev.wirekit.http.internal.BodyInputStream;
import dev.wirekit.http.internal.ChunkedInputStream;
import dev.wirekit.http.internal.ChunkedOutputStream;
import dev.wirekit.http.internal.FixedLengthInputStream;
import dev.wirekit.http.internal.FixedLengthOutputStream;
import dev.wirekit.http.internal.Framing;
import dev.wirekit.http.internal.HeadLimits;
import dev.wirekit.http.internal.HeadWriter;
import dev.wirekit.http.internal.ResponseHead;
import dev.wirekit.http.internal.ResponseParser;
import dev.wirekit.http.internal.UntilCloseInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ProtocolException;
import java.net.URI;

/** One request written to a pooled connection and its response head read back. */
final class ClientExchange {
    /** Thrown when a pooled connection failed before any response byte came: safe to retry. */
    static final class StaleConnectionException extends IOException {
        private static final long serialVersionUID = 1L;

        StaleConnectionException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final ClientConfig config;
    private final ConnectionPool pool;

    ClientExchange(ClientConfig config, ConnectionPool pool) {
        this.config = config;
        this.pool = pool;
    }

    /** Sends {@code request} on a connection from the pool; returns the response with its head read. */
    PooledResponse exchange(ClientRequest request, URI uri, boolean fresh) throws IOException {
        Origin origin = Origin.of(uri);
        PooledConnection pc = pool.acquire(origin, fresh);
        boolean reused = pc.uses > 0;
        pc.uses++;
        boolean sent = false;
        try {
            IOException writeFailure = null;
            try {
                writeRequest(pc, request, uri);
            } catch (IOException e) {
                writeFailure = e; // the server may have answered early (413) and stopped reading
            }
            sent = writeFailure == null;
            ResponseHead head;
            try {
                head = readHead(pc, request.method());
            } catch (IOException e) {
                if (writeFailure != null) {
                    e.addSuppressed(writeFailure);
                }
                throw e;
            }
            if (head == null) {
                IOException e = new IOException("the server closed the connection without a response");
                if (writeFailure != null) {
                    e.addSuppressed(writeFailure);
                }
                throw reused ? new StaleConnectionException(e.getMessage(), e) : e;
            }
            return response(pc, request, uri, head, sent);
        } catch (StaleConnectionException e) {
            pool.discard(pc);
            throw e;
        } catch (HttpException e) {
            pool.discard(pc);
            throw new ProtocolException(origin + " sent a malformed response: " + e.getMessage());
        } catch (IOException | RuntimeException e) {
            pool.discard(pc);
            throw e;
        }
    }

    private void writeRequest(PooledConnection pc, ClientRequest request, URI uri) throws IOException {
        Headers h = request.headers();
        h.setIfAbsent("Host", pc.origin.hostField());
        if (config.userAgent() != null) {
            h.setIfAbsent("User-Agent", config.userAgent());
        }
        h.remove("Content-Length");
        h.remove("Transfer-Encoding");
        long length = request.bodyLength();
        if (request.hasBody()) {
            if (length >= 0) {
                h.add("Content-Length", Long.toString(length));
            } else {
                h.add("Transfer-Encoding", "chunked");
            }
        } else if (request.method().equals("POST") || request.method().equals("PUT")) {
            h.add("Content-Length", "0");
        }
        String target = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        if (uri.getRawQuery() != null) {
            target += "?" + uri.getRawQuery();
        }
        HeadWriter.request(pc.output, request.method(), target, h);
        if (request.hasBody()) {
            OutputStream body =
                    length >= 0 ? new FixedLengthOutputStream(pc.output, length) : new ChunkedOutputStream(pc.output);
            InputStream in = request.openBody();
            in.transferTo(body);
            body.close();
        }
        pc.output.flush();
    }

    private ResponseHead readHead(PooledConnection pc, String method) throws IOException {
        HeadLimits limits = new HeadLimits(8192, config.maxResponseHeaderBytes(), 256, ResponseParser.BAD_RESPONSE);
        while (true) {
            ResponseHead head;
            try {
                head = pc.input.readHead(limits, config.readTimeout(), config.readTimeout(), ResponseParser::parse);
            } catch (HttpException e) {
                if (e.status() == 408) {
                    throw new java.net.SocketTimeoutException(
                            "the response head did not arrive within " + config.readTimeout());
                }
                throw e;
            }
            if (head == null || head.status() >= 200 || head.status() == 101) {
                return head;
            }
            // an interim 1xx response: the final one follows
        }
    }

    private PooledResponse response(
            PooledConnection pc, ClientRequest request, URI uri, ResponseHead head, boolean sent) {
        long length = Framing.ofResponse(request.method(), head);
        BodyInputStream body;
        if (length == Framing.CHUNKED) {
            body = new ChunkedInputStream(pc.input, Long.MAX_VALUE, 64 * 1024, ResponseParser.BAD_RESPONSE);
        } else if (length == Framing.UNTIL_CLOSE) {
            body = new UntilCloseInputStream(pc.input);
        } else if (length > 0) {
            body = new FixedLengthInputStream(pc.input, length);
        } else {
            body = BodyInputStream.empty();
        }
        Headers h = head.headers();
        boolean reusable = sent
                && length != Framing.UNTIL_CLOSE
                && head.status() != 101
                && !h.containsToken("Connection", "close")
                && (head.minorVersion() == 1 || h.containsToken("Connection", "keep-alive"))
                && !(h.contains("Transfer-Encoding") && h.contains("Content-Length"));
        if (length == Framing.CHUNKED) {
            h.remove("Content-Length");
        }
        return new PooledResponse(pool, pc, head, body, uri, reusable);
    }
}
