package dev.wirekit.file.internal;

import dev.wirekit.api.Connection;
import dev.wirekit.file.FileError;
import dev.wirekit.file.internal.FileMessage.Chunk;
import dev.wirekit.file.internal.FileMessage.Data;
import dev.wirekit.file.internal.FileMessage.ErrorReply;
import dev.wirekit.file.internal.FileMessage.PutRequest;
import dev.wirekit.file.internal.FileMessage.Ready;
import dev.wirekit.file.internal.FileMessage.Stored;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.time.Duration;

/**
 * Receives one PUT. The bytes go to the upload's partial file in the hidden work area, hashed as
 * they arrive; only when all have arrived and their SHA-256 matches the one announced is the file
 * renamed into place (an atomic move), so nobody ever sees a partial or unverified file under the
 * name. If the connection breaks, the partial file stays for a resumed upload of the same content;
 * if the digest does not match, or the disk fails, nothing is kept.
 */
final class Upload {
    /** After a failure mid-upload, at most this many of the remaining raw bytes are read and dropped. */
    static final long MAX_DISCARD = 64L << 20;

    private final ServerSettings server;
    private final MessageChannel channel;
    private final Connection connection;
    private final String peer;

    Upload(ServerSettings server, MessageChannel channel, Connection connection, String peer) {
        this.server = server;
        this.channel = channel;
        this.connection = connection;
        this.peer = peer;
    }

    void run(PutRequest put) throws Refusal, IOException, InterruptedException {
        String name = put.name();
        if (server.readOnly()) {
            throw new Refusal(FileError.READ_ONLY, "the server is read-only");
        }
        Path target = server.root().targetForWrite(name);
        if (put.size() > server.maxFileSize()) {
            throw new Refusal(
                    FileError.TOO_LARGE,
                    "'" + NamePolicy.printable(name) + "' has " + put.size() + " bytes; this server accepts at most "
                            + server.maxFileSize());
        }
        UploadArea area = server.uploads();
        try {
            area.ensureExists();
        } catch (IOException e) {
            throw new Refusal(FileError.STORAGE, "the server cannot prepare its upload area: " + e.getMessage());
        }
        area.sweep(server.claims().partsInUse());
        Path part = area.partFor(name, put.size(), put.sha256());
        try (UploadClaims.Claim claim =
                server.claims().claim(name, put.size(), put.sha256(), part, connection::abort, server.busyWait())) {
            area.removeOthers(name, part);
            long offset = partialLength(part, put.size());
            try {
                reserveSpace(claim, name, put.size() - offset);
                receive(put, target, part, offset);
            } finally {
                deleteIfEmpty(part);
            }
        }
    }

    /** An upload that ended before any byte arrived leaves no empty partial file behind. */
    private static void deleteIfEmpty(Path part) throws IOException {
        try {
            if (Files.size(part) == 0) {
                Files.deleteIfExists(part);
            }
        } catch (java.nio.file.NoSuchFileException e) {
            // committed, deleted, or never created
        }
    }

    private static long partialLength(Path part, long size) throws IOException {
        if (!Files.exists(part, LinkOption.NOFOLLOW_LINKS)) {
            return 0;
        }
        long length = Files.size(part);
        if (length > size) {
            Files.delete(part);
            return 0;
        }
        return length;
    }

    private void reserveSpace(UploadClaims.Claim claim, String name, long needed) throws Refusal {
        long usable;
        try {
            usable = server.diskSpace().usableBytes(server.root().path());
        } catch (IOException e) {
            throw new Refusal(
                    FileError.STORAGE, "the server cannot tell how much disk space is free: " + e.getMessage());
        }
        long available = usable - server.claims().reservedBesides(claim) - server.minFreeSpace();
        if (needed > available) {
            throw new Refusal(
                    FileError.NO_SPACE,
                    "not enough free disk space for '" + NamePolicy.printable(name) + "': " + needed + " bytes needed, "
                            + Math.max(0, available) + " available");
        }
        claim.reserve(needed);
    }

