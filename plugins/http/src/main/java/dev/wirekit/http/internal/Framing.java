package dev.wirekit.http.internal;

import dev.wirekit.http.Headers;
import dev.wirekit.http.HttpException;
import dev.wirekit.http.HttpStatus;
import java.util.List;
import java.util.Locale;

/**
 * How long a message body is (RFC 9112 section 6.3), with the checks that stop request smuggling:
 * Content-Length together with Transfer-Encoding, a duplicate or malformed Content-Length, a
 * Transfer-Encoding that does not end in chunked, and Transfer-Encoding in HTTP/1.0 are refused.
 */
public final class Framing {
    /** The body is chunked. */
    public static final long CHUNKED = -1;
    /** The body runs until the connection closes (responses only). */
    public static final long UNTIL_CLOSE = -2;

    private Framing() {}

    /**
     * The request body's length: 0 for none, a byte count, or {@link #CHUNKED}.
     *
     * @throws HttpException 400 for ambiguous or malformed framing, 501 for a transfer coding other
     *     than chunked
     */
    public static long ofRequest(RequestHead head) {
        Headers h = head.headers();
        boolean hasTe = h.contains("Transfer-Encoding");
        boolean hasCl = h.contains("Content-Length");
        if (hasTe) {
            if (head.minorVersion() == 0) {
                throw new HttpException(400, "Transfer-Encoding in an HTTP/1.0 request");
            }
            if (hasCl) {
                throw new HttpException(400, "both Content-Length and Transfer-Encoding");
            }
            List<String> codings = h.tokens("Transfer-Encoding");
            if (codings.isEmpty() || !codings.get(codings.size() - 1).equalsIgnoreCase("chunked")) {
                throw new HttpException(400, "Transfer-Encoding does not end with chunked");
            }
            for (int i = 0; i < codings.size() - 1; i++) {
                String c = codings.get(i).toLowerCase(Locale.ROOT);
                if (c.equals("chunked")) {
                    throw new HttpException(400, "Transfer-Encoding applies chunked more than once");
                }
                throw new HttpException(501, "the transfer coding '" + safe(c) + "' is not supported");
            }
            return CHUNKED;
        }
        if (hasCl) {
            if (h.count("Content-Length") > 1) {
                throw new HttpException(400, "more than one Content-Length");
            }
            return parseLength(h.get("Content-Length"), 400);
        }
        return 0;
    }

    /**
     * The response body's length: 0, a byte count, {@link #CHUNKED} or {@link #UNTIL_CLOSE}.
     *
     * @param requestMethod the method of the request this answers
     * @throws HttpException 502 for conflicting or malformed Content-Length values
     */
    public static long ofResponse(String requestMethod, ResponseHead head) {
        int status = head.status();
        if (requestMethod.equals("HEAD") || HttpStatus.forbidsContent(status)) {
            return 0;
        }
        if (requestMethod.equals("CONNECT") && HttpStatus.isSuccess(status)) {
            return 0;
        }
        Headers h = head.headers();
        if (h.contains("Transfer-Encoding")) {
            List<String> codings = h.tokens("Transfer-Encoding");
            boolean chunkedLast =
                    !codings.isEmpty() && codings.get(codings.size() - 1).equalsIgnoreCase("chunked");
            return chunkedLast && head.minorVersion() == 1 ? CHUNKED : UNTIL_CLOSE;
        }
        List<String> lengths = h.all("Content-Length");
        if (lengths.isEmpty()) {
            return UNTIL_CLOSE;
        }
        long length = -1;
        for (String field : lengths) {
            for (String element : field.split(",", -1)) {
                long n = parseLength(element.strip(), ResponseParser.BAD_RESPONSE);
                if (length >= 0 && n != length) {
                    throw new HttpException(ResponseParser.BAD_RESPONSE, "conflicting Content-Length values");
                }
                length = n;
            }
        }
        return length;
    }

    /** Parses a Content-Length: 1 to 18 digits, nothing else. */
    static long parseLength(String value, int errorStatus) {
        int n = value.length();
        if (n == 0 || n > 18) {
            throw new HttpException(errorStatus, "invalid Content-Length");
        }
        long length = 0;
        for (int i = 0; i < n; i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                throw new HttpException(errorStatus, "invalid Content-Length");
            }
            length = length * 10 + (c - '0');
        }
        return length;
    }

    /** {@code text} cut to 40 printable characters, for a message that must not echo raw input. */
    static String safe(String text) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < text.length() && sb.length() < 40; i++) {
            char c = text.charAt(i);
            sb.append(c >= 0x20 && c < 0x7F ? c : '?');
        }
        return sb.toString();
    }
}
