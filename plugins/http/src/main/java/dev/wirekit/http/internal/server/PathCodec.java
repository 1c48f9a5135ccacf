package dev.wirekit.http.internal.server;

import dev.wirekit.http.HttpException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Percent-decoding of URI paths (RFC 3986), and percent-encoding of path segments. */
final class PathCodec {
    private PathCodec() {}

    /**
     * Decodes {@code %XX} escapes as UTF-8 ({@code +} stays a plus).
     *
     * @throws HttpException 400 for a malformed escape or bytes that are not UTF-8
     */
    static String decode(String raw) {
        int first = raw.indexOf('%');
        if (first < 0) {
            return raw;
        }
        byte[] bytes = new byte[raw.length()];
        int n = 0;
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                if (i + 2 >= raw.length()) {
                    throw new HttpException(400, "a truncated percent escape in the path");
                }
                int hi = Character.digit(raw.charAt(i + 1), 16);
                int lo = Character.digit(raw.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    throw new HttpException(400, "a malformed percent escape in the path");
                }
                bytes[n++] = (byte) (hi << 4 | lo);
                i += 2;
            } else {
                bytes[n++] = (byte) c;
            }
        }
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, 0, n))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new HttpException(400, "the path's percent escapes are not UTF-8");
        }
    }

    /** The segments of a raw path: {@code /a/b} gives {@code [a, b]}, {@code /} gives {@code [""]}. */
    static List<String> rawSegments(String rawPath) {
        List<String> segments = new ArrayList<>(4);
        int at = rawPath.startsWith("/") ? 1 : 0;
        while (true) {
            int slash = rawPath.indexOf('/', at);
            if (slash < 0) {
                segments.add(rawPath.substring(at));
                return segments;
            }
            segments.add(rawPath.substring(at, slash));
            at = slash + 1;
        }
    }

    /** Percent-encodes one path segment: everything but unreserved characters and sub-delims. */
    static String encodeSegment(String segment) {
        StringBuilder sb = new StringBuilder(segment.length() + 8);
        for (byte b : segment.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            if (c >= 'a' && c <= 'z'
                    || c >= 'A' && c <= 'Z'
                    || c >= '0' && c <= '9'
                    || "-._~!$&'()*+,;=:@".indexOf(c) >= 0) {
                sb.append((char) c);
            } else {
                sb.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)));
                sb.append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
            }
        }
        return sb.toString();
    }
}
