package dev.wirekit.file;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Black-box checks of a file transfer server at {@code host:port}, rules FT-1 to FT-17 of
 * {@code docs/protocols/file.md}: it speaks the protocol with plain sockets and hand-built frames,
 * sharing no code with Wirekit's client or server, so it can certify any implementation.
 *
 * <p>The server must accept uploads (not read-only). The checks upload files named {@code
 * ft-<random>-...} and leave them behind. Give the access token if the server requires one; rule
 * FT-17 then also checks that a wrong token is refused.
 *
 * <pre>{@code
 * FileConformanceChecks checks = new FileConformanceChecks(address, null, Duration.ofSeconds(10));
 * for (FileConformanceChecks.Check check : checks.all()) {
 *     check.run();   // throws AssertionError naming the rule and what was wrong
 * }
 * }</pre>
 */
public final class FileConformanceChecks {
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

    private final InetSocketAddress server;
    private final String token;
    private final Duration timeout;
    private final String prefix;
    private final SplittableRandom random;

    /**
     * @param server the server under test
     * @param token its access token, or null when it requires none
     * @param timeout how long any single answer may take
     */
    public FileConformanceChecks(InetSocketAddress server, String token, Duration timeout) {
        this.server = server;
        this.token = token;
        this.timeout = timeout;
        long seed = new SplittableRandom().nextLong();
        this.random = new SplittableRandom(seed);
        this.prefix = "ft-" + Long.toHexString(seed & 0xFFFFFFFFL) + "-";
    }

    /** One rule: its id, what it requires, and the check. */
    public record Check(String id, String requirement, Body body) {
        /** Runs the check; an AssertionError names the rule. */
        public void run() throws Exception {
            try {
                body.run();
            } catch (AssertionError e) {
                throw new AssertionError(id + " (" + requirement + "): " + e.getMessage(), e);
            }
        }

        @Override
        public String toString() {
            return id + ": " + requirement;
        }
    }

    /** The body of a check. */
    @FunctionalInterface
    public interface Body {
        void run() throws Exception;
    }

    /** Every rule, in order. */
    public List<Check> all() {
        return List.of(
                new Check("FT-1", "HELLO version 1 is answered with WELCOME version 1", this::ft1),
                new Check("FT-2", "a first message other than HELLO gets ERROR BAD_REQUEST and a close", this::ft2),
                new Check("FT-3", "a HELLO without the magic bytes closes the connection", this::ft3),
                new Check("FT-4", "PUT with the right SHA-256 is STORED and then LISTed with its size", this::ft4),
                new Check(
                        "FT-5",
                        "GET returns FILE and exactly the bytes stored; the connection stays usable",
                        this::ft5),
                new Check("FT-6", "GET from an offset returns the tail, with the whole file's digest", this::ft6),
                new Check("FT-7", "GET from beyond the end gets ERROR BAD_OFFSET", this::ft7),
                new Check("FT-8", "GET of a missing file gets ERROR NOT_FOUND; the connection stays usable", this::ft8),
                new Check(
                        "FT-9",
                        "PUT whose data does not match its digest gets ERROR DIGEST_MISMATCH and keeps nothing",
                        this::ft9),
                new Check("FT-10", "an interrupted PUT is invisible and resumes from the bytes received", this::ft10),
                new Check("FT-11", "names leading out of the root are refused with BAD_NAME", this::ft11),
                new Check("FT-12", "DATA announcing the wrong length gets ERROR BAD_REQUEST and a close", this::ft12),
                new Check(
                        "FT-13",
                        "an unknown message type gets ERROR BAD_REQUEST; the connection stays usable",
                        this::ft13),
                new Check("FT-14", "bytes after a message's known fields are ignored", this::ft14),
                new Check("FT-15", "an empty file round-trips", this::ft15),
                new Check("FT-16", "an upload in progress is not visible to other clients", this::ft16),
                new Check("FT-17", "a server with a token refuses a wrong one with UNAUTHORIZED", this::ft17));
    }

    // ---- the rules -------------------------------------------------------------------------

    private void ft1() throws IOException {
        try (Peer p = connect()) {
            p.send(hello(1, token));
            Frame f = p.frame();
            f.expectType(WELCOME);
            int version = f.u16();
            check(version == 1, "WELCOME chose version " + version + ", not 1");
            f.body.getInt(); // flags
            check(f.body.getLong() >= 0, "negative maximum file size");
        }
    }

    private void ft2() throws IOException {
        try (Peer p = connect()) {
            p.send(frame(LIST));
            p.frame().expectError(BAD_REQUEST);
            p.expectClosed();
        }
    }

