package dev.wirekit.dns.internal;

/** Master-file text escapes (RFC 1035 §5.1) for character-strings. */
public final class Escapes {
    private Escapes() {}

    /** Appends {@code bytes} as a quoted character-string: {@code "a \"b\" \010"}. */
    public static void quoted(StringBuilder sb, byte[] bytes) {
        sb.append('"');
        for (byte x : bytes) {
            int b = x & 0xFF;
            if (b == '"' || b == '\\') {
                sb.append('\\').append((char) b);
            } else if (b < 0x20 || b >= 0x7F) {
                sb.append('\\');
                if (b < 100) {
                    sb.append('0');
                }
                if (b < 10) {
                    sb.append('0');
                }
                sb.append(b);
            } else {
                sb.append((char) b);
            }
        }
        sb.append('"');
    }

    /**
     * The bytes of a character-string as written in a master file, escapes resolved: {@code \X}
     * is X, {@code \DDD} is the byte DDD; other characters are their UTF-8 bytes.
     *
     * @throws IllegalArgumentException on a malformed escape
     */
    public static byte[] unescape(String text) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(text.length());
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (c == '\\') {
                if (i + 1 >= n) {
                    throw new IllegalArgumentException("'" + text + "': a backslash at the end");
                }
                char d = text.charAt(i + 1);
                if (d >= '0' && d <= '9') {
                    if (i + 4 > n || !digit(text.charAt(i + 2)) || !digit(text.charAt(i + 3))) {
                        throw new IllegalArgumentException("'" + text + "': \\DDD needs three digits");
                    }
                    int b = Integer.parseInt(text, i + 1, i + 4, 10);
                    if (b > 255) {
                        throw new IllegalArgumentException("'" + text + "': \\" + b + " is not a byte");
                    }
                    out.write(b);
                    i += 4;
                    continue;
                }
                i++;
                c = d;
            }
            if (c < 0x80) {
                out.write(c);
                i++;
            } else {
                int cp = text.codePointAt(i);
                out.writeBytes(new String(Character.toChars(cp)).getBytes(java.nio.charset.StandardCharsets.UTF_8));
                i += Character.charCount(cp);
            }
        }
        return out.toByteArray();
    }

    private static boolean digit(char c) {
        return c >= '0' && c <= '9';
    }
}
