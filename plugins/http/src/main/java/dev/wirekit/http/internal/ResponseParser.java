package dev.wirekit.http.internal;

import dev.wirekit.http.Headers;
import dev.wirekit.http.HttpException;
import java.nio.charset.StandardCharsets;

/**
 * Parses a response head (RFC 9112 section 4): {@code HTTP/1.x SP 3DIGIT SP reason CRLF}, field
 * lines, an empty line. Lenient where RFC 9112 asks a recipient to be (a missing reason phrase,
 * obs-fold), strict elsewhere; failures are {@link HttpException}s with status 502, the status a
 * gateway answers a bad upstream response with.
 */
public final class ResponseParser {
    /** The status reported for a malformed response. */
    public static final int BAD_RESPONSE = 502;

    private ResponseParser() {}

    /** Parses the complete head in {@code b[off, off + len)}, which ends with CRLF CRLF. */
    public static ResponseHead parse(byte[] b, int off, int len) {
        int end = off + len;
        int v = off;
        if (end - v < 14
                || b[v] != 'H'
                || b[v + 1] != 'T'
                || b[v + 2] != 'T'
                || b[v + 3] != 'P'
                || b[v + 4] != '/'
                || b[v + 5] != '1'
                || b[v + 6] != '.'
                || !isDigit(b[v + 7])
                || b[v + 8] != ' '
                || !isDigit(b[v + 9])
                || !isDigit(b[v + 10])
                || !isDigit(b[v + 11])) {
            throw new HttpException(BAD_RESPONSE, "the response does not start with a status line like HTTP/1.1 200");
        }
        int minor = b[v + 7] == '0' ? 0 : 1;
        int status = (b[v + 9] - '0') * 100 + (b[v + 10] - '0') * 10 + (b[v + 11] - '0');
        if (status < 100) {
            throw new HttpException(BAD_RESPONSE, "status code " + status + " is out of range");
        }
        int at = v + 12;
        int reasonStart;
        if (b[at] == ' ') {
            reasonStart = at + 1;
        } else if (b[at] == '\r') {
            reasonStart = at;
        } else {
            throw new HttpException(BAD_RESPONSE, "the status code is not followed by a space");
        }
        int eol = reasonStart;
        while (eol < end && b[eol] != '\r' && b[eol] != '\n') {
            int c = b[eol] & 0xFF;
            if (c < 0x20 && c != '\t' || c == 0x7F) {
                throw new HttpException(BAD_RESPONSE, "a control character in the reason phrase");
            }
            eol++;
        }
        if (eol + 1 >= end || b[eol] != '\r' || b[eol + 1] != '\n') {
            throw new HttpException(BAD_RESPONSE, "the status line does not end with CRLF");
        }
        String reason = new String(b, reasonStart, eol - reasonStart, StandardCharsets.ISO_8859_1);
        Headers headers = new Headers();
        int after = FieldParser.parse(b, eol + 2, end, true, BAD_RESPONSE, headers);
        if (after != end) {
            throw new HttpException(BAD_RESPONSE, "bytes after the end of the head");
        }
        return new ResponseHead(minor, status, reason, headers);
    }

    private static boolean isDigit(byte c) {
        return c >= '0' && c <= '9';
    }
}