    private void ft3() throws IOException {
        try (Peer p = connect()) {
            ByteBuffer bad = ByteBuffer.allocate(1 + 4 + 2 + 2);
            bad.put((byte) HELLO).putInt(0x48545450).putShort((short) 1).putShort((short) 0);
            p.send(framed(bad.array()));
            p.expectClosedAfterAnyError();
        }
    }

    private void ft4() throws IOException {
        byte[] content = bytes(70_000);
        String name = name("stored.bin");
        try (Peer p = greeted()) {
            p.upload(name, content);
            p.send(frame(LIST));
            long listed = -1;
            while (true) {
                Frame f = p.frame();
                if (f.type == LIST_END) {
                    break;
                }
                f.expectType(ENTRIES);
                int count = f.u16();
                for (int i = 0; i < count; i++) {
                    String n = f.text();
                    long size = f.body.getLong();
                    f.body.getLong();
                    if (n.equals(name)) {
                        listed = size;
                    }
                }
            }
            check(listed == content.length, "LIST shows " + name + " with size " + listed + ", not " + content.length);
        }
    }

    private void ft5() throws IOException {
        byte[] content = bytes(200_001);
        String name = name("download.bin");
        try (Peer p = greeted()) {
            p.upload(name, content);
            byte[] got = p.download(name, 0, content);
            check(Arrays.equals(content, got), "GET returned other bytes than were stored");
            p.download(name, 0, content); // again, on the same connection
        }
    }

    private void ft6() throws IOException {
        byte[] content = bytes(100_000);
        String name = name("tail.bin");
        try (Peer p = greeted()) {
            p.upload(name, content);
            byte[] tail = p.download(name, 60_000, content);
            check(
                    Arrays.equals(Arrays.copyOfRange(content, 60_000, content.length), tail),
                    "GET from 60000 returned other bytes than the tail");
            check(p.download(name, content.length, content).length == 0, "GET from the very end returned bytes");
        }
    }

    private void ft7() throws IOException {
        byte[] content = bytes(10);
        String name = name("short.bin");
        try (Peer p = greeted()) {
            p.upload(name, content);
            p.send(get(name, 11));
            p.frame().expectError(BAD_OFFSET);
            p.download(name, 0, content);
        }
    }

    private void ft8() throws IOException {
        try (Peer p = greeted()) {
            p.send(get(name("missing.bin"), 0));
            p.frame().expectError(NOT_FOUND);
            p.send(frame(LIST));
            p.drainListing();
        }
    }

    private void ft9() throws IOException {
        byte[] content = bytes(50_000);
        byte[] wrong = sha256(bytes(50_000));
        String name = name("mismatch.bin");
        try (Peer p = greeted()) {
            p.send(put(name, content.length, wrong));
            Frame ready = p.frame();
            ready.expectType(READY);
            check(ready.body.getLong() == 0, "a fresh upload must start at offset 0");
            p.send(data(content.length));
            p.sendRaw(content);
            p.frame().expectError(DIGEST_MISMATCH);
            p.send(get(name, 0));
            p.frame().expectError(NOT_FOUND);
        }
    }

    private void ft10() throws Exception {
        byte[] content = bytes(600_000);
        byte[] digest = sha256(content);
        String name = name("resumed.bin");
        int sent = 300_000;
        try (Peer p = greeted()) {
            p.send(put(name, content.length, digest));
            p.frame().expectType(READY);
            p.send(data(content.length));
            p.sendRaw(Arrays.copyOf(content, sent));
        } // closed in order: every byte sent arrives
        try (Peer other = greeted()) {
            other.send(get(name, 0));
            other.frame().expectError(NOT_FOUND);
        }
        long offset = 0;
        long deadline = System.nanoTime() + timeout.toNanos();
        while (offset == 0 && System.nanoTime() < deadline) { // the server may still be reading them
            try (Peer p = greeted()) {
                p.send(put(name, content.length, digest));
                Frame ready = p.frame();
                ready.expectType(READY);
                offset = ready.body.getLong();
            }
        }
        check(offset > 0 && offset <= sent, "READY offered " + offset + " after " + sent + " bytes were sent");
        try (Peer p = greeted()) {
            p.send(put(name, content.length, digest));
            Frame ready = p.frame();
            ready.expectType(READY);
            long from = ready.body.getLong();
            check(from >= offset && from <= sent, "the resume offset went from " + offset + " to " + from);
            p.send(data(content.length - from));
            p.sendRaw(Arrays.copyOfRange(content, (int) from, content.length));
            expectStored(p.frame(), content.length, digest);
            check(Arrays.equals(content, p.download(name, 0, content)), "the resumed file differs");
        }
    }

