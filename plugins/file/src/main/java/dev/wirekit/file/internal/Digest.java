package dev.wirekit.file.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/** A SHA-256 digest: 32 bytes, compared by value, shown in lower-case hex. */
public final class Digest {
    /** The length of a SHA-256 digest in bytes. */
    public static final int LENGTH = 32;

    private static final HexFormat HEX = HexFormat.of();
    private static final int READ_CHUNK = 64 * 1024;

    private final byte[] bytes;

    private Digest(byte[] bytes) {
        this.bytes = bytes;
    }

    /** A digest from its 32 bytes (copied). */
    public static Digest of(byte[] bytes) {
        if (bytes.length != LENGTH) {
            throw new IllegalArgumentException("a SHA-256 digest has 32 bytes, not " + bytes.length);
        }
        return new Digest(bytes.clone());
    }

    /** A digest from 64 hex digits. */
    public static Digest ofHex(String hex) {
        return of(HEX.parseHex(hex));
    }

    /** A fresh SHA-256 {@link MessageDigest}. */
    public static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /** The digest {@code md} has computed so far (which resets it). */
    public static Digest finish(MessageDigest md) {
        return new Digest(md.digest());
    }

    /**
     * Feeds {@code length} bytes of {@code file} from {@code position} into {@code md}, reading in
     * bounded chunks with positional reads (the channel's position is not changed).
     *
     * @throws java.io.EOFException when the file is shorter than that
     */
    public static void update(MessageDigest md, FileChannel file, long position, long length) throws IOException {
        update(md, file, position, length, done -> {});
    }

    /**
     * As {@link #update(MessageDigest, FileChannel, long, long)}, telling {@code progress} how
     * many bytes are done after each chunk.
     */
    public static void update(
            MessageDigest md, FileChannel file, long position, long length, java.util.function.LongConsumer progress)
            throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(READ_CHUNK, Math.max(1, length)));
        long done = 0;
        while (done < length) {
            buffer.clear().limit((int) Math.min(buffer.capacity(), length - done));
            int n = file.read(buffer, position + done);
            if (n < 0) {
                throw new java.io.EOFException("the file ended after " + (position + done) + " bytes, "
                        + (length - done) + " bytes before the expected end");
            }
            buffer.flip();
            md.update(buffer);
            done += n;
            progress.accept(done);
        }
    }

    /** The digest of {@code length} bytes of {@code file} from its start. */
    public static Digest of(FileChannel file, long length) throws IOException {
        MessageDigest md = sha256();
        update(md, file, 0, length);
        return finish(md);
    }

    /** A copy of the 32 bytes. */
    public byte[] bytes() {
        return bytes.clone();
    }

    /** Writes the 32 bytes to {@code out}. */
    public void writeTo(ByteBuffer out) {
        out.put(bytes);
    }

    /** 64 lower-case hex digits. */
    public String hex() {
        return HEX.formatHex(bytes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Digest d && MessageDigest.isEqual(bytes, d.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return hex();
    }
}
