package dev.wirekit.http.internal.server;

import dev.wirekit.api.Connection;
import dev.wirekit.http.HttpException;
import dev.wirekit.http.internal.ByteSink;
import dev.wirekit.http.internal.HttpInput;
import dev.wirekit.http.internal.OutputBuffer;
import dev.wirekit.http.internal.RequestHead;
import dev.wirekit.http.internal.RequestParser;
import dev.wirekit.http.server.HttpLimits;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;

/**
 * One client connection: reads requests one after another (keep-alive, pipelining), has each
 * answered by a {@link ServerExchange}, and ends the connection when either side asks, a limit is
 * reached, or a request cannot be accepted.
 */
final class ServerConnection {
    static final System.Logger LOG = System.getLogger("dev.wirekit.http");
    private static final int INPUT_BUFFER = 8 * 1024;
    private static final int OUTPUT_BUFFER = 16 * 1024;
    private static final Duration LINGER = Duration.ofSeconds(1);
    private static final int LINGER_BYTES = 256 * 1024;

    final ServerConfig config;
    final DateCache dates;
    final Connection connection;
    final HttpInput input;
    final OutputBuffer output;

    ServerConnection(ServerConfig config, DateCache dates, Connection connection) {
        this.config = config;
        this.dates = dates;
        this.connection = connection;
        HttpLimits limits = config.limits();
        this.input = new HttpInput(connection::read, INPUT_BUFFER, limits.readTimeout());
        this.output = new OutputBuffer(ByteSink.of(connection), OUTPUT_BUFFER);
    }

    void run() {
        HttpLimits limits = config.limits();
        int served = 0;
        try {
            while (true) {
                RequestHead head;
                try {
                    Duration wait = served == 0 ? limits.headerTimeout() : limits.idleTimeout();
                    head = input.readHead(config.headLimits(), wait, limits.headerTimeout(), RequestParser::parse);
                } catch (HttpException e) {
                    ServerExchange.rejectHead(this, e);
                    lingerAndClose();
                    return;
                } catch (SocketTimeoutException e) {
                    return; // idle: close quietly
                }
                if (head == null) {
                    return;
                }
                served++;
                ServerExchange exchange = new ServerExchange(this, head, served >= limits.maxRequestsPerConnection());
                ServerExchange.Outcome outcome = exchange.run();
                if (outcome == ServerExchange.Outcome.LINGER) {
                    lingerAndClose();
                    return;
                }
                if (outcome != ServerExchange.Outcome.KEEP_ALIVE) {
                    return;
                }
                if (!input.hasCompleteHead()) {
                    output.flush();
                }
            }
        } catch (IOException e) {
            LOG.log(Level.DEBUG, () -> "connection from " + connection.remoteAddress() + " ended: " + e);
        } finally {
            try {
                output.flush();
            } catch (IOException e) {
                // the peer is gone; nothing left to tell it
            }
        }
    }

    /**
     * After an error response: ends our side, then reads and discards what the client still sends
     * for a moment, so that closing does not reset the connection before the client has read the
     * response.
     */
    void lingerAndClose() {
        try {
            output.flush();
            connection.shutdownOutput();
            ByteBuffer scratch = ByteBuffer.allocate(8192);
            long deadline = System.nanoTime() + LINGER.toNanos();
            int total = 0;
            while (total < LINGER_BYTES) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                scratch.clear();
                int n = connection.read(scratch, Duration.ofNanos(left));
                if (n < 0) {
                    break;
                }
                total += n;
            }
        } catch (IOException e) {
            // timed out or reset: either way we are done
        }
    }
}
