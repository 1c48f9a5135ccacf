package dev.wirekit.testkit.wire;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;

/**
 * The messages of Wirekit's file-transfer protocol ({@code docs/protocols/file.md}), built and read
 * by hand for the file suite: each a 4-byte length, a type byte and its fields, big-endian.
 */
final class FileMessages {
    static final int HELLO = 0x01,
            WELCOME = 0x02,
            LIST = 0x10,
            ENTRIES = 0x11,
            LIST_END = 0x12,
            GET = 0x20,
            FILE = 0x21,
            PUT = 0x30,
            READY = 0x31,
            DATA = 0x32,
            STORED = 0x33,
            ERROR = 0x7F;
    static final int BAD_REQUEST = 1,
            UNAUTHORIZED = 3,
            BAD_NAME = 4,
            NOT_FOUND = 5,
            DIGEST_MISMATCH = 12,
            BAD_OFFSET = 13;

    private FileMessages() {}

    static byte[] sha256(byte[] content) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(content);
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    /** A 4-byte length prefix in front of {@code payload}. */
    static byte[] framed(byte[] payload) {
        return ByteBuffer.allocate(4 + payload.length)
                .putInt(payload.length)
                .put(payload)
                .array();
    }

    static byte[] frame(int type) {
        return framed(new byte[] {(byte) type});
    }

    static byte[] hello(int version, String token) {
        byte[] t = token == null ? new byte[0] : token.getBytes(StandardCharsets.UTF_8);
        return framed(ByteBuffer.allocate(1 + 4 + 2 + 2 + t.length)
                .put((byte) HELLO)
                .put("WKFT".getBytes(StandardCharsets.US_ASCII))
                .putShort((short) version)
                .putShort((short) t.length)
                .put(t)
                .array());
    }

    static byte[] get(String name, long offset) {
        byte[] n = name.getBytes(StandardCharsets.UTF_8);
        return framed(ByteBuffer.allocate(1 + 2 + n.length + 8)
                .put((byte) GET)
                .putShort((short) n.length)
                .put(n)
                .putLong(offset)
                .array());
    }

    static byte[] put(String name, long size, byte[] digest) {
        byte[] n = name.getBytes(StandardCharsets.UTF_8);
        return framed(ByteBuffer.allocate(1 + 2 + n.length + 8 + 32 + 8)
                .put((byte) PUT)
                .putShort((short) n.length)
                .put(n)
                .putLong(size)
                .put(digest)
                .putLong(-1)
                .array());
    }

    static byte[] data(long length) {
        return framed(ByteBuffer.allocate(9).put((byte) DATA).putLong(length).array());
    }

    static String printable(String s) {
        StringBuilder sb = new StringBuilder();
        for (char c : s.toCharArray()) {
            sb.append(c < 0x20 || c > 0x7E ? String.format(Locale.ROOT, "\\u%04X", (int) c) : String.valueOf(c));
        }
        return sb.toString();
    }

    /** One message received: its type and the rest of its payload. */
    static final class Frame {
        final int type;
        final ByteBuffer body;

        Frame(int type, ByteBuffer body) {
            this.type = type;
            this.body = body;
        }

        int u16() {
            return body.getShort() & 0xFFFF;
        }

        String text() {
            byte[] b = new byte[u16()];
            body.get(b);
            return new String(b, StandardCharsets.UTF_8);
        }

        boolean isError(int code) {
            return type == ERROR && body.limit() >= 2 && (body.getShort(0) & 0xFFFF) == code;
        }

        void expectType(int expected) {
            FilePeer.check(
                    type == expected,
                    String.format(Locale.ROOT, "expected message type 0x%02X, got %s", expected, this));
        }

        void expectError(int code) {
            FilePeer.check(isError(code), "expected ERROR " + code + ", got " + this);
        }

        @Override
        public String toString() {
            if (type == ERROR && body.limit() >= 4) {
                ByteBuffer b = body.duplicate().position(0);
                int code = b.getShort() & 0xFFFF;
                byte[] text = new byte[Math.max(0, Math.min(b.remaining() - 2, b.getShort() & 0xFFFF))];
                b.get(text);
                return "ERROR " + code + " '" + new String(text, StandardCharsets.UTF_8) + "'";
            }
            return String.format(Locale.ROOT, "type 0x%02X (%d bytes)", type, body.limit());
        }
    }
}
