package dev.wirekit.http.testing;

import dev.wirekit.api.Server;
import dev.wirekit.api.Transport;
import dev.wirekit.api.TransportOptions;
import dev.wirekit.http.HttpException;
import dev.wirekit.http.Parameters;
import dev.wirekit.http.server.AccessLog;
import dev.wirekit.http.server.HttpLimits;
import dev.wirekit.http.server.HttpServer;
import dev.wirekit.http.server.StaticFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;

/**
 * A running Wirekit HTTP server with the demo routes below in front of a {@link TestSite}, on a
 * named transport, bound to a free loopback port; closes everything it started.
 *
 * <pre>
 * GET    /hello/{name}   "hello NAME\n"
 * GET    /query          the query parameters, sorted: "a=[1, 2]\n..."
 * POST   /form           the form fields, sorted
 * POST   /echo           the body back, with X-Body-Length and X-Framing
 * POST   /items          201 with a Location
 * DELETE /items/{id}     204
 * GET    /stream         a chunked body of five lines
 * GET    /fail           a handler bug: 500
 * GET    /refuse         the handler throws HttpException(403)
 * POST   /upload         the multipart parts: "name filename type size [text]" per line
 * GET    /moved          308 to /hello/moved
 * *      /*              the static files (no listing unless asked)
 * </pre>
 */
public final class ServerFixture implements AutoCloseable {
    public final Transport transport;
    public final Server server;
    public final ConcurrentLinkedQueue<String> accessLog;

    private ServerFixture(Transport transport, Server server, ConcurrentLinkedQueue<String> accessLog) {
        this.transport = transport;
        this.server = server;
        this.accessLog = accessLog;
    }

    public static ServerFixture start(String transportName, TestSite site) throws IOException {
        return start(transportName, site, HttpLimits.defaults(), b -> {});
    }

    public static ServerFixture start(
            String transportName, TestSite site, HttpLimits limits, Consumer<StaticFiles.Builder> files)
            throws IOException {
        Transport transport = Transport.load(transportName);
        ConcurrentLinkedQueue<String> log = new ConcurrentLinkedQueue<>();
        StaticFiles.Builder filesBuilder = StaticFiles.builder(site.root());
        files.accept(filesBuilder);
        HttpServer http = demoRoutes(HttpServer.builder())
                .staticFiles("/", filesBuilder.build())
                .limits(limits)
                .accessLog(AccessLog.to(log::add))
                .build();
        try {
            Server server = http.start(transport, new InetSocketAddress("127.0.0.1", 0), TransportOptions.defaults());
            return new ServerFixture(transport, server, log);
        } catch (IOException | RuntimeException e) {
            transport.close();
            throw e;
        }
    }

    /** Adds the demo routes to {@code b}. */
    public static HttpServer.Builder demoRoutes(HttpServer.Builder b) {
        return b.get("/hello/{name}", (req, res) -> res.send("hello " + req.pathParam("name") + "\n"))
                .get("/query", (req, res) -> res.send(sorted(req.query())))
                .post("/form", (req, res) -> res.send(sorted(req.form())))
                .post("/echo", (req, res) -> {
                    byte[] body = req.bodyBytes();
                    res.header("X-Body-Length", Integer.toString(body.length))
                            .header("X-Framing", req.contentLength() < 0 ? "chunked" : "length")
                            .contentType("application/octet-stream")
                            .send(body);
                })
                .post(
                        "/items",
                        (req, res) ->
                                res.status(201).header("Location", "/items/42").send("created\n"))
                .delete("/items/{id}", (req, res) -> res.status(204).send())
                .get("/stream", (req, res) -> {
                    try (OutputStream out = res.outputStream()) {
                        for (int i = 1; i <= 5; i++) {
                            out.write(("line " + i + "\n").getBytes(StandardCharsets.UTF_8));
                            out.flush();
                        }
                    }
                })
                .get("/fail", (req, res) -> {
                    throw new IllegalStateException("a deliberate handler bug");
                })
                .get("/refuse", (req, res) -> {
                    throw new HttpException(403, "refused by the handler");
                })
                .post("/upload", (req, res) -> {
                    StringBuilder sb = new StringBuilder();
                    for (dev.wirekit.http.server.FormPart part : req.parts()) {
                        sb.append(part.name())
                                .append(' ')
                                .append(part.filename())
                                .append(' ');
                        sb.append(part.contentType())
                                .append(' ')
                                .append(part.content().length)
                                .append(' ');
                        sb.append(part.isFile() ? "" : part.text()).append('\n');
                    }
                    res.send(sb.toString());
                })
                .get("/moved", (req, res) -> res.redirect(308, "/hello/moved"));
    }

    private static String sorted(Parameters p) {
        Map<String, List<String>> m = new TreeMap<>(p.asMap());
        StringBuilder sb = new StringBuilder();
        m.forEach((k, v) -> sb.append(k).append('=').append(new ArrayList<>(v)).append('\n'));
        return sb.toString();
    }

    public InetSocketAddress address() {
        return server.localAddress();
    }

    public String url(String path) {
        return "http://127.0.0.1:" + address().getPort() + path;
    }

    @Override
    public void close() {
        try {
            server.close();
        } finally {
            transport.close();
        }
    }

    /** Reads all of {@code in} as UTF-8. */
    public static String text(InputStream in) throws IOException {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
}
