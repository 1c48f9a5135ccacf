package dev.wirekit.api.framing;

/**
 * How {@link Framers#lines} ends the lines it writes. Decoding always accepts both LF and CRLF.
 */
public enum LineEnding {
    /** {@code \n}: Unix tools, most text protocols on the loopback. */
    LF("\n"),
    /** {@code \r\n}: the Internet text protocols (IRC, SMTP, HTTP headers). */
    CRLF("\r\n");

    private final byte[] bytes;

    LineEnding(String text) {
        this.bytes = text.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }

    byte[] bytes() {
        return bytes.clone();
    }

    int length() {
        return bytes.length;
    }
}
