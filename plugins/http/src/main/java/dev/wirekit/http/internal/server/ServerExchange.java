package dev.wirekit.http.internal.server;

import dev.wirekit.http.Headers;
import dev.wirekit.http.HttpException;
import dev.wirekit.http.HttpStatus;
import dev.wirekit.http.internal.BodyInputStream;
import dev.wirekit.http.internal.ChunkedInputStream;
import dev.wirekit.http.internal.FixedLengthInputStream;
import dev.wirekit.http.internal.Framing;
import dev.wirekit.http.internal.RequestHead;
import dev.wirekit.http.server.Handler;
import dev.wirekit.http.server.HttpLimits;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.SocketTimeoutException;
import java.time.ZonedDateTime;
import java.util.List;

/**
 * One request and its response: checks what the parser cannot (framing, Host, Expect), routes,
 * runs the handler, turns failures into the right status, completes the response, writes the access
 * log line, and says whether the connection can carry another request.
 */
final class ServerExchange {
    /** What the connection does next. */
    enum Outcome {
        KEEP_ALIVE,
        CLOSE,
        /** An error response was sent: close after letting the client read it. */
        LINGER
    }

    private static final long DRAIN_LIMIT = 256 * 1024;

    final ServerConnection conn;
    final RequestHead head;
    final boolean isHead;
    boolean keepAlive;
    boolean takenOver;
    /** Set when reading the request or writing the response failed: the client is at fault or gone. */
    IOException connectionFailure;

    HttpException bodyFailure;
    private ServerRequest request;
    private ServerResponse response;
    /** The target and route already worked out (by the event loop's fast path), or null. */
    private final RequestTarget knownTarget;

    private final Router.Found knownRoute;

    ServerExchange(ServerConnection conn, RequestHead head, boolean last) {
        this(conn, head, last, null, null);
    }

    ServerExchange(ServerConnection conn, RequestHead head, boolean last, RequestTarget target, Router.Found route) {
        this.conn = conn;
        this.head = head;
        this.isHead = head.method().equals("HEAD");
        this.keepAlive = !last && wantsKeepAlive(head);
        this.knownTarget = target;
        this.knownRoute = route;
    }

    static boolean wantsKeepAlive(RequestHead head) {
        Headers h = head.headers();
        if (head.minorVersion() == 0) {
            return h.containsToken("Connection", "keep-alive") && !h.containsToken("Connection", "close");
        }
        return !h.containsToken("Connection", "close");
    }

    /** What is wrong with the request's Host fields (RFC 9112 section 3.2), or null. */
    static String hostProblem(RequestHead head) {
        Headers h = head.headers();
        int hosts = h.count("Host");
        if (hosts > 1) {
            return "more than one Host field";
        }
        if (hosts == 0 && head.minorVersion() == 1) {
            return "an HTTP/1.1 request without a Host field";
        }
        if (hosts == 1 && !h.get("Host").isEmpty() && !HostSyntax.isValidAuthority(h.get("Host"), false)) {
            return "an invalid Host field";
        }
        return null;
    }

    int minorVersion() {
        return head.minorVersion();
    }

    ServerRequest request() {
        return request;
    }

    Outcome run() {
        ZonedDateTime started = conn.config.accessLog().enabled() ? ZonedDateTime.now(conn.config.clock()) : null;
        response = new ServerResponse(this);
        try {
            request = prepare();
        } catch (HttpException e) {
            keepAlive = false;
            report(e.status(), e.getMessage(), null);
            sendError(e.status(), e.getMessage());
            accessLog(started);
            return Outcome.LINGER;
        }
        Outcome outcome = serve();
        accessLog(started);
        return outcome;
    }

    private ServerRequest prepare() {
        Headers h = head.headers();
        String hostProblem = hostProblem(head);
        if (hostProblem != null) {
            throw new HttpException(400, hostProblem);
        }
        RequestTarget target = knownTarget != null ? knownTarget : RequestTarget.parse(head.method(), head.target());
        long length = Framing.ofRequest(head);
        HttpLimits limits = conn.config.limits();
        if (length > limits.maxBodyBytes()) {
            throw new HttpException(413, "a body of " + length + " bytes; the limit is " + limits.maxBodyBytes());
        }
        BodyInputStream body;
        if (length == Framing.CHUNKED) {
            body = new ChunkedInputStream(conn.input, limits.maxBodyBytes(), limits.maxHeaderBytes(), 400);
        } else if (length > 0) {
            body = new FixedLengthInputStream(conn.input, length);
        } else {
            body = BodyInputStream.empty();
        }
        String expect = h.get("Expect");
        if (expect != null && head.minorVersion() == 1 && length != 0) {
            if (!expect.equalsIgnoreCase("100-continue")) {
                throw new HttpException(417, "the only expectation supported is 100-continue");
            }
            body.beforeFirstRead(response::sendContinue);
        }
        return new ServerRequest(this, target, body, length);
    }