    private void ft11() throws IOException {
        String[] names = {
            "../" + name("escape"),
            "..",
            ".",
            "",
            "/etc/passwd",
            "a/b",
            "..\\" + name("x"),
            "C:\\x",
            "x\u0000y",
            "CON",
            "nul.txt",
            ".hidden",
            "\uFF0E\uFF0E\uFF0Fx",
            "%2e%2e%2fx"
        };
        try (Peer p = greeted()) {
            for (String n : names) {
                p.send(put(n, 1, sha256(new byte[1])));
                Frame f = p.frame();
                check(f.isError(BAD_NAME), "PUT '" + printable(n) + "' was not refused with BAD_NAME: " + f);
                p.send(get(n, 0));
                f = p.frame();
                check(f.isError(BAD_NAME), "GET '" + printable(n) + "' was not refused with BAD_NAME: " + f);
            }
        }
    }

    private void ft12() throws IOException {
        byte[] content = bytes(1000);
        try (Peer p = greeted()) {
            p.send(put(name("lying.bin"), content.length, sha256(content)));
            p.frame().expectType(READY);
            p.send(data(content.length + 1));
            p.frame().expectError(BAD_REQUEST);
            p.expectClosed();
        }
    }

    private void ft13() throws IOException {
        try (Peer p = greeted()) {
            p.send(framed(new byte[] {0x6E, 1, 2, 3}));
            p.frame().expectError(BAD_REQUEST);
            p.send(frame(LIST));
            p.drainListing();
        }
    }

    private void ft14() throws IOException {
        byte[] content = bytes(5000);
        String name = name("extended.bin");
        try (Peer p = greeted()) {
            p.upload(name, content);
            byte[] request = get(name, 0);
            byte[] longer = Arrays.copyOf(request, request.length + 4);
            ByteBuffer.wrap(longer).putInt(0, request.length); // the length covers the 4 extra bytes
            p.send(longer);
            Frame f = p.frame();
            f.expectType(FILE);
            check(f.body.getLong() == content.length, "FILE size");
            f.body.position(f.body.position() + 8 + 32 + 8);
            long length = f.body.getLong();
            check(Arrays.equals(content, p.readRaw((int) length)), "the file's bytes");
        }
    }

    private void ft15() throws IOException {
        String name = name("empty.bin");
        try (Peer p = greeted()) {
            p.upload(name, new byte[0]);
            check(p.download(name, 0, new byte[0]).length == 0, "an empty file came back with bytes");
        }
    }

    private void ft16() throws IOException {
        byte[] content = bytes(400_000);
        String name = name("invisible.bin");
        try (Peer uploader = greeted();
                Peer watcher = greeted()) {
            uploader.send(put(name, content.length, sha256(content)));
            uploader.frame().expectType(READY);
            uploader.send(data(content.length));
            uploader.sendRaw(Arrays.copyOf(content, 200_000));
            watcher.send(get(name, 0));
            watcher.frame().expectError(NOT_FOUND);
            uploader.sendRaw(Arrays.copyOfRange(content, 200_000, content.length));
            expectStored(uploader.frame(), content.length, sha256(content));
            check(Arrays.equals(content, watcher.download(name, 0, content)), "the stored file differs");
        }
    }

    private void ft17() throws IOException {
        if (token == null) {
            return; // the server requires no token: nothing to refuse
        }
        try (Peer p = connect()) {
            p.send(hello(1, token + "x"));
            p.frame().expectError(UNAUTHORIZED);
            p.expectClosed();
        }
        try (Peer p = connect()) {
            p.send(hello(1, ""));
            p.frame().expectError(UNAUTHORIZED);
            p.expectClosed();
        }
    }

    // ---- wire helpers ----------------------------------------------------------------------

    private Peer connect() throws IOException {
        Socket socket = new Socket();
        socket.connect(server, (int) timeout.toMillis());
        socket.setSoTimeout((int) timeout.toMillis());
        return new Peer(socket);
    }

    private Peer greeted() throws IOException {
        Peer p = connect();
        p.send(hello(1, token));
        p.frame().expectType(WELCOME);
        return p;
    }

    private String name(String suffix) {
        return prefix + suffix;
    }

    private byte[] bytes(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) random.nextInt(256);
        }
        return b;
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

    /** Every check's id, for documentation and reports. */
    public List<String> ids() {
        List<String> ids = new ArrayList<>();
        for (Check c : all()) {
            ids.add(c.id());
        }
        return ids;
    }
}
