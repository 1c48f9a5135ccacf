package dev.wirekit.http.internal;

import dev.wirekit.http.Headers;
import dev.wirekit.http.HttpException;
import java.nio.charset.StandardCharsets;

/**
 * Parses the header field lines of a head (RFC 9112 section 5). Strict for requests: obs-fold,
 * whitespace before the colon, and control characters (a bare CR among them) are rejected with 400.
 * Lenient for responses, as RFC 9112 asks of a user agent: obs-fold becomes a space and whitespace
 * before the colon is dropped.
 */
final class FieldParser {
    private FieldParser() {}

    /**
     * Parses the field lines in {@code b[at, end)}, each ending with CRLF, the last followed by the
     * empty line; adds them to {@code out}.
     *
     * @return the index just past the empty line
     */
    static int parse(byte[] b, int at, int end, boolean lenient, int errorStatus, Headers out) {
        while (true) {
            int eol = lineEnd(b, at, end, errorStatus);
            if (eol == at) {
                return eol + 2;
            }
            if (b[at] == ' ' || b[at] == '\t') {
                if (!lenient || out.isEmpty()) {
                    throw new HttpException(
                            errorStatus, "obsolete line folding (a header line starts with whitespace)");
                }
                String more = value(b, at, eol, errorStatus);
                int last = out.size() - 1;
                String value = out.value(last);
                if (!more.isEmpty()) {
                    out.setValue(last, value.isEmpty() ? more : value + " " + more);
                }
            } else {
                parseLine(b, at, eol, lenient, errorStatus, out);
            }
            at = eol + 2;
        }
    }

    /** The index of the CR of the CRLF that ends the line starting at {@code at}. */
    private static int lineEnd(byte[] b, int at, int end, int errorStatus) {
        for (int i = at; i < end; i++) {
            byte c = b[i];
            if (c == '\r') {
                if (i + 1 < end && b[i + 1] == '\n') {
                    return i;
                }
                throw new HttpException(errorStatus, "a CR not followed by LF in a header line");
            }
            if (c == '\n') {
                throw new HttpException(errorStatus, "a line ends with LF without CR");
            }
        }
        throw new HttpException(errorStatus, "the head does not end with an empty line");
    }

    private static void parseLine(byte[] b, int at, int eol, boolean lenient, int errorStatus, Headers out) {
        int colon = at;
        while (colon < eol && Headers.isTokenChar(b[colon] & 0xFF)) {
            colon++;
        }
        int nameEnd = colon;
        if (colon < eol && (b[colon] == ' ' || b[colon] == '\t')) {
            if (!lenient) {
                throw new HttpException(errorStatus, "whitespace between a header field name and its colon");
            }
            while (colon < eol && (b[colon] == ' ' || b[colon] == '\t')) {
                colon++;
            }
        }
        if (colon == eol || b[colon] != ':') {
            throw new HttpException(errorStatus, "a header line without a valid field name and colon");
        }
        if (nameEnd == at) {
            throw new HttpException(errorStatus, "a header line with an empty field name");
        }
        String name = new String(b, at, nameEnd - at, StandardCharsets.ISO_8859_1);
        out.add(name, value(b, colon + 1, eol, errorStatus));
    }

    /** The field value in {@code b[from, to)} without surrounding whitespace, checked. */
    private static String value(byte[] b, int from, int to, int errorStatus) {
        while (from < to && (b[from] == ' ' || b[from] == '\t')) {
            from++;
        }
        while (to > from && (b[to - 1] == ' ' || b[to - 1] == '\t')) {
            to--;
        }
        for (int i = from; i < to; i++) {
            int c = b[i] & 0xFF;
            if (c < 0x20 && c != '\t' || c == 0x7F) {
                throw new HttpException(
                        errorStatus,
                        c == '\r'
                                ? "a bare CR in a header value"
                                : "a control character (code " + c + ") in a header value");
            }
        }
        return new String(b, from, to - from, StandardCharsets.ISO_8859_1);
    }
}
