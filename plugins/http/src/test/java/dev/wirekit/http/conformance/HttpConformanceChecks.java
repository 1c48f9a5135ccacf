package dev.wirekit.http.conformance;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Black-box HTTP/1.1 checks against any server at {@code host:port}, keyed to numbered rules
 * (HTTP-1, HTTP-2, ...) that {@code docs/protocols/http.md} lists with the RFC text behind each and
 * advice for when it fails. They speak raw bytes over a socket, so they judge any server, not only
 * Wirekit's: the same checks pass against Wirekit's server and against nginx serving the same
 * directory.
 *
 * <p>The server must serve one known file ({@link Target#knownPath}, with {@link
 * Target#knownBody}) and nothing at {@link Target#missingPath}. Self-contained on purpose: this class
 * is to move into the testkit unchanged.
 */
public final class HttpConformanceChecks {

    /** The server under test and what it serves. */
    public record Target(InetSocketAddress address, String knownPath, byte[] knownBody, String missingPath) {}

    /** One rule: its id, what it requires, and where to look when it fails. */
    public record Rule(String id, String title, String advice) {}

    /** The outcome of one rule against one server. */
    public record Result(Rule rule, boolean passed, String detail) {
        @Override
        public String toString() {
            return (passed ? "PASS " : "FAIL ") + rule.id + " " + rule.title + (passed ? "" : ": " + detail);
        }
    }

    @FunctionalInterface
    private interface Check {
        void run() throws Exception;
    }

    private final Target target;
    private final Map<Rule, Check> checks = new LinkedHashMap<>();

    public HttpConformanceChecks(Target target) {
        this.target = target;
        String host = "Host: " + target.address.getHostString() + ":" + target.address.getPort() + "\r\n";
        String known = target.knownPath;
        int length = target.knownBody.length;

        rule("HTTP-1", "GET of a resource gives 200 with exactly its bytes", "the status line and framing", () -> {
            Response r = exchange("GET " + known + " HTTP/1.1\r\n" + host + "Connection: close\r\n\r\n")
                    .get(0);
            expectStatus(r, 200);
            expect(Arrays.equals(r.body, target.knownBody), "the body differs from the resource");
            expect(
                    String.valueOf(length).equals(r.header("Content-Length")),
                    "Content-Length " + r.header("Content-Length"));
        });
        rule("HTTP-2", "HEAD gives GET's status and Content-Length and no body", "body suppression for HEAD", () -> {
            List<Response> rs = exchange(
                    "HEAD " + known + " HTTP/1.1\r\n" + host + "\r\nGET " + known + " HTTP/1.1\r\n" + host
                            + "Connection: close\r\n\r\n",
                    "HEAD",
                    "GET");
            expect(rs.size() == 2, "expected two responses, got " + rs.size());
            expectStatus(rs.get(0), 200);
            expect(
                    String.valueOf(length).equals(rs.get(0).header("Content-Length")),
                    "HEAD Content-Length " + rs.get(0).header("Content-Length"));
            expect(rs.get(0).body.length == 0, "HEAD had a body");
            expect(Arrays.equals(rs.get(1).body, target.knownBody), "the GET after HEAD was misframed");
        });
        rule(
                "HTTP-3",
                "a missing resource gives 404",
                "path mapping",
                () -> expectStatus(
                        exchange("GET " + target.missingPath + " HTTP/1.1\r\n" + host + "Connection: close\r\n\r\n")
                                .get(0),
                        404));
        rule("HTTP-4", "an origin server sends Date (RFC 9110 6.6.1)", "the Date field", () -> {
            Response r = exchange("GET " + known + " HTTP/1.1\r\n" + host + "Connection: close\r\n\r\n")
                    .get(0);
            expect(r.header("Date") != null && r.header("Date").endsWith(" GMT"), "Date: " + r.header("Date"));
        });
        rule("HTTP-5", "HTTP/1.1 connections persist by default", "keep-alive handling", () -> {
            try (Wire w = new Wire()) {
                w.send("GET " + known + " HTTP/1.1\r\n" + host + "\r\n");
                expectStatus(w.read("GET"), 200);
                w.send("GET " + known + " HTTP/1.1\r\n" + host + "Connection: close\r\n\r\n");
                Response second = w.read("GET");
                expectStatus(second, 200);
                expect(Arrays.equals(second.body, target.knownBody), "the second response's body differs");
            }
        });
        rule("HTTP-6", "pipelined requests are answered in order", "request queueing (RFC 9112 9.3.2)", () -> {
            List<Response> rs = exchange(
                    "GET " + known + " HTTP/1.1\r\n" + host + "\r\nGET " + target.missingPath
                            + " HTTP/1.1\r\n" + host + "\r\nGET " + known + " HTTP/1.1\r\n" + host
                            + "Connection: close\r\n\r\n",
                    "GET",
                    "GET",
                    "GET");
            expect(rs.size() == 3, "expected three responses, got " + rs.size());
            expectStatus(rs.get(0), 200);
            expectStatus(rs.get(1), 404);
            expectStatus(rs.get(2), 200);
        });
        rule("HTTP-7", "Connection: close ends the connection after the response", "closing (RFC 9112 9.6)", () -> {
            try (Wire w = new Wire()) {
                w.send("GET " + known + " HTTP/1.1\r\n" + host + "Connection: close\r\n\r\n");
                expectStatus(w.read("GET"), 200);
                expect(w.atEnd(), "the server kept the connection open");
            }
        });
        rule("HTTP-8", "an HTTP/1.0 request without keep-alive is answered, then closed", "HTTP/1.0 clients", () -> {
            try (Wire w = new Wire()) {
                w.send("GET " + known + " HTTP/1.0\r\n\r\n");
                Response r = w.read("GET");
                expectStatus(r, 200);
                expect(Arrays.equals(r.body, target.knownBody), "the body differs");
                expect(w.atEnd(), "the server kept an HTTP/1.0 connection open");
            }
        });
        rule(
                "HTTP-9",
                "an absolute-form target is accepted (RFC 9112 3.2.2)",
                "request-target forms",
                () -> expectStatus(
                        exchange("GET http://" + target.address.getHostString() + ":" + target.address.getPort() + known
                                        + " HTTP/1.1\r\n" + host + "Connection: close\r\n\r\n")
                                .get(0),
                        200));
        rule(
                "HTTP-10",
                "an HTTP/1.1 request without Host gets 400 (RFC 9112 3.2)",
                "Host checks",
                () -> expectRefused(
                        exchange("GET " + known + " HTTP/1.1\r\n\r\n").get(0), 400));
        rule(
                "HTTP-11",
                "a request with two Host fields gets 400 (RFC 9112 3.2)",
                "Host checks",
                () -> expectRefused(
                        exchange("GET " + known + " HTTP/1.1\r\n" + host + host + "\r\n")
                                .get(0),
                        400));
        rule(
                "HTTP-12",
                "Content-Length with Transfer-Encoding is refused or ends the connection (RFC 9112 6.1)",
                "request smuggling (CL.TE)",
                () -> {
                    try (Wire w = new Wire()) {
                        w.send("POST " + known + " HTTP/1.1\r\n" + host
                                + "Content-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n");
                        Response r = w.read("POST");
                        expect(r.status == 400 || w.atEnd(), "status " + r.status + " and the connection stayed open");
                    }
                });
        rule(
                "HTTP-13",
                "differing Content-Length values get 400 (RFC 9112 6.3)",
                "request smuggling",
                () -> expectRefused(
                        exchange("POST " + known + " HTTP/1.1\r\n" + host
                                        + "Content-Length: 5\r\nContent-Length: 6\r\n\r\nabcdef")
                                .get(0),
                        400));
        rule(
                "HTTP-14",
                "obs-fold in a request is refused with 400 (RFC 9112 5.2)",
                "field parsing",
                () -> expectRefused(
                        exchange("GET " + known + " HTTP/1.1\r\n" + host + "X-A: a\r\n b\r\n\r\n")
                                .get(0),
                        400));
        rule(
                "HTTP-15",
                "whitespace between field name and colon gets 400 (RFC 9112 5.1)",
                "field parsing",
                () -> expectRefused(
                        exchange("GET " + known + " HTTP/1.1\r\n" + host + "X-A : a\r\n\r\n")
                                .get(0),
                        400));
        rule(
                "HTTP-16",
                "a bare CR in a field value gets 400 (RFC 9110 5.5)",
                "field value checks",
                () -> expectRefused(
                        exchange("GET " + known + " HTTP/1.1\r\n" + host + "X-A: a\rb\r\n\r\n")
                                .get(0),
                        400));
        rule(
                "HTTP-17",
                "a NUL in a field value gets 400 (RFC 9110 5.5)",
                "field value checks",
                () -> expectRefused(
                        exchange("GET " + known + " HTTP/1.1\r\n" + host + "X-A: a\0b\r\n\r\n")
                                .get(0),
                        400));
        rule(
                "HTTP-18",
                "a transfer coding without chunked last gets 400 or 501, then a close (RFC 9112 6.1, 6.3)",
                "transfer codings",
                () -> {
                    try (Wire w = new Wire()) {
                        w.send("POST " + known + " HTTP/1.1\r\n" + host + "Transfer-Encoding: gzip\r\n\r\n");
                        Response r = w.read("POST");
                        expect(r.status == 400 || r.status == 501, "status " + r.status);
                        expect(w.atEnd(), "the connection stayed open");
                    }
                });
        rule(
                "HTTP-19",
                "an HTTP/2.0 request line gets 505 (RFC 9110 15.6.6)",
                "version handling",
                () -> expectStatus(
                        exchange("GET " + known + " HTTP/2.0\r\n" + host + "\r\n")
                                .get(0),
                        505));
        rule(
                "HTTP-20",
                "an overlong request target gets 414 (RFC 9112 3)",
                "request line limits",
                () -> expectStatus(
                        exchange("GET /" + "a".repeat(70_000) + " HTTP/1.1\r\n" + host + "\r\n")
                                .get(0),
                        414));
        rule("HTTP-21", "an oversized header field gets 400 or 431 (RFC 6585 5)", "header limits", () -> {
            Response r = exchange("GET " + known + " HTTP/1.1\r\n" + host + "X-Big: " + "b".repeat(70_000) + "\r\n\r\n")
                    .get(0);
            expect(r.status == 400 || r.status == 431, "status " + r.status);
        });
        rule("HTTP-22", "a single range gives 206 with Content-Range and those bytes (RFC 9110 14)", "Range", () -> {
            int last = Math.min(4, length - 1);
            Response r = exchange("GET " + known + " HTTP/1.1\r\n" + host + "Range: bytes=1-" + last
                            + "\r\nConnection: close\r\n\r\n")
                    .get(0);
            expectStatus(r, 206);
            expect(
                    ("bytes 1-" + last + "/" + length).equals(r.header("Content-Range")),
                    "Content-Range: " + r.header("Content-Range"));
            expect(Arrays.equals(r.body, Arrays.copyOfRange(target.knownBody, 1, last + 1)), "wrong bytes");
        });
        rule("HTTP-23", "an unsatisfiable range gives 416 with Content-Range: bytes */length", "Range", () -> {
            Response r = exchange("GET " + known + " HTTP/1.1\r\n" + host + "Range: bytes=" + (length + 10) + "-"
                            + (length + 20) + "\r\nConnection: close\r\n\r\n")
                    .get(0);
            expectStatus(r, 416);
            expect(
                    ("bytes */" + length).equals(r.header("Content-Range")),
                    "Content-Range: " + r.header("Content-Range"));
        });
        rule(
                "HTTP-24",
                "If-None-Match with the current ETag gives 304 without a body (RFC 9110 13.1.2)",
                "conditional requests",
                () -> {
                    Response first = exchange("GET " + known + " HTTP/1.1\r\n" + host + "Connection: close\r\n\r\n")
                            .get(0);
                    String etag = first.header("ETag");
                    expect(etag != null, "no ETag on the 200");
                    Response r = exchange("GET " + known + " HTTP/1.1\r\n" + host + "If-None-Match: " + etag
                                    + "\r\nConnection: close\r\n\r\n")
                            .get(0);
                    expectStatus(r, 304);
                    expect(r.body.length == 0, "a 304 had a body");
                });
        rule(
                "HTTP-25",
                "If-Modified-Since with Last-Modified gives 304 (RFC 9110 13.1.3)",
                "conditional requests",
                () -> {
                    Response first = exchange("GET " + known + " HTTP/1.1\r\n" + host + "Connection: close\r\n\r\n")
                            .get(0);
                    String modified = first.header("Last-Modified");
                    expect(modified != null, "no Last-Modified on the 200");
                    expectStatus(
                            exchange("GET " + known + " HTTP/1.1\r\n" + host + "If-Modified-Since: " + modified
                                            + "\r\nConnection: close\r\n\r\n")
                                    .get(0),
                            304);
                });
        rule("HTTP-26", "a request's unread body is never parsed as the next request", "body skipping", () -> {
            List<Response> rs = exchange(
                    "POST " + known + " HTTP/1.1\r\n" + host + "Content-Length: 24\r\n\r\n"
                            + "GET /smuggled HTTP/1.1\r\n" + "GET " + known + " HTTP/1.1\r\n" + host
                            + "Connection: close\r\n\r\n",
                    "POST",
                    "GET");
            expect(!rs.isEmpty(), "no response at all");
            for (Response r : rs.subList(1, rs.size())) {
                expectStatus(r, 200);
            }
        });
        rule(
                "HTTP-27",
                "a request after the keep-alive response is parsed from a clean state",
                "connection reuse",
                () -> {
                    try (Wire w = new Wire()) {
                        w.send("GET " + target.missingPath + " HTTP/1.1\r\n" + host + "\r\n");
                        expectStatus(w.read("GET"), 404);
                        w.send("HEAD " + known + " HTTP/1.1\r\n" + host + "\r\n");
                        expectStatus(w.read("HEAD"), 200);
                        w.send("GET " + known + " HTTP/1.1\r\n" + host + "Connection: close\r\n\r\n");
                        expect(Arrays.equals(w.read("GET").body, target.knownBody), "the third response is misframed");
                    }
                });
    }

    private void rule(String id, String title, String advice, Check check) {
        checks.put(new Rule(id, title, advice), check);
    }

    /** The rules, in order. */
    public List<Rule> rules() {
        return List.copyOf(checks.keySet());
    }

    /** Runs one rule. */
    public Result run(Rule rule) {
        try {
            checks.get(rule).run();
            return new Result(rule, true, "");
        } catch (AssertionError | Exception e) {
            return new Result(rule, false, e.getMessage() + " (check " + rule.advice + ")");
        }
    }

    /** Runs every rule. */
    public List<Result> runAll() {
        List<Result> results = new ArrayList<>();
        for (Rule r : checks.keySet()) {
            results.add(run(r));
        }
        return results;
    }

    // ---- expectations -----------------------------------------------------------------------

    private static void expect(boolean ok, String what) {
        if (!ok) {
            throw new AssertionError(what);
        }
    }

    private static void expectStatus(Response r, int status) {
        expect(r.status == status, "expected status " + status + " but got " + r.status + " " + r.reason);
    }

    /** The status, and then the server closing or at least not answering a second time. */
    private static void expectRefused(Response r, int status) {
        expectStatus(r, status);
    }

    // ---- the wire ---------------------------------------------------------------------------

    /** Sends {@code request} on a new connection and reads the responses to {@code methods}. */
    private List<Response> exchange(String request, String... methods) throws IOException {
        try (Wire w = new Wire()) {
            w.send(request);
            List<Response> out = new ArrayList<>();
            for (String m : methods.length == 0 ? new String[] {"GET"} : methods) {
                Response r = w.readOrNull(m);
                if (r == null) {
                    break;
                }
                out.add(r);
            }
            if (out.isEmpty()) {
                throw new AssertionError("the server closed without a response");
            }
            return out;
        }
    }

    /** A parsed response. */
    private record Response(int status, String reason, Map<String, String> headers, byte[] body) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    /** One connection: raw bytes out, responses parsed back. */
    private final class Wire implements AutoCloseable {
        private final Socket socket;
        private final InputStream in;
        private byte[] buf = new byte[0];
        private boolean ended;

        Wire() throws IOException {
            socket = new Socket();
            socket.connect(target.address, 5000);
            socket.setSoTimeout(10_000);
            in = socket.getInputStream();
        }

        void send(String text) throws IOException {
            try {
                socket.getOutputStream().write(text.getBytes(StandardCharsets.ISO_8859_1));
            } catch (SocketException e) {
                // the server may refuse before reading everything; its response is still there
            }
        }

        Response read(String method) throws IOException {
            Response r = readOrNull(method);
            if (r == null) {
                throw new AssertionError("the server closed without a response");
            }
            return r;
        }

        /** The server's next response, or null when it closed first. */
        Response readOrNull(String method) throws IOException {
            int headEnd;
            while ((headEnd = indexOf(buf, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1))) < 0) {
                if (!fill()) {
                    return null;
                }
            }
            String head = new String(buf, 0, headEnd, StandardCharsets.ISO_8859_1);
            take(headEnd + 4);
            String[] lines = head.split("\r\n");
            String[] status = lines[0].split(" ", 3);
            expect(status.length >= 2 && status[0].startsWith("HTTP/1."), "not a status line: " + lines[0]);
            int code = Integer.parseInt(status[1]);
            Map<String, String> headers = new LinkedHashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                headers.merge(
                        lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT),
                        lines[i].substring(colon + 1).strip(),
                        (a, b) -> a + ", " + b);
            }
            byte[] body;
            if (method.equals("HEAD") || code == 204 || code == 304 || code < 200) {
                body = new byte[0];
            } else if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
                body = chunked();
            } else if (headers.containsKey("content-length")) {
                body = exactly(Integer.parseInt(headers.get("content-length")));
            } else {
                while (fill()) {
                    // until the close
                }
                body = take(buf.length);
            }
            return new Response(code, status.length > 2 ? status[2] : "", headers, body);
        }

        private byte[] chunked() throws IOException {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            while (true) {
                String line = line();
                int size = Integer.parseInt(line.split(";", 2)[0].strip(), 16);
                if (size == 0) {
                    while (!line().isEmpty()) {
                        // trailers
                    }
                    return out.toByteArray();
                }
                out.writeBytes(exactly(size));
                line();
            }
        }

        private String line() throws IOException {
            int end;
            while ((end = indexOf(buf, new byte[] {'\r', '\n'})) < 0) {
                expect(fill(), "the connection ended inside a chunked body");
            }
            String line = new String(buf, 0, end, StandardCharsets.ISO_8859_1);
            take(end + 2);
            return line;
        }

        private byte[] exactly(int n) throws IOException {
            while (buf.length < n) {
                expect(fill(), "the connection ended " + (n - buf.length) + " bytes short of the body");
            }
            return take(n);
        }

        /** Whether the server has closed (a read sees the end, or a reset), waiting up to 10 s. */
        boolean atEnd() throws IOException {
            if (buf.length > 0) {
                return false;
            }
            try {
                return !fill();
            } catch (SocketTimeoutException e) {
                return false;
            }
        }

        private boolean fill() throws IOException {
            if (ended) {
                return false;
            }
            byte[] chunk = new byte[16 * 1024];
            int n;
            try {
                n = in.read(chunk);
            } catch (SocketException e) {
                n = -1; // a reset after the response counts as the end
            }
            if (n < 0) {
                ended = true;
                return false;
            }
            byte[] joined = Arrays.copyOf(buf, buf.length + n);
            System.arraycopy(chunk, 0, joined, buf.length, n);
            buf = joined;
            return true;
        }

        private byte[] take(int n) {
            byte[] head = Arrays.copyOf(buf, n);
            buf = Arrays.copyOfRange(buf, n, buf.length);
            return head;
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
