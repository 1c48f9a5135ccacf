package dev.wirekit.testkit.wire;

import static dev.wirekit.testkit.wire.FileMessages.*;

import dev.wirekit.api.Connection;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;

/** One connection of the file suite, speaking the file-transfer protocol by hand. */
final class FilePeer implements AutoCloseable {
    private final Connection connection;
    private final DataInputStream in;
    private final Duration timeout;

    FilePeer(Connection connection, Duration timeout) {
        this.connection = connection;
        this.timeout = timeout;
        this.in = new DataInputStream(new TimedInput(connection, timeout));
    }

    static void check(boolean ok, String what) {
        if (!ok) {
            throw new AssertionError(what);
        }
    }

    void send(byte[] bytes) throws IOException {
        connection.write(ByteBuffer.wrap(bytes));
    }

    Frame frame() throws IOException {
        int length;
        try {
            length = in.readInt();
        } catch (EOFException e) {
            throw new AssertionError("the server closed the connection instead of answering");
        }
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
        send(content);
        expectStored(frame(), content.length, digest);
    }

    static void expectStored(Frame f, long size, byte[] digest) {
        f.expectType(STORED);
        check(f.body.getLong() == size, "STORED size");
        byte[] d = new byte[32];
        f.body.get(d);
        check(Arrays.equals(digest, d), "STORED digest");
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

    /** Reads ENTRIES messages up to LIST_END. */
    void drainListing() throws IOException {
        while (true) {
            Frame f = frame();
            if (f.type == LIST_END) {
                return;
            }
            f.expectType(ENTRIES);
        }
    }

    /** Expects the server to close the connection (end of stream or reset) without sending more. */
    void expectClosed() throws IOException {
        try {
            int b = in.read();
            check(b < 0, "the connection stayed open (read byte " + b + ")");
        } catch (SocketTimeoutException e) {
            throw new AssertionError("the connection stayed open for " + timeout);
        } catch (IOException e) {
            // a reset: closed
        }
    }

    /** Expects the server to close, after an ERROR or without one. */
    void expectClosedAfterAnyError() throws IOException {
        java.io.ByteArrayOutputStream seen = new java.io.ByteArrayOutputStream();
        try {
            int b;
            while ((b = in.read()) >= 0) {
                seen.write(b);
                check(seen.size() < 70_000, "the server keeps sending");
            }
        } catch (SocketTimeoutException e) {
            throw new AssertionError("the connection stayed open for " + timeout);
        } catch (IOException e) {
            // a reset: closed
        }
        byte[] bytes = seen.toByteArray();
        if (bytes.length > 0) {
            check(bytes.length > 5 && (bytes[4] & 0xFF) == ERROR, "the server answered with something else than ERROR");
        }
    }

    @Override
    public void close() {
        connection.close();
    }
}
