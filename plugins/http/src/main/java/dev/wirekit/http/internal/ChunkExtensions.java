package dev.wirekit.http.internal;

import dev.wirekit.http.Headers;

/**
 * Checks the extensions after a chunk size (RFC 9112 section 7.1.1): {@code *( BWS ";" BWS name [
 * BWS "=" BWS ( token / quoted-string ) ] )}.
 */
final class ChunkExtensions {
    private ChunkExtensions() {}

    /** Whether {@code line} from {@code at} to its end is a valid list of chunk extensions. */
    static boolean valid(String line, int at) {
        int n = line.length();
        int i = at;
        while (i < n) {
            i = skipWhitespace(line, i);
            if (i == n || line.charAt(i) != ';') {
                return false;
            }
            i = skipWhitespace(line, i + 1);
            int nameStart = i;
            while (i < n && Headers.isTokenChar(line.charAt(i))) {
                i++;
            }
            if (i == nameStart) {
                return false;
            }
            int afterName = skipWhitespace(line, i);
            if (afterName < n && line.charAt(afterName) == '=') {
                i = skipWhitespace(line, afterName + 1);
                if (i < n && line.charAt(i) == '"') {
                    i = endOfQuoted(line, i);
                    if (i < 0) {
                        return false;
                    }
                } else {
                    int valueStart = i;
                    while (i < n && Headers.isTokenChar(line.charAt(i))) {
                        i++;
                    }
                    if (i == valueStart) {
                        return false;
                    }
                }
            } else {
                i = afterName;
            }
        }
        return true;
    }

    private static int skipWhitespace(String s, int i) {
        while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
            i++;
        }
        return i;
    }

    /** The index after the closing quote of the quoted string at {@code i}, or -1. */
    private static int endOfQuoted(String s, int i) {
        for (int j = i + 1; j < s.length(); j++) {
            char c = s.charAt(j);
            if (c == '"') {
                return j + 1;
            }
            if (c == '\\') {
                j++;
            } else if (c < 0x20 && c != '\t' || c == 0x7F) {
                return -1;
            }
        }
        return -1;
    }
}
