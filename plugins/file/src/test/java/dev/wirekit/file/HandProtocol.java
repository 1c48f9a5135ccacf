package dev.wirekit.file;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;

/**
 * The file-transfer protocol by hand, for tests that must send what Wirekit's client never would:
 * message builders, a frame reader and a plain-socket {@link Peer}. The black-box rules themselves
 * live in the testkit ({@code wirekit testkit file}, {@code dev.wirekit.testkit.wire.FileSuite}),
 * which has its own encoder so that it shares nothing with the plugin.
 */
final class HandProtocol {
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
            DELETE = 0x40,
            DELETED = 0x41,
            ERROR = 0x7F;
    static final int BAD_REQUEST = 1,
            UNAUTHORIZED = 3,
            BAD_NAME = 4,
            NOT_FOUND = 5,
            DIGEST_MISMATCH = 12,
            BAD_OFFSET = 13;

    private final Duration timeout;

    /** @param timeout how long any single answer may take ({@link Peer#expectClosed} waits this long) */
    HandProtocol(Duration timeout) {
        this.timeout = timeout;
    }

    private static void expectStored(Frame f, long size, byte[] digest) {
        f.expectType(STORED);
        check(f.body.getLong() == size, "STORED size");
        byte[] d = new byte[32];
        f.body.get(d);
        check(Arrays.equals(digest, d), "STORED digest");
    }

    static void check(boolean ok, String what) {
        if (!ok) {
            throw new AssertionError(what);
        }
    }

    static byte[] sha256(byte[] content) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(content);
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    static String printable(String s) {
        StringBuilder sb = new StringBuilder();
        for (char c : s.toCharArray()) {
            sb.append(c < 0x20 || c > 0x7E ? String.format(Locale.ROOT, "\\u%04X", (int) c) : String.valueOf(c));
        }
        return sb.toString();
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
        return get(name.getBytes(StandardCharsets.UTF_8), offset);
    }

    static byte[] get(byte[] name, long offset) {
        return framed(ByteBuffer.allocate(1 + 2 + name.length + 8)
                .put((byte) GET)
                .putShort((short) name.length)
                .put(name)
                .putLong(offset)
                .array());
    }

    static byte[] put(String name, long size, byte[] digest) {
        return put(name.getBytes(StandardCharsets.UTF_8), size, digest);
    }

    static byte[] put(byte[] name, long size, byte[] digest) {
        return framed(ByteBuffer.allocate(1 + 2 + name.length + 8 + 32 + 8)
                .put((byte) PUT)
                .putShort((short) name.length)
                .put(name)
                .putLong(size)
                .put(digest)
                .putLong(-1)
                .array());
    }

    static byte[] delete(byte[] name) {
        return framed(ByteBuffer.allocate(1 + 2 + name.length)
                .put((byte) DELETE)
                .putShort((short) name.length)
                .put(name)
                .array());
    }

    static byte[] data(long length) {
        return framed(ByteBuffer.allocate(9).put((byte) DATA).putLong(length).array());
    }

    /** One frame received: its type and the rest of its payload. */
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
            return type == ERROR && (body.getShort(0) & 0xFFFF) == code;
        }

        void expectType(int expected) {
            check(type == expected, String.format(Locale.ROOT, "expected message type 0x%02X, got %s", expected, this));
        }

        void expectError(int code) {
            check(isError(code), "expected ERROR " + code + ", got " + this);
        }

        @Override
        public String toString() {
            if (type == ERROR) {
                ByteBuffer b = body.duplicate().position(0);
                int code = b.getShort() & 0xFFFF;
                byte[] text = new byte[Math.min(b.remaining() - 2, b.getShort() & 0xFFFF)];
                b.get(text);
                return "ERROR " + code + " '" + new String(text, StandardCharsets.UTF_8) + "'";
            }
            return String.format(Locale.ROOT, "type 0x%02X (%d bytes)", type, body.limit());
        }
    }

    /** A plain-socket connection speaking the protocol by hand. */
    final class Peer implements AutoCloseable {
        final Socket socket;
        final DataInputStream in;
        final DataOutputStream out;

        Peer(Socket socket) throws IOException {
            this.socket = socket;
            this.in = new DataInputStream(socket.getInputStream());
            this.out = new DataOutputStream(socket.getOutputStream());
        }

        void send(byte[] bytes) throws IOException {
            out.write(bytes);
            out.flush();
        }

        void sendRaw(byte[] bytes) throws IOException {
            send(bytes);
        }

        Frame frame() throws IOException {
            int length = in.readInt();
            check(length > 0 && length <= 65536, "frame length " + length);
            byte[] payload = new byte[length];
            in.readFully(payload);
            return new Frame(
                    payload[0] & 0xFF, ByteBuffer.wrap(payload, 1, length - 1).slice());
        }

        byte[] readRaw(int n) throws IOException {
            byte[] b = new byte[n];
            in.readFully(b);
            return b;
        }

        /** PUT, DATA, the bytes; expects READY 0 and STORED with the right size and digest. */
        void upload(String name, byte[] content) throws IOException {
            byte[] digest = sha256(content);
            send(put(name, content.length, digest));
            Frame ready = frame();
            ready.expectType(READY);
            check(ready.body.getLong() == 0, "a fresh upload of " + name + " must start at offset 0");
            send(data(content.length));
            sendRaw(content);
            expectStored(frame(), content.length, digest);
        }

        /** GET from {@code offset}; checks the FILE header against {@code whole} and returns the bytes. */
        byte[] download(String name, long offset, byte[] whole) throws IOException {
            send(get(name, offset));
            Frame f = frame();
            f.expectType(FILE);
            long size = f.body.getLong();
            f.body.getLong(); // modification time
            byte[] digest = new byte[32];
            f.body.get(digest);
            long at = f.body.getLong();
            long length = f.body.getLong();
            check(size == whole.length, "FILE size " + size + ", expected " + whole.length);
            check(Arrays.equals(digest, sha256(whole)), "FILE digest is not the whole file's SHA-256");
            check(at == offset, "FILE offset " + at + ", expected " + offset);
            check(length == whole.length - offset, "FILE length " + length + ", expected " + (whole.length - offset));
            return readRaw((int) length);
        }

        void drainListing() throws IOException {
            while (true) {
                Frame f = frame();
                if (f.type == LIST_END) {
                    return;
                }
                f.expectType(ENTRIES);
            }
        }

        /** Expects the server to close the connection (EOF or reset) without sending more. */
        void expectClosed() throws IOException {
            try {
                int b = in.read();
                check(b < 0, "the connection stayed open (read byte " + b + ")");
            } catch (SocketTimeoutException e) {
                throw new AssertionError("the connection stayed open for " + timeout);
            } catch (IOException e) {
                // reset: closed
            }
        }

        /** Expects the server to close, after an ERROR or not. */
        void expectClosedAfterAnyError() throws IOException {
            ByteArrayOutputStream seen = new ByteArrayOutputStream();
            try {
                int b;
                while ((b = in.read()) >= 0) {
                    seen.write(b);
                    check(seen.size() < 70_000, "the server keeps sending");
                }
            } catch (SocketTimeoutException e) {
                throw new AssertionError("the connection stayed open for " + timeout);
            } catch (EOFException e) {
                // closed
            } catch (IOException e) {
                // reset: closed
            }
            byte[] bytes = seen.toByteArray();
            if (bytes.length > 0) {
                check(
                        bytes.length > 5 && (bytes[4] & 0xFF) == ERROR,
                        "the server answered with something else than ERROR");
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
