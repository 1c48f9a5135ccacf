package dev.wirekit.http.internal.client;

import dev.wirekit.api.Connection;
import dev.wirekit.http.internal.ByteSink;
import dev.wirekit.http.internal.HttpInput;
import dev.wirekit.http.internal.OutputBuffer;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;

/** One connection to an origin with its buffers, lent out by the {@link ConnectionPool}. */
final class PooledConnection {
    final Origin origin;
    final Connection connection;
    final HttpInput input;
    final OutputBuffer output;
    /** Requests sent on it so far; more than 0 means it came from the pool. */
    int uses;
    /** When it went back to the pool, in the pool's clock millis. */
    long idleSince;

    PooledConnection(Origin origin, Connection connection, Duration readTimeout) {
        this.origin = origin;
        this.connection = connection;
        this.input = new HttpInput(connection::read, 8 * 1024, readTimeout);
        this.output = new OutputBuffer(ByteSink.of(connection), 16 * 1024);
    }

    /**
     * Whether an idle connection can no longer carry a request: closed, ended by the server, or
     * holding bytes nobody asked for.
     */
    boolean isStale() {
        if (!connection.isOpen() || input.buffered() > 0) {
            return true;
        }
        try {
            return connection.read(ByteBuffer.allocate(1), Duration.ofNanos(1)) != 0;
        } catch (SocketTimeoutException e) {
            return false; // nothing to read: alive
        } catch (IOException e) {
            return true;
        }
    }

    void close() {
        connection.close();
    }

    void abort() {
        connection.abort();
    }
}
