package dev.wirekit.http.internal.server;

import dev.wirekit.api.Connection;
import dev.wirekit.http.HttpException;
import dev.wirekit.http.internal.ByteSink;
import dev.wirekit.http.internal.Framing;
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
    /** The inline source has no more bytes: the head is not complete in the chunk offered. */
    private static final IOException INCOMPLETE = new IOException("the head is not complete in the bytes offered");

    private static final int INPUT_BUFFER = 8 * 1024;
    private static final int OUTPUT_BUFFER = 16 * 1024;
    private static final Duration LINGER = Duration.ofSeconds(1);
    private static final int LINGER_BYTES = 256 * 1024;

    final ServerConfig config;
    final DateCache dates;
    final Connection connection;
    final HttpInput input;
    final OutputBuffer output;
    /** Requests begun on this connection, on its thread or inline. */
    private int served;
    /** Parses a request offered on the event loop, from {@link #offered}. */
    private final HttpInput inlineInput;

    private ByteBuffer offered;

    ServerConnection(ServerConfig config, DateCache dates, Connection connection) {
        this.config = config;
        this.dates = dates;
        this.connection = connection;
        HttpLimits limits = config.limits();
        this.input = new HttpInput(connection::read, INPUT_BUFFER, limits.readTimeout());
        this.output = new OutputBuffer(ByteSink.of(connection), OUTPUT_BUFFER);
        this.inlineInput = config.accessLog().enabled() ? null : new HttpInput(this::readOffered, 1024, Duration.ZERO);
    }

    void run() {
        HttpLimits limits = config.limits();
        try {
            while (true) {
                RequestHead head;
                try {
                    Duration wait = served == 0 ? limits.headerTimeout() : limits.idleTimeout();
                    if (inlineInput != null && served > 0 && input.buffered() == 0 && output.buffered() == 0) {
                        // Between requests with nothing pending: the event loop may answer the next
                        // ones itself while this thread waits (see answerInline).
                        connection.armInline(this::answerInline);
                    }
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
     * Answers one request on the event loop when it is a whole GET or HEAD, alone in {@code data},
     * that keeps the connection open and goes to a handler that answers it without blocking (a
     * cached small static file). Anything else is declined, untouched, for {@link #run}.
     */
    private boolean answerInline(ByteBuffer data) throws IOException {
        RequestHead head;
        RequestTarget target;
        Router.Found route;
        offered = data;
        try {
            head = inlineInput.readHead(config.headLimits(), Duration.ZERO, Duration.ZERO, RequestParser::parse);
            if (head == null || inlineInput.buffered() != 0 || data.hasRemaining() || !eligible(head)) {
                return false;
            }
            target = RequestTarget.parse(head.method(), head.target());
            route = inlineRoute(head.method(), target);
            if (route == null) {
                return false;
            }
        } catch (IOException | RuntimeException e) {
            return false; // incomplete or malformed: the connection's thread reads it again and decides
        } finally {
            offered = null;
            inlineInput.clear();
        }
        served++;
        ServerExchange.Outcome outcome = new ServerExchange(this, head, false, target, route).run();
        try {
            output.flush();
        } catch (IOException e) {
            if (connection.isOpen()) {
                throw e;
            }
            // closing meanwhile (the server shuts down): what was queued before still drains
            LOG.log(Level.DEBUG, () -> "connection from " + connection.remoteAddress() + " closed while answering");
            return true;
        }
        if (outcome != ServerExchange.Outcome.KEEP_ALIVE) {
            connection.close(); // the connection's thread, waiting to read, sees the end and finishes
        }
        return true;
    }

    /** Whether the head alone allows an answer on the loop: a GET or HEAD, no body, kept alive. */
    private boolean eligible(RequestHead head) {
        String method = head.method();
        if (!method.equals("GET") && !method.equals("HEAD")) {
            return false;
        }
        dev.wirekit.http.Headers h = head.headers();
        if (h.contains("Range") || h.contains("Expect") || !ServerExchange.wantsKeepAlive(head)) {
            return false;
        }
        if (ServerExchange.hostProblem(head) != null) {
            return false; // the connection's thread answers 400 and lingers before closing
        }
        return served + 1 < config.limits().maxRequestsPerConnection() && Framing.ofRequest(head) == 0;
    }

    /** The route of an origin-form target when its handler answers it without blocking, else null. */
    private Router.Found inlineRoute(String method, RequestTarget target) {
        if (target.authority() != null) {
            return null;
        }
        java.util.List<String> segments = PathCodec.rawSegments(target.rawPath());
        segments.replaceAll(PathCodec::decode);
        if (config.router().find(method, segments) instanceof Router.Found found
                && found.handler() instanceof InlineHandler inline) {
            dev.wirekit.http.server.Handler answer = inline.inlineAnswer(target.rawPath());
            return answer == null ? null : new Router.Found(answer, found.params());
        }
        return null;
    }

    private int readOffered(ByteBuffer dst, Duration timeout) throws IOException {
        ByteBuffer src = offered;
        if (src == null || !src.hasRemaining()) {
            throw INCOMPLETE;
        }
        int n = Math.min(src.remaining(), dst.remaining());
        dst.put(dst.position(), src, src.position(), n);
        dst.position(dst.position() + n);
        src.position(src.position() + n);
        return n;
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
