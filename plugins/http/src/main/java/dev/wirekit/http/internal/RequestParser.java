package dev.wirekit.http.internal;

import dev.wirekit.http.Headers;
import dev.wirekit.http.HttpException;
import java.nio.charset.StandardCharsets;

/**
 * Parses a request head (RFC 9112 sections 3 and 5) strictly: {@code method SP target SP
 * HTTP/1.x CRLF}, then field lines, then an empty line. Anything else is refused with an {@link
 * HttpException}: 400 for malformed input, 505 for a major version other than 1.
 */
public final class RequestParser {
    private RequestParser() {}

    /** Parses the complete head in {@code b[off, off + len)}, which ends with CRLF CRLF. */
    public static RequestHead parse(byte[] b, int off, int len) {
        int end = off + len;
        int sp1 = off;
        while (sp1 < end && Headers.isTokenChar(b[sp1] & 0xFF)) {
            sp1++;
        }
        if (sp1 == off) {
            throw new HttpException(400, "the request line does not start with a method");
        }
        if (sp1 == end || b[sp1] != ' ') {
            throw new HttpException(400, "the method is not followed by a single space");
        }
        String method = new String(b, off, sp1 - off, StandardCharsets.ISO_8859_1);
        int targetStart = sp1 + 1;
        int sp2 = targetStart;
        while (sp2 < end && isTargetChar(b[sp2] & 0xFF)) {
            sp2++;
        }
        if (sp2 == targetStart) {
            throw new HttpException(400, "the request line has no target after the method");
        }
        if (sp2 == end || b[sp2] != ' ') {
            throw new HttpException(
                    400,
                    sp2 < end && b[sp2] != '\r'
                            ? "the request target holds a character that is not allowed (code " + (b[sp2] & 0xFF) + ")"
                            : "the request line has no HTTP version");
        }
        String target = new String(b, targetStart, sp2 - targetStart, StandardCharsets.ISO_8859_1);
        int v = sp2 + 1;
        if (end - v < 10
                || b[v] != 'H'
                || b[v + 1] != 'T'
                || b[v + 2] != 'T'
                || b[v + 3] != 'P'
                || b[v + 4] != '/'
                || !isDigit(b[v + 5])
                || b[v + 6] != '.'
                || !isDigit(b[v + 7])
                || b[v + 8] != '\r'
                || b[v + 9] != '\n') {
            throw new HttpException(400, "the request line does not end with a version like HTTP/1.1");
        }
        if (b[v + 5] != '1') {
            throw new HttpException(505, "HTTP/" + (char) b[v + 5] + "." + (char) b[v + 7] + " is not supported");
        }
        int minor = b[v + 7] == '0' ? 0 : 1;
        Headers headers = new Headers();
        int after = FieldParser.parse(b, v + 10, end, false, 400, headers);
        if (after != end) {
            throw new HttpException(400, "bytes after the end of the head");
        }
        return new RequestHead(method, target, minor, headers);
    }

    private static boolean isDigit(byte c) {
        return c >= '0' && c <= '9';
    }

    /**
     * The characters a request-target may hold (RFC 3986 unreserved, reserved and {@code %}),
     * nothing else: no space, control, DEL, non-ASCII, nor {@code " # < > \ ^ ` { | }}.
     */
    static boolean isTargetChar(int c) {
        if (c <= 0x20 || c >= 0x7F) {
            return false;
        }
        return switch (c) {
            case '"', '#', '<', '>', '\\', '^', '`', '{', '|', '}' -> false;
            default -> true;
        };
    }
}
