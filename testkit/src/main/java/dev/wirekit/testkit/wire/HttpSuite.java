package dev.wirekit.testkit.wire;

import dev.wirekit.testkit.Rule;
import dev.wirekit.testkit.wire.HttpWire.Response;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * HTTP/1.1 origin servers (RFC 9110, 9112) serving static files, seen as a black box: framing,
 * persistence, strict parsing of the request, ranges and conditional requests (SPEC.md, section
 * HTTP). The suite writes raw request bytes and reads the responses with a reader of its own. It
 * needs one file the server serves ({@code path}, with content {@code body}) and one path it does
 * not ({@code missing}); the defaults match {@code testkit/setups/http/}. With {@code --tls} it
 * checks an https server the same way.
 */
public class HttpSuite extends WireSuite {
    /** What the suite must know about the served documents. */
    public static final List<Fact> FACTS = List.of(
            new Fact("path", "the path of a file the server serves (at least 5 bytes long)", "/hello.txt"),
            new Fact(
                    "body",
                    "that file's exact content; \\n, \\r, \\t and \\\\ stand for newline, CR, tab and backslash",
                    "hello, world\\n"),
            new Fact(
                    "body-file",
                    "a local copy of that file, read instead of the body fact (for binary or large files)",
                    ""),
            new Fact("missing", "a path the server has nothing at", "/no-such-file"));

    private String host() {
        return "Host: " + target().address().getHostString() + ":"
                + target().address().getPort() + "\r\n";
    }

    private String known() {
        return requireFact("path", "every HTTP rule requests a known file");
    }

    private byte[] body() {
        String file = fact("body-file");
        if (file != null) {
            try {
                return java.nio.file.Files.readAllBytes(java.nio.file.Path.of(file));
            } catch (IOException e) {
                throw new IllegalArgumentException("fact body-file: cannot read " + file + ": " + e, e);
            }
        }
        return unescape(requireFact("body", "the rules compare what is served with the file's content"))
                .getBytes(StandardCharsets.UTF_8);
    }

    private String missing() {
        return requireFact("missing", "this rule requests a path the server has nothing at");
    }

    static String unescape(String s) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                char n = s.charAt(++i);
                out.append(
                        switch (n) {
                            case 'n' -> '\n';
                            case 'r' -> '\r';
                            case 't' -> '\t';
                            case '\\' -> '\\';
                            default -> throw new IllegalArgumentException("unknown escape \\" + n + " in fact body");
                        });
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private HttpWire open() throws IOException {
        return new HttpWire(connectRaw(), target().timeout());
    }

    /** Sends {@code request} on a new connection and reads the responses to {@code methods} (GET when none). */
    private List<Response> exchange(String request, String... methods) throws IOException {
        try (HttpWire w = open()) {
            w.send(request);
            List<Response> out = new ArrayList<>();
            for (String m : methods.length == 0 ? new String[] {"GET"} : methods) {
                Response r = w.readOrNull(m);
                if (r == null) {
                    break;
                }
                out.add(r);
            }
            expect(!out.isEmpty(), "the server closed the connection without a response");
            return out;
        }
    }

    private Response get(String request) throws IOException {
        return exchange(request).get(0);
    }

    private static void expect(boolean ok, String what) {
        if (!ok) {
            throw new AssertionError(what);
        }
    }

    private static void expectStatus(Response r, int status) {
        expect(r.status() == status, "expected status " + status + " but got " + r.status() + " " + r.reason());
    }

    @Test
    public void required_HTTP1_getGivesTheExactBytes() {
        String known = known();
        byte[] body = body();
        Rule.verify(
                "HTTP-1",
                "GET of a resource gives 200 with exactly its bytes and Content-Length (RFC 9110 9.3.1, RFC 9112 6.3)",
                "the status line and message framing; the facts path and body must name a file and its content",
                () -> {
                    Response r = get("GET " + known + " HTTP/1.1\r\n" + host() + "Connection: close\r\n\r\n");
                    expectStatus(r, 200);
                    expect(Arrays.equals(r.body(), body), "the body differs from the resource");
                    expect(
                            String.valueOf(body.length).equals(r.header("Content-Length")),
                            "Content-Length " + r.header("Content-Length") + ", not " + body.length);
                });
    }