    private void receive(PutRequest put, Path target, Path part, long offset) throws Refusal, IOException {
        MessageDigest md = Digest.sha256();
        long due = put.size() - offset;
        try (FileChannel out = FileChannel.open(
                part,
                StandardOpenOption.CREATE,
                StandardOpenOption.READ,
                StandardOpenOption.WRITE,
                LinkOption.NOFOLLOW_LINKS)) {
            Digest.update(md, out, 0, offset);
            channel.send(new Ready(offset));
            FileMessage next = channel.receive(Duration.ZERO);
            if (next == null) {
                return; // the client left before sending: the partial file waits for a resume
            }
            if (!(next instanceof Data data)) {
                throw new Refusal(
                        FileError.BAD_REQUEST,
                        "expected DATA after READY, got " + FileSession.describe(next),
                        true,
                        null);
            }
            if (data.length() != due) {
                throw new Refusal(
                        FileError.BAD_REQUEST,
                        "DATA announces " + data.length() + " bytes, but " + due + " of the " + put.size()
                                + " announced by PUT remain after offset " + offset,
                        true,
                        null);
            }
            long position = offset;
            while (due > 0) {
                FileMessage message = channel.receive(Duration.ZERO);
                if (message == null) {
                    FileSession.LOG.log(
                            Level.INFO,
                            "upload of '" + NamePolicy.printable(put.name()) + "' from " + peer + " interrupted after "
                                    + (position) + " of " + put.size() + " bytes; kept for a resumed upload");
                    return;
                }
                ByteBuffer bytes = ((Chunk) message).data();
                int n = bytes.remaining();
                md.update(bytes.duplicate());
                try {
                    while (bytes.hasRemaining()) {
                        position += out.write(bytes, position);
                    }
                } catch (IOException e) {
                    out.close();
                    storageFailed(put, part, e, due - n);
                    return;
                }
                due -= n;
            }
            out.force(false);
        }
        Digest received = Digest.finish(md);
        if (!received.equals(put.sha256())) {
            Files.deleteIfExists(part);
            throw new Refusal(
                    FileError.DIGEST_MISMATCH,
                    "the data received for '" + NamePolicy.printable(put.name()) + "' has SHA-256 " + received
                            + ", not " + put.sha256() + " as announced; nothing was kept");
        }
        commit(put, target, part, received);
    }

    private void commit(PutRequest put, Path target, Path part, Digest digest) throws Refusal, IOException {
        try {
            if (put.modifiedMillis() >= 0) {
                Files.setLastModifiedTime(part, FileTime.fromMillis(put.modifiedMillis()));
            }
            try {
                Files.move(part, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                throw new IOException("the file system cannot rename atomically: " + e.getMessage(), e);
            }
            BasicFileAttributes attributes =
                    Files.readAttributes(target, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            server.digests().remember(target, attributes, digest);
        } catch (IOException e) {
            Files.deleteIfExists(part);
            throw new Refusal(
                    FileError.STORAGE,
                    "could not store '" + NamePolicy.printable(put.name()) + "': " + e.getMessage()
                            + "; nothing was kept");
        }
        channel.send(new Stored(put.size(), digest));
        FileSession.LOG.log(
                Level.DEBUG,
                () -> "stored '" + NamePolicy.printable(put.name()) + "' (" + put.size() + " bytes) from " + peer);
    }

    /**
     * The disk failed mid-upload: nothing is kept, the client hears why at once, and the rest of
     * its data is read and dropped (up to {@link #MAX_DISCARD}) so the connection can carry on; a
     * client that sends more than that is disconnected.
     */
    private void storageFailed(PutRequest put, Path part, IOException e, long remaining) throws IOException {
        Files.deleteIfExists(part);
        boolean full = isDiskFull(e);
        FileError error = full ? FileError.NO_SPACE : FileError.STORAGE;
        String message = "could not store '" + NamePolicy.printable(put.name()) + "': "
                + (full ? "the server's disk is full" : e.getMessage()) + "; nothing was kept";
        FileSession.LOG.log(Level.WARNING, "upload from " + peer + " failed: " + message + " (" + e + ")");
        channel.send(new ErrorReply(error.code(), message));
        long discarded = 0;
        while (remaining > 0 && discarded < MAX_DISCARD) {
            FileMessage message2 = channel.receive(Duration.ZERO);
            if (message2 == null) {
                return;
            }
            int n = ((Chunk) message2).data().remaining();
            remaining -= n;
            discarded += n;
        }
        if (remaining > 0) {
            channel.close();
        }
    }

    private boolean isDiskFull(IOException e) {
        String text = String.valueOf(e.getMessage());
        if (text.contains("No space left") || text.contains("Disk quota exceeded")) {
            return true;
        }
        try {
            return server.diskSpace().usableBytes(server.root().path()) <= 0;
        } catch (IOException ignored) {
            return false;
        }
    }
}
