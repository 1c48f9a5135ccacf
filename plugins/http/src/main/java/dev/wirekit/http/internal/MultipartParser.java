package dev.wirekit.http.internal;

import dev.wirekit.http.Headers;
import dev.wirekit.http.HttpException;
import dev.wirekit.http.server.FormPart;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Splits a {@code multipart/form-data} body (RFC 7578, RFC 2046 section 5.1) into its parts: the
 * delimiters {@code --boundary}, each part's header fields (parsed as strictly as a request's), its
 * content, and the closing {@code --boundary--}. Refuses malformed bodies with 400.
 */
public final class MultipartParser {
    /** The most parts accepted in one body. */
    public static final int MAX_PARTS = 1000;

    private static final int MAX_PART_HEAD = 8 * 1024;

    private MultipartParser() {}

    /** The boundary parameter of a {@code multipart/form-data} Content-Type, or null. */
    public static String boundary(String contentType) {
        if (contentType == null) {
            return null;
        }
        String[] params = contentType.split(";");
        if (!params[0].strip().equalsIgnoreCase("multipart/form-data")) {
            return null;
        }
        for (int i = 1; i < params.length; i++) {
            String p = params[i].strip();
            if (p.regionMatches(true, 0, "boundary=", 0, 9)) {
                String b = p.substring(9).strip();
                if (b.length() >= 2 && b.startsWith("\"") && b.endsWith("\"")) {
                    b = b.substring(1, b.length() - 1);
                }
                return b.isEmpty() || b.length() > 70 ? null : b;
            }
        }
        return null;
    }

    /** Parses {@code body}, delimited by {@code boundary}. */
    public static List<FormPart> parse(byte[] body, String boundary) {
        byte[] dash = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        byte[] delimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        int at;
        if (startsWith(body, 0, dash)) {
            at = dash.length;
        } else {
            int first = indexOf(body, delimiter, 0);
            if (first < 0) {
                throw bad("no boundary delimiter");
            }
            at = first + delimiter.length;
        }
        List<FormPart> parts = new ArrayList<>();
        while (true) {
            if (startsWith(body, at, new byte[] {'-', '-'})) {
                return parts; // the close delimiter; the epilogue is ignored
            }
            while (at < body.length && (body[at] == ' ' || body[at] == '\t')) {
                at++; // transport padding
            }
            if (!startsWith(body, at, new byte[] {'\r', '\n'})) {
                throw bad("a boundary delimiter not followed by CRLF");
            }
            at += 2;
            int headEnd = indexOf(body, new byte[] {'\r', '\n', '\r', '\n'}, at - 2);
            int contentStart;
            Headers headers = new Headers();
            if (startsWith(body, at, new byte[] {'\r', '\n'})) {
                contentStart = at + 2; // a part without header fields
            } else {
                if (headEnd < 0 || headEnd + 4 - at > MAX_PART_HEAD) {
                    throw bad("a part's header fields do not end, or are too long");
                }
                try {
                    FieldParser.parse(body, at, headEnd + 4, false, 400, headers);
                } catch (HttpException e) {
                    throw bad("a malformed part header: " + e.getMessage());
                }
                contentStart = headEnd + 4;
            }
            int contentEnd = indexOf(body, delimiter, contentStart);
            if (contentEnd < 0) {
                throw bad("a part without its closing boundary");
            }
            if (parts.size() == MAX_PARTS) {
                throw new HttpException(413, "more than " + MAX_PARTS + " form parts");
            }
            parts.add(part(headers, Arrays.copyOfRange(body, contentStart, contentEnd)));
            at = contentEnd + delimiter.length;
        }
    }

    private static FormPart part(Headers headers, byte[] content) {
        String disposition = headers.get("Content-Disposition");
        if (disposition == null) {
            throw bad("a part without Content-Disposition");
        }
        int semicolon = disposition.indexOf(';');
        String kind = semicolon < 0 ? disposition : disposition.substring(0, semicolon);
        if (!kind.strip().equalsIgnoreCase("form-data")) {
            throw bad("a part that is not form-data");
        }
        String name = null;
        String filename = null;
        String filenameStar = null;
        for (String param : splitParams(disposition)) {
            int eq = param.indexOf('=');
            if (eq < 0) {
                continue;
            }
            String key = param.substring(0, eq).strip().toLowerCase(Locale.ROOT);
            String value = unquote(param.substring(eq + 1).strip());
            switch (key) {
                case "name" -> name = utf8(value);
                case "filename" -> filename = utf8(value);
                case "filename*" -> filenameStar = extValue(value);
                default -> {}
            }
        }
        if (name == null) {
            throw bad("a part without a name");
        }
        if (filenameStar != null) {
            filename = filenameStar;
        }
        String type = headers.get("Content-Type");
        return new FormPart(name, filename, type == null ? "text/plain" : type, headers, content);
    }

    /** The parameters after the first {@code ;}, splitting only outside quoted strings. */
    private static List<String> splitParams(String value) {
        List<String> out = new ArrayList<>();
        boolean quoted = false;
        int start = -1;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' && (i == 0 || value.charAt(i - 1) != '\\')) {
                quoted = !quoted;
            } else if (c == ';' && !quoted) {
                if (start >= 0) {
                    out.add(value.substring(start, i));
                }
                start = i + 1;
            }
        }
        if (start >= 0 && start <= value.length()) {
            out.add(value.substring(start));
        }
        return out;
    }

    private static String unquote(String v) {
        if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
            return v.substring(1, v.length() - 1).replace("\\\"", "\"").replace("\\\\", "\\");
        }
        return v;
    }

    /** Field values arrive as bytes shown as ISO-8859-1; browsers send names in UTF-8. */
    private static String utf8(String latin1) {
        byte[] bytes = latin1.getBytes(StandardCharsets.ISO_8859_1);
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            return latin1;
        }
    }

    /** An RFC 8187 ext-value: {@code UTF-8''na%C3%AFve.txt}. */
    private static String extValue(String v) {
        int quote = v.indexOf("''");
        if (quote < 0 || !v.substring(0, quote).equalsIgnoreCase("utf-8")) {
            return null;
        }
        try {
            return java.net.URLDecoder.decode(v.substring(quote + 2).replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static HttpException bad(String what) {
        return new HttpException(400, "a malformed multipart body: " + what);
    }

    private static boolean startsWith(byte[] b, int at, byte[] prefix) {
        if (at < 0 || at + prefix.length > b.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (b[at + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    static int indexOf(byte[] hay, byte[] needle, int from) {
        byte first = needle[0];
        int last = hay.length - needle.length;
        for (int i = Math.max(0, from); i <= last; i++) {
            if (hay[i] == first && startsWith(hay, i, needle)) {
                return i;
            }
        }
        return -1;
    }
}
