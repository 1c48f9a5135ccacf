package dev.wirekit.proxy.testing;

import dev.wirekit.api.Server;
import dev.wirekit.api.Transport;
import dev.wirekit.http.HttpDate;
import dev.wirekit.http.server.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An origin server behind the proxy that counts what reaches it:
 *
 * <pre>
 * GET  /cacheable   max-age=60
 * POST /cacheable   changes it (the proxy must invalidate)
 * GET  /no-store    no-store
 * GET  /validated   ETag "v1", max-age=10; answers If-None-Match with 304
 * GET  /vary        Vary: Accept-Language; the body is the language
 * GET  /headers     the request's fields as received, one per line, names in lower case
 * GET  /hop         a response with hop-by-hop fields
 * GET  /slow        waits (for the proxy's read timeout)
 * GET  /big         600,000 bytes, max-age=60
 * </pre>
 */
public final class Origin implements AutoCloseable {
    public final Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();
    public final AtomicInteger notModified = new AtomicInteger();
    private final Server server;
    private final CountDownLatch release = new CountDownLatch(1);

    public Origin(Transport transport, java.time.Clock clock) throws IOException {
        byte[] big = new byte[600_000];
        new java.util.Random(5).nextBytes(big);
        HttpServer http = HttpServer.builder()
                .get("/cacheable", (req, res) -> {
                    count("/cacheable");
                    res.header("Cache-Control", "max-age=60")
                            .header("Date", HttpDate.format(clock.instant()))
                            .send("cacheable\n");
                })
                .post("/cacheable", (req, res) -> {
                    count("POST /cacheable");
                    res.send("posted\n");
                })
                .get("/no-store", (req, res) -> {
                    count("/no-store");
                    res.header("Cache-Control", "no-store").send("private stuff\n");
                })
                .get("/validated", (req, res) -> {
                    count("/validated");
                    res.header("ETag", "\"v1\"")
                            .header("Cache-Control", "max-age=10")
                            .header("Date", HttpDate.format(clock.instant()));
                    if ("\"v1\"".equals(req.header("If-None-Match"))) {
                        notModified.incrementAndGet();
                        res.status(304).send();
                    } else {
                        res.send("validated body\n");
                    }
                })
                .get("/vary", (req, res) -> {
                    count("/vary");
                    res.header("Vary", "Accept-Language")
                            .header("Cache-Control", "max-age=60")
                            .header("Date", HttpDate.format(clock.instant()))
                            .send("lang=" + req.header("Accept-Language") + "\n");
                })
                .get("/headers", (req, res) -> {
                    count("/headers");
                    Map<String, String> sorted = new TreeMap<>();
                    req.headers()
                            .forEach((n, v) ->
                                    sorted.merge(n.toLowerCase(java.util.Locale.ROOT), v, (a, b) -> a + ", " + b));
                    StringBuilder sb = new StringBuilder();
                    sorted.forEach((n, v) -> sb.append(n).append(": ").append(v).append('\n'));
                    res.header("Cache-Control", "no-store").send(sb.toString());
                })
                .get("/hop", (req, res) -> {
                    count("/hop");
                    res.header("Connection", "X-Hop")
                            .header("X-Hop", "1")
                            .header("X-End", "2")
                            .send("hop\n");
                })
                .get("/slow", (req, res) -> {
                    count("/slow");
                    release.await(10, TimeUnit.SECONDS);
                    res.send("late\n");
                })
                .get("/big", (req, res) -> {
                    count("/big");
                    res.header("Cache-Control", "max-age=60")
                            .header("Date", HttpDate.format(clock.instant()))
                            .send(big);
                })
                .build();
        server = http.start(transport, new InetSocketAddress("127.0.0.1", 0));
    }

    private void count(String path) {
        hits.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
    }

    public int hits(String path) {
        AtomicInteger n = hits.get(path);
        return n == null ? 0 : n.get();
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.localAddress().getPort() + path;
    }

    @Override
    public void close() {
        release.countDown();
        server.close();
    }
}
