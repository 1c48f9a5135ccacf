package dev.wirekit.scanner.internal;

/** Shows untrusted bytes safely: printable ASCII as it is, everything else escaped (reversibly). */
public final class Printable {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private Printable() {}

    /** {@code bytes[0..length)} as printable ASCII: {@code \r \n \t \\} and {@code \xHH} for the rest. */
    public static String escape(byte[] bytes, int length) {
        StringBuilder out = new StringBuilder(length + 16);
        for (int i = 0; i < length; i++) {
            int b = bytes[i] & 0xFF;
            switch (b) {
                case '\r' -> out.append("\\r");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (b >= 0x20 && b < 0x7F) {
                        out.append((char) b);
                    } else {
                        out.append("\\x").append(HEX[b >> 4]).append(HEX[b & 0xF]);
                    }
                }
            }
        }
        return out.toString();
    }

    /** Text whose characters are all bytes (ISO-8859-1), escaped the same way. */
    public static String escape(CharSequence latin1) {
        byte[] bytes = new byte[latin1.length()];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) latin1.charAt(i);
        }
        return escape(bytes, bytes.length);
    }

    /** Any text, as its UTF-8 bytes escaped: {@code Müller} becomes {@code M\xc3\xbcller}. */
    public static String text(String text) {
        byte[] bytes = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return escape(bytes, bytes.length);
    }

    /** Reverses {@link #escape}; for tests and tools that want the bytes back. */
    public static byte[] unescape(String text) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != '\\') {
                out.write(c);
                continue;
            }
            char next = text.charAt(++i);
            switch (next) {
                case 'r' -> out.write('\r');
                case 'n' -> out.write('\n');
                case 't' -> out.write('\t');
                case '\\' -> out.write('\\');
                case 'x' -> {
                    out.write(Integer.parseInt(text.substring(i + 1, i + 3), 16));
                    i += 2;
                }
                default -> throw new IllegalArgumentException("not an escape: \\" + next);
            }
        }
        return out.toByteArray();
    }

    /** Whether more than a quarter of the bytes are neither printable ASCII nor common white space. */
    public static boolean isBinary(byte[] bytes, int length) {
        int odd = 0;
        for (int i = 0; i < length; i++) {
            int b = bytes[i] & 0xFF;
            if (!(b >= 0x20 && b < 0x7F) && b != '\r' && b != '\n' && b != '\t') {
                odd++;
            }
        }
        return odd * 4 > length;
    }
}