    @Test
    public void required_HTTP2_headGivesNoBody() {
        String known = known();
        byte[] body = body();
        Rule.verify(
                "HTTP-2",
                "HEAD gives GET's status and Content-Length and no body (RFC 9110 9.3.2)",
                "suppress the body for HEAD but keep the header fields, so the next response is framed right",
                () -> {
                    List<Response> rs = exchange(
                            "HEAD " + known + " HTTP/1.1\r\n" + host() + "\r\nGET " + known + " HTTP/1.1\r\n" + host()
                                    + "Connection: close\r\n\r\n",
                            "HEAD",
                            "GET");
                    expect(rs.size() == 2, "expected two responses, got " + rs.size());
                    expectStatus(rs.get(0), 200);
                    expect(
                            String.valueOf(body.length).equals(rs.get(0).header("Content-Length")),
                            "HEAD Content-Length " + rs.get(0).header("Content-Length"));
                    expect(Arrays.equals(rs.get(1).body(), body), "the GET after HEAD was misframed");
                });
    }

    @Test
    public void required_HTTP3_missingResourceGives404() {
        String missing = missing();
        Rule.verify(
                "HTTP-3",
                "a missing resource gives 404 (RFC 9110 15.5.5)",
                "path mapping",
                () -> expectStatus(
                        get("GET " + missing + " HTTP/1.1\r\n" + host() + "Connection: close\r\n\r\n"), 404));
    }

    @Test
    public void required_HTTP4_originSendsDate() {
        String known = known();
        Rule.verify(
                "HTTP-4",
                "an origin server with a clock sends Date in IMF-fixdate form (RFC 9110 6.6.1)",
                "the Date field, in GMT",
                () -> {
                    Response r = get("GET " + known + " HTTP/1.1\r\n" + host() + "Connection: close\r\n\r\n");
                    expect(r.header("Date") != null && r.header("Date").endsWith(" GMT"), "Date: " + r.header("Date"));
                });
    }

    @Test
    public void required_HTTP5_connectionsPersistByDefault() {
        String known = known();
        byte[] body = body();
        Rule.verify(
                "HTTP-5",
                "HTTP/1.1 connections persist by default (RFC 9112 9.3)",
                "keep-alive handling: without Connection: close, keep reading the connection",
                () -> {
                    try (HttpWire w = open()) {
                        w.send("GET " + known + " HTTP/1.1\r\n" + host() + "\r\n");
                        expectStatus(w.read("GET"), 200);
                        w.send("GET " + known + " HTTP/1.1\r\n" + host() + "Connection: close\r\n\r\n");
                        Response second = w.read("GET");
                        expectStatus(second, 200);
                        expect(Arrays.equals(second.body(), body), "the second response's body differs");
                    }
                });
    }

    @Test
    public void required_HTTP6_pipelinedRequestsAnsweredInOrder() {
        String known = known();
        String missing = missing();
        Rule.verify(
                "HTTP-6",
                "pipelined requests are answered in order (RFC 9112 9.3.2)",
                "request queueing: read the next request only after answering the previous, or queue the answers",
                () -> {
                    List<Response> rs = exchange(
                            "GET " + known + " HTTP/1.1\r\n" + host() + "\r\nGET " + missing + " HTTP/1.1\r\n" + host()
                                    + "\r\nGET " + known + " HTTP/1.1\r\n" + host() + "Connection: close\r\n\r\n",
                            "GET",
                            "GET",
                            "GET");
                    expect(rs.size() == 3, "expected three responses, got " + rs.size());
                    expectStatus(rs.get(0), 200);
                    expectStatus(rs.get(1), 404);
                    expectStatus(rs.get(2), 200);
                });
    }

