package dev.wirekit.http.internal.server;

import dev.wirekit.http.HttpException;
import dev.wirekit.http.internal.BodyInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * The body stream a handler sees: records a failure of the client's side (an early end, a timeout,
 * malformed framing, an oversized body) in the exchange, so that the failure is answered as the
 * client's fault even if the handler wraps the exception.
 */
final class RequestBody extends InputStream {
    private final ServerExchange exchange;
    private final BodyInputStream body;

    RequestBody(ServerExchange exchange, BodyInputStream body) {
        this.exchange = exchange;
        this.body = body;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        try {
            return body.read(b, off, len);
        } catch (IOException e) {
            exchange.connectionFailure = e;
            throw e;
        } catch (HttpException e) {
            exchange.bodyFailure = e;
            throw e;
        }
    }

    @Override
    public int available() throws IOException {
        return body.available();
    }

    @Override
    public void close() {
        body.close();
    }
}
