package dev.wirekit.http.server;

import dev.wirekit.api.ConnectionHandler;
import dev.wirekit.api.Server;
import dev.wirekit.api.Transport;
import dev.wirekit.api.TransportOptions;
import dev.wirekit.http.internal.server.HttpConnectionHandler;
import dev.wirekit.http.internal.server.InlineHandler;
import dev.wirekit.http.internal.server.Router;
import dev.wirekit.http.internal.server.ServerConfig;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.Objects;

/**
 * An HTTP/1.1 server: routes by method and path, static files, keep-alive and pipelining, strict
 * parsing with limits and timeouts, and an access log. It runs on any Wirekit transport, with or
 * without TLS: each connection gets a virtual thread, so handlers may block.
 *
 * <pre>{@code
 * HttpServer http = HttpServer.builder()
 *         .get("/hello/{name}", (req, res) -> res.send("hello " + req.pathParam("name") + "\n"))
 *         .post("/echo", (req, res) -> res.send(req.bodyBytes()))
 *         .staticFiles("/", StaticFiles.of(Path.of("www")))
 *         .accessLog(AccessLog.toFile(Path.of("access.log")))
 *         .build();
 * try (Transport transport = Transport.load();
 *      Server server = http.start(transport, new InetSocketAddress("127.0.0.1", 8080),
 *              TransportOptions.defaults())) {
 *     server.awaitClose();
 * }
 * }</pre>
 *
 * <h2>Routing</h2>
 * A pattern is a path whose segments are literals, parameters ({@code {id}}), or, last, {@code *}
 * for the rest of the path. Routes whose patterns end without {@code *} are tried first, in the
 * order they were added: the first whose method and pattern match handles the request. Only when
 * no such pattern matches the path are the {@code *} patterns tried, the same way; so {@code
 * /users/{id}} wins over {@code /*} (static files, say) whatever the order. {@code HEAD} is served by a {@code GET} route when
 * there is no {@code HEAD} route. When a path matches only routes of other methods the answer is
 * {@code 405} with {@code Allow}; {@code OPTIONS} is answered with {@code 204} and {@code Allow};
 * a method the server does not know at all gets {@code 501}; nothing matching gets the {@link
 * Builder#fallback fallback} handler, which answers {@code 404} by default.
 *
 * <h2>Errors</h2>
 * A request the server cannot accept is answered with the status that names the problem (400,
 * 408, 413, 414, 431, 501, 505), one log line on the {@code dev.wirekit.http} logger, and the
 * connection is closed; every other connection carries on.
 */
public final class HttpServer {
    private final ServerConfig config;

    private HttpServer(Builder b) {
        config = new ServerConfig(b.router.freeze(), b.fallback, b.limits, b.accessLog, b.clock, b.serverHeader);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The limits this server applies. */
    public HttpLimits limits() {
        return config.limits();
    }

    /**
     * What serves one connection, to pass to {@link Transport#listen(InetSocketAddress,
     * ConnectionHandler, TransportOptions)} yourself.
     */
    public ConnectionHandler connectionHandler() {
        return new HttpConnectionHandler(config);
    }

    /**
     * Listens on {@code address}. Closing the returned server closes its connections (in-flight
     * responses are written for at most the drain timeout) and the access log.
     *
     * @param options socket options, limits and layers; a TLS layer makes it an HTTPS server
     */
    public Server start(Transport transport, InetSocketAddress address, TransportOptions options) throws IOException {
        Server server = transport.listen(address, connectionHandler(), options);
        return server.alsoClosing(config.accessLog(), "http");
    }

    /** {@link #start(Transport, InetSocketAddress, TransportOptions)} with default options. */
    public Server start(Transport transport, InetSocketAddress address) throws IOException {
        return start(transport, address, TransportOptions.defaults());
    }

    /** Builds an {@link HttpServer}. */
    public static final class Builder {
        private final Router router = new Router();
        private Handler fallback;
        private HttpLimits limits = HttpLimits.defaults();
        private AccessLog accessLog = AccessLog.none();
        private Clock clock = Clock.systemDefaultZone();
        private String serverHeader = "wirekit";

        private Builder() {}

        /**
         * Adds a route: requests with {@code method} whose path matches {@code pattern} go to
         * {@code handler}. {@code method} {@code "*"} matches every method.
         *
         * @throws IllegalArgumentException when the pattern is malformed
         */
        public Builder route(String method, String pattern, Handler handler) {
            router.add(method, pattern, Objects.requireNonNull(handler, "handler"));
            return this;
        }

        public Builder get(String pattern, Handler handler) {
            return route("GET", pattern, handler);
        }

        public Builder post(String pattern, Handler handler) {
            return route("POST", pattern, handler);
        }

        public Builder put(String pattern, Handler handler) {
            return route("PUT", pattern, handler);
        }

        public Builder delete(String pattern, Handler handler) {
            return route("DELETE", pattern, handler);
        }

        /**
         * Serves {@code files} below {@code prefix} ({@code "/"} for the whole server): a request for
         * {@code prefix/a/b.txt} gets the file {@code a/b.txt} under the root. Every method reaches
         * the files, which answer those other than GET, HEAD and OPTIONS with 405.
         */
        public Builder staticFiles(String prefix, StaticFiles files) {
            Objects.requireNonNull(files, "files");
            String p = prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
            if (!p.isEmpty() && !p.matches("(/[A-Za-z0-9._~!$&'()+,;=:@-]+)+")) {
                throw new IllegalArgumentException("a static file prefix must be a plain path like /static: " + prefix);
            }
            int cut = p.length();
            router.add("*", p + "/*", new InlineHandler() {
                @Override
                public void handle(Request req, Response res) throws IOException {
                    files.serve(req, res, req.rawPath().substring(cut));
                }

                @Override
                public Handler inlineAnswer(String rawPath) {
                    return files.fromMemory(rawPath.substring(cut));
                }
            });
            if (!p.isEmpty()) {
                router.add("*", p, (req, res) -> files.serve(req, res, ""));
            }
            return this;
        }

        /** Handles requests no route matches; by default they get {@code 404}. */
        public Builder fallback(Handler handler) {
            fallback = handler;
            return this;
        }

        public Builder limits(HttpLimits value) {
            limits = Objects.requireNonNull(value, "limits");
            return this;
        }

        /** Where one line per request goes; none by default. */
        public Builder accessLog(AccessLog value) {
            accessLog = Objects.requireNonNull(value, "accessLog");
            return this;
        }

        /** The clock for {@code Date} fields, the access log and time limits; the system's by default. */
        public Builder clock(Clock value) {
            clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /** The {@code Server} field's value ({@code wirekit}); null sends none. */
        public Builder serverHeader(String value) {
            serverHeader = value;
            return this;
        }

        public HttpServer build() {
            return new HttpServer(this);
        }
    }
}