    @Test
    public void required_HTTP7_connectionCloseIsHonoured() {
        String known = known();
        Rule.verify(
                "HTTP-7",
                "Connection: close ends the connection after the response (RFC 9112 9.6)",
                "closing: after a response to a request with Connection: close, close the connection",
                () -> {
                    try (HttpWire w = open()) {
                        w.send("GET " + known + " HTTP/1.1\r\n" + host() + "Connection: close\r\n\r\n");
                        expectStatus(w.read("GET"), 200);
                        expect(w.atEnd(), "the server kept the connection open");
                    }
                });
    }

    @Test
    public void required_HTTP8_http10IsAnsweredThenClosed() {
        String known = known();
        byte[] body = body();
        Rule.verify(
                "HTTP-8",
                "an HTTP/1.0 request without keep-alive is answered, then the connection is closed",
                "HTTP/1.0 clients: no Host needed, no persistence unless asked",
                () -> {
                    try (HttpWire w = open()) {
                        w.send("GET " + known + " HTTP/1.0\r\n\r\n");
                        Response r = w.read("GET");
                        expectStatus(r, 200);
                        expect(Arrays.equals(r.body(), body), "the body differs");
                        expect(w.atEnd(), "the server kept an HTTP/1.0 connection open");
                    }
                });
    }

    @Test
    public void required_HTTP9_absoluteFormIsAccepted() {
        String known = known();
        Rule.verify(
                "HTTP-9",
                "an absolute-form request target is accepted (RFC 9112 3.2.2)",
                "request-target forms: a server must accept absolute-form",
                () -> {
                    String authority = target().address().getHostString() + ":"
                            + target().address().getPort();
                    String scheme = target().layered() ? "https" : "http";
                    expectStatus(
                            get("GET " + scheme + "://" + authority + known + " HTTP/1.1\r\n" + host()
                                    + "Connection: close\r\n\r\n"),
                            200);
                });
    }

    @Test
    public void required_HTTP10_missingHostGives400() {
        String known = known();
        Rule.verify(
                "HTTP-10",
                "an HTTP/1.1 request without Host gets 400 (RFC 9112 3.2)",
                "Host checks",
                () -> expectStatus(get("GET " + known + " HTTP/1.1\r\n\r\n"), 400));
    }

    @Test
    public void required_HTTP11_twoHostFieldsGive400() {
        String known = known();
        Rule.verify(
                "HTTP-11",
                "a request with two Host fields gets 400 (RFC 9112 3.2)",
                "Host checks",
                () -> expectStatus(get("GET " + known + " HTTP/1.1\r\n" + host() + host() + "\r\n"), 400));
    }

    @Test
    public void required_HTTP12_contentLengthWithTransferEncodingIsRefused() {
        String known = known();
        Rule.verify(
                "HTTP-12",
                "Content-Length with Transfer-Encoding is refused with 400 or ends the connection (RFC 9112 6.1)",
                "request smuggling (CL.TE): never trust Content-Length next to Transfer-Encoding",
                () -> {
                    try (HttpWire w = open()) {
                        w.send("POST " + known + " HTTP/1.1\r\n" + host()
                                + "Content-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n");
                        Response r = w.read("POST");
                        expect(
                                r.status() == 400 || w.atEnd(),
                                "status " + r.status() + " and the connection stayed open");
                    }
                });
    }

    @Test
    public void required_HTTP13_differingContentLengthsGive400() {
        String known = known();
        Rule.verify(
                "HTTP-13",
                "differing Content-Length values get 400 (RFC 9112 6.3)",
                "request smuggling: duplicate Content-Length fields must agree",
                () -> expectStatus(
                        get("POST " + known + " HTTP/1.1\r\n" + host()
                                + "Content-Length: 5\r\nContent-Length: 6\r\n\r\nabcdef"),
                        400));
    }

    @Test
    public void required_HTTP14_obsFoldGives400() {
        String known = known();
        Rule.verify(
                "HTTP-14",
                "obs-fold (a field line starting with whitespace) in a request gets 400 (RFC 9112 5.2)",
                "field parsing",
                () -> expectStatus(get("GET " + known + " HTTP/1.1\r\n" + host() + "X-A: a\r\n b\r\n\r\n"), 400));
    }

