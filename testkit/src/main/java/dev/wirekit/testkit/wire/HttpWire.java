package dev.wirekit.testkit.wire;

import dev.wirekit.api.Connection;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One HTTP/1.1 connection of the HTTP suite: raw request bytes out, responses parsed back by a small
 * reader of its own (Content-Length, chunked, or read-to-close framing; no body for HEAD, 1xx, 204
 * and 304), independent of any implementation under test.
 */
final class HttpWire implements AutoCloseable {
    /** A parsed response; header names in lower case, repeated fields joined with {@code ", "}. */
    record Response(int status, String reason, Map<String, String> headers, byte[] body) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    private final Connection connection;
    private final Duration timeout;
    private byte[] buf = new byte[0];
    private boolean ended;

    HttpWire(Connection connection, Duration timeout) {
        this.connection = connection;
        this.timeout = timeout;
    }

    void send(String text) throws IOException {
        try {
            connection.write(ByteBuffer.wrap(text.getBytes(StandardCharsets.ISO_8859_1)));
        } catch (IOException e) {
            // the server may refuse before reading everything; its response is still there to read
        }
    }

    Response read(String method) throws IOException {
        Response r = readOrNull(method);
        if (r == null) {
            throw new AssertionError("the server closed the connection without a response");
        }
        return r;
    }

    /** The server's next response to a request with {@code method}, or null when it closed first. */
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
        if (status.length < 2 || !status[0].startsWith("HTTP/1.") || !status[1].matches("\\d{3}")) {
            throw new AssertionError("not a status line: " + lines[0]);
        }
        int code = Integer.parseInt(status[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon <= 0) {
                throw new AssertionError("not a header field: " + lines[i]);
            }
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
            body = exactly(number(headers.get("content-length"), 10, "Content-Length"));
        } else {
            while (fill()) {
                // the body runs until the close
            }
            body = take(buf.length);
        }
        return new Response(code, status.length > 2 ? status[2] : "", headers, body);
    }

    private byte[] chunked() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (true) {
            int size = number(line().split(";", 2)[0].strip(), 16, "chunk size");
            if (size == 0) {
                while (!line().isEmpty()) {
                    // trailer fields
                }
                return out.toByteArray();
            }
            out.writeBytes(exactly(size));
            line();
        }
    }

    /** A length field: digits only (no sign, no list), within int range, or the rule fails saying so. */
    private static int number(String text, int radix, String what) {
        String digits = radix == 16 ? "[0-9A-Fa-f]{1,8}" : "[0-9]{1,10}";
        if (text.matches(digits)) {
            long value = Long.parseLong(text, radix);
            if (value <= Integer.MAX_VALUE) {
                return (int) value;
            }
        }
        throw new AssertionError("the response's " + what + " is not a usable length: '" + text + "'");
    }

    private String line() throws IOException {
        int end;
        while ((end = indexOf(buf, new byte[] {'\r', '\n'})) < 0) {
            if (!fill()) {
                throw new AssertionError("the connection ended inside a chunked body");
            }
        }
        String line = new String(buf, 0, end, StandardCharsets.ISO_8859_1);
        take(end + 2);
        return line;
    }

    private byte[] exactly(int n) throws IOException {
        while (buf.length < n) {
            if (!fill()) {
                throw new AssertionError("the connection ended " + (n - buf.length) + " bytes short of the body");
            }
        }
        return take(n);
    }

    /** Whether the server has closed (end of stream or a reset), waiting up to the timeout. */
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
        ByteBuffer chunk = ByteBuffer.allocate(16 * 1024);
        int n;
        try {
            n = connection.read(chunk, timeout);
        } catch (SocketTimeoutException e) {
            throw e;
        } catch (IOException e) {
            n = -1; // a reset after the response counts as the end
        }
        if (n < 0) {
            ended = true;
            return false;
        }
        byte[] joined = Arrays.copyOf(buf, buf.length + n);
        System.arraycopy(chunk.array(), 0, joined, buf.length, n);
        buf = joined;
        return true;
    }

    private byte[] take(int n) {
        byte[] head = Arrays.copyOf(buf, n);
        buf = Arrays.copyOfRange(buf, n, buf.length);
        return head;
    }

    @Override
    public void close() {
        connection.close();
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