    private Outcome serve() {
        try {
            dispatch();
            response.complete();
        } catch (HttpException e) {
            return failed(e.status(), e.getMessage(), null);
        } catch (SocketTimeoutException e) {
            return failed(408, "the request body did not arrive within " + conn.input.readTimeout(), null);
        } catch (IOException e) {
            if (connectionFailure != null || !conn.connection.isOpen()) {
                report(0, "the connection failed: " + e.getMessage(), null);
                conn.connection.abort();
                return Outcome.CLOSE;
            }
            return failed(500, "the handler failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            report(0, "interrupted: the server is closing", null);
            conn.connection.abort();
            return Outcome.CLOSE;
        } catch (Exception e) {
            if (connectionFailure instanceof SocketTimeoutException) {
                return failed(408, "the request body did not arrive within " + conn.input.readTimeout(), null);
            }
            if (bodyFailure != null) {
                return failed(bodyFailure.status(), bodyFailure.getMessage(), null);
            }
            return failed(500, "the handler failed: " + e, e);
        }
        if (takenOver) {
            return Outcome.CLOSE;
        }
        if (!keepAlive || !drainBody()) {
            return Outcome.CLOSE;
        }
        return Outcome.KEEP_ALIVE;
    }

    private boolean drainBody() {
        try {
            return request.bodyStream().drain(DRAIN_LIMIT);
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** Routes the request to its handler, or answers it when no handler applies. */
    private void dispatch() throws Exception {
        String method = head.method();
        ServerConfig config = conn.config;
        if (knownRoute != null) {
            request.pathParams(knownRoute.params());
            knownRoute.handler().handle(request, response);
            return;
        }
        Handler fallback = config.fallback();
        if (request.parsedTarget().authority() != null
                && request.parsedTarget().rawPath().isEmpty()) {
            if (fallback == null) {
                throw new HttpException(501, "this server does not open tunnels");
            }
            fallback.handle(request, response);
            return;
        }
        if (request.parsedTarget().rawPath().equals("*")) {
            response.status(204).header("Allow", "GET, HEAD, OPTIONS").send();
            return;
        }
        List<String> segments = PathCodec.rawSegments(request.rawPath());
        segments.replaceAll(PathCodec::decode);
        switch (config.router().find(method, segments)) {
            case Router.Found found -> {
                request.pathParams(found.params());
                found.handler().handle(request, response);
            }
            case Router.WrongMethod wrong -> {
                String allow = String.join(", ", wrong.allowed());
                if (method.equals("OPTIONS")) {
                    response.status(204).header("Allow", allow).send();
                } else if (!Router.KNOWN_METHODS.contains(method)
                        && !config.router().routesMethod(method)) {
                    throw new HttpException(501, "the method is not implemented");
                } else {
                    response.header("Allow", allow);
                    throw new HttpException(405, "the resource allows " + allow);
                }
            }
            case Router.NotFound notFound -> {
                if (fallback != null) {
                    fallback.handle(request, response);
                } else if (!Router.KNOWN_METHODS.contains(method)) {
                    throw new HttpException(501, "the method is not implemented");
                } else {
                    throw new HttpException(404, "nothing here");
                }
            }
        }
    }

    /** Answers a failure: an error response when nothing was sent yet, else an abort. */
    private Outcome failed(int status, String message, Throwable bug) {
        report(status, message, bug);
        if (response.isCommitted()
                || takenOver
                || connectionFailure != null && !(connectionFailure instanceof SocketTimeoutException)) {
            conn.connection.abort();
            return Outcome.CLOSE;
        }
        BodyInputStream body = request.bodyStream();
        boolean bodyDrainable = bodyFailure == null
                && connectionFailure == null
                && (body.isComplete()
                        || !body.firstReadPending() && body.remaining() >= 0 && body.remaining() <= DRAIN_LIMIT);
        if (!bodyDrainable) {
            keepAlive = false;
        }
        sendError(status, message);
        if (!keepAlive) {
            return Outcome.LINGER;
        }
        return drainBody() ? Outcome.KEEP_ALIVE : Outcome.CLOSE;
    }

    private void sendError(int status, String message) {
        try {
            response.sendError(status, message);
        } catch (IOException | RuntimeException e) {
            log().log(Level.DEBUG, () -> "could not send the error response: " + e);
        }
    }

    /** One log line for a request that failed. */
    private void report(int status, String message, Throwable bug) {
        String who = conn.connection.remoteAddress() + " \"" + safeLine() + "\"";
        if (bug != null) {
            log().log(Level.ERROR, status + " " + HttpStatus.reason(status) + " for " + who + ": " + message, bug);
        } else if (status == 0) {
            log().log(Level.INFO, "request from " + who + " abandoned: " + message);
        } else {
            log().log(Level.INFO, status + " " + HttpStatus.reason(status) + " for " + who + ": " + message);
        }
    }

    private String safeLine() {
        String line = head.requestLine();
        return line.length() > 200 ? line.substring(0, 200) + "..." : line;
    }

    private void accessLog(ZonedDateTime started) {
        if (started == null) {
            return;
        }
        conn.config
                .accessLog()
                .write(CommonLogFormat.line(
                        conn.connection.remoteAddress(),
                        started,
                        head.requestLine(),
                        response.status(),
                        response.bodyBytes()));
    }

    /** Answers a head the parser refused; the connection then closes. */
    static void rejectHead(ServerConnection conn, HttpException e) {
        boolean log = conn.config.accessLog().enabled();
        log().log(
                        Level.INFO,
                        e.status() + " " + HttpStatus.reason(e.status()) + " for " + conn.connection.remoteAddress()
                                + ": " + e.getMessage());
        try {
            ServerResponse.writeError(conn, e.status(), e.getMessage());
        } catch (IOException io) {
            log().log(Level.DEBUG, () -> "could not send the error response: " + io);
        }
        conn.config
                .accessLog()
                .write(CommonLogFormat.line(
                        conn.connection.remoteAddress(), ZonedDateTime.now(conn.config.clock()), null, e.status(), 0));
    }

    private static System.Logger log() {
        return ServerConnection.LOG;
    }
}