    @Test
    public void required_HTTP15_spaceBeforeColonGives400() {
        String known = known();
        Rule.verify(
                "HTTP-15",
                "whitespace between a field name and the colon gets 400 (RFC 9112 5.1)",
                "field parsing",
                () -> expectStatus(get("GET " + known + " HTTP/1.1\r\n" + host() + "X-A : a\r\n\r\n"), 400));
    }

    @Test
    public void required_HTTP16_bareCrGives400() {
        String known = known();
        Rule.verify(
                "HTTP-16",
                "a bare CR in a field value gets 400 (RFC 9110 5.5, RFC 9112 2.2)",
                "field value checks",
                () -> expectStatus(get("GET " + known + " HTTP/1.1\r\n" + host() + "X-A: a\rb\r\n\r\n"), 400));
    }

    @Test
    public void required_HTTP17_nulGives400() {
        String known = known();
        Rule.verify(
                "HTTP-17",
                "a NUL in a field value gets 400 (RFC 9110 5.5)",
                "field value checks",
                () -> expectStatus(get("GET " + known + " HTTP/1.1\r\n" + host() + "X-A: a\0b\r\n\r\n"), 400));
    }

    @Test
    public void required_HTTP18_unknownFinalCodingIsRefused() {
        String known = known();
        Rule.verify(
                "HTTP-18",
                "a transfer coding without chunked last gets 400 or 501, then a close (RFC 9112 6.1, 6.3)",
                "transfer codings: the body length of such a request cannot be known",
                () -> {
                    try (HttpWire w = open()) {
                        w.send("POST " + known + " HTTP/1.1\r\n" + host() + "Transfer-Encoding: gzip\r\n\r\n");
                        Response r = w.read("POST");
                        expect(r.status() == 400 || r.status() == 501, "status " + r.status());
                        expect(w.atEnd(), "the connection stayed open");
                    }
                });
    }

    @Test
    public void required_HTTP19_http2RequestLineGives505() {
        String known = known();
        Rule.verify(
                "HTTP-19",
                "an HTTP/2.0 request line gets 505 (RFC 9110 15.6.6)",
                "version handling: major versions other than 1 are not supported over HTTP/1.1 framing",
                () -> expectStatus(get("GET " + known + " HTTP/2.0\r\n" + host() + "\r\n"), 505));
    }

    @Test
    public void required_HTTP20_overlongTargetGives414() {
        Rule.verify(
                "HTTP-20",
                "a 70,000-byte request target gets 414 (RFC 9112 3)",
                "request line limits: refuse the request line early rather than buffering it",
                () -> expectStatus(get("GET /" + "a".repeat(70_000) + " HTTP/1.1\r\n" + host() + "\r\n"), 414));
    }

    @Test
    public void required_HTTP21_oversizedFieldGives400Or431() {
        String known = known();
        Rule.verify("HTTP-21", "a 70,000-byte header field gets 400 or 431 (RFC 6585 5)", "header limits", () -> {
            Response r = get("GET " + known + " HTTP/1.1\r\n" + host() + "X-Big: " + "b".repeat(70_000) + "\r\n\r\n");
            expect(r.status() == 400 || r.status() == 431, "status " + r.status());
        });
    }

    @Test
    public void required_HTTP22_singleRangeGives206() {
        String known = known();
        byte[] body = body();
        Rule.verify(
                "HTTP-22",
                "a single byte range gives 206 with Content-Range and exactly those bytes (RFC 9110 14)",
                "Range: inclusive offsets, Content-Range 'bytes first-last/length'",
                () -> {
                    int length = body.length;
                    int last = Math.min(4, length - 1);
                    Response r = get("GET " + known + " HTTP/1.1\r\n" + host() + "Range: bytes=1-" + last
                            + "\r\nConnection: close\r\n\r\n");
                    expectStatus(r, 206);
                    expect(
                            ("bytes 1-" + last + "/" + length).equals(r.header("Content-Range")),
                            "Content-Range: " + r.header("Content-Range"));
                    expect(Arrays.equals(r.body(), Arrays.copyOfRange(body, 1, last + 1)), "wrong bytes");
                });
    }

    @Test
    public void required_HTTP23_unsatisfiableRangeGives416() {
        String known = known();
        byte[] body = body();
        Rule.verify(
                "HTTP-23",
                "an unsatisfiable range gives 416 with Content-Range: bytes */length (RFC 9110 15.5.17)",
                "Range",
                () -> {
                    int length = body.length;
                    Response r = get("GET " + known + " HTTP/1.1\r\n" + host() + "Range: bytes=" + (length + 10) + "-"
                            + (length + 20) + "\r\nConnection: close\r\n\r\n");
                    expectStatus(r, 416);
                    expect(
                            ("bytes */" + length).equals(r.header("Content-Range")),
                            "Content-Range: " + r.header("Content-Range"));
                });
    }

    @Test
    public void required_HTTP24_ifNoneMatchGives304() {
        String known = known();
        Rule.verify(
                "HTTP-24",
                "If-None-Match with the current ETag gives 304 without a body (RFC 9110 13.1.2)",
                "conditional requests: send an ETag and compare it weakly",
                () -> {
                    String etag = get("GET " + known + " HTTP/1.1\r\n" + host() + "Connection: close\r\n\r\n")
                            .header("ETag");
                    expect(etag != null, "no ETag on the 200");
                    Response r = get("GET " + known + " HTTP/1.1\r\n" + host() + "If-None-Match: " + etag
                            + "\r\nConnection: close\r\n\r\n");
                    expectStatus(r, 304);
                    expect(r.body().length == 0, "a 304 had a body");
                });
    }

    @Test
    public void required_HTTP25_ifModifiedSinceGives304() {
        String known = known();
        Rule.verify(
                "HTTP-25",
                "If-Modified-Since with the Last-Modified date gives 304 (RFC 9110 13.1.3)",
                "conditional requests: send Last-Modified and compare dates to the second",
                () -> {
                    String modified = get("GET " + known + " HTTP/1.1\r\n" + host() + "Connection: close\r\n\r\n")
                            .header("Last-Modified");
                    expect(modified != null, "no Last-Modified on the 200");
                    expectStatus(
                            get("GET " + known + " HTTP/1.1\r\n" + host() + "If-Modified-Since: " + modified
                                    + "\r\nConnection: close\r\n\r\n"),
                            304);
                });
    }

    @Test
    public void required_HTTP26_unreadBodyIsNeverParsedAsRequest() {
        String known = known();
        Rule.verify(
                "HTTP-26",
                "a request's body, even unread, is never parsed as the next request",
                "body skipping: discard exactly Content-Length bytes (or close) before reading the next request",
                () -> {
                    List<Response> rs = exchange(
                            "POST " + known + " HTTP/1.1\r\n" + host() + "Content-Length: 24\r\n\r\n"
                                    + "GET /smuggled HTTP/1.1\r\n" + "GET " + known + " HTTP/1.1\r\n" + host()
                                    + "Connection: close\r\n\r\n",
                            "POST",
                            "GET");
                    for (Response r : rs.subList(1, rs.size())) {
                        expectStatus(r, 200);
                    }
                });
    }

    @Test
    public void required_HTTP27_keepAliveStartsClean() {
        String known = known();
        String missing = missing();
        byte[] body = body();
        Rule.verify(
                "HTTP-27",
                "a request after a keep-alive response (404, then HEAD) is parsed from a clean state",
                "connection reuse: reset the parser and the response state between requests",
                () -> {
                    try (HttpWire w = open()) {
                        w.send("GET " + missing + " HTTP/1.1\r\n" + host() + "\r\n");
                        expectStatus(w.read("GET"), 404);
                        w.send("HEAD " + known + " HTTP/1.1\r\n" + host() + "\r\n");
                        expectStatus(w.read("HEAD"), 200);
                        w.send("GET " + known + " HTTP/1.1\r\n" + host() + "Connection: close\r\n\r\n");
                        expect(Arrays.equals(w.read("GET").body(), body), "the third response is misframed");
                    }
                });
    }
}
