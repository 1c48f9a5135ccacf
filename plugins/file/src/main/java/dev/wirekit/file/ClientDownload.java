package dev.wirekit.file;

import dev.wirekit.file.internal.Digest;
import dev.wirekit.file.internal.FileMessage;
import dev.wirekit.file.internal.FileMessage.Chunk;
import dev.wirekit.file.internal.FileMessage.ErrorReply;
import dev.wirekit.file.internal.FileMessage.FileHeader;
import dev.wirekit.file.internal.FileMessage.GetRequest;
import dev.wirekit.file.internal.MessageChannel;
import java.io.EOFException;
import java.io.IOException;
import java.net.ProtocolException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.time.Duration;

/** One {@link FileClient#download}: GET from the end of the {@code .part} file, verify, rename. */
final class ClientDownload {
    private final FileClient client;
    private final String name;
    private final Path target;
    private final Path part;
    private final TransferListener listener;
    private final long start = System.nanoTime();

    ClientDownload(FileClient client, String name, Path target, TransferListener listener) {
        this.client = client;
        this.name = name;
        this.target = target;
        this.part = partFile(target);
        this.listener = listener;
    }

    /** Where the download to {@code target} collects its bytes until they are verified. */
    static Path partFile(Path target) {
        Path fileName = target.getFileName();
        if (fileName == null) {
            throw new IllegalArgumentException("not a file path: " + target);
        }
        return target.resolveSibling(fileName + ".part");
    }

    TransferResult run() throws IOException {
        try {
            return attempt();
        } catch (StartOver again) {
            Files.deleteIfExists(part);
            return attempt();
        }
    }

    /** The partial file does not belong to the server's current file: start from zero, once. */
    private static final class StartOver extends IOException {
        private static final long serialVersionUID = 1L;
    }

    private TransferResult attempt() throws IOException {
        long offset = Files.exists(part) ? Files.size(part) : 0;
        MessageChannel ch;
        FileHeader header;
        try {
            FileMessage reply = client.exchange(new GetRequest(name, offset));
            ch = client.current();
            if (reply instanceof ErrorReply error && error.code() == FileError.BAD_OFFSET.code() && offset > 0) {
                throw new StartOver();
            }
            if (!(reply instanceof FileHeader h)) {
                throw client.refusalOrProtocolError(reply, "FILE");
            }
            header = h;
            if (h.offset() != offset || h.size() < offset || h.length() != h.size() - offset) {
                client.drop();
                throw new ProtocolException("the server answered GET from " + offset + " with the range " + h.offset()
                        + "+" + h.length() + " of a " + h.size() + "-byte file");
            }
        } catch (FileTransferException | StartOver e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            client.drop();
            throw e;
        }
        Digest received = receiveInto(ch, header, offset);
        if (!received.equals(header.sha256())) {
            Files.deleteIfExists(part);
            if (offset > 0) {
                throw new StartOver();
            }
            throw new FileTransferException(
                    FileError.DIGEST_MISMATCH,
                    "the data received for '" + name + "' has SHA-256 " + received + ", but the server announced "
                            + header.sha256() + "; nothing was kept");
        }
        Files.setLastModifiedTime(part, FileTime.fromMillis(header.modifiedMillis()));
        try {
            Files.move(part, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(part, target, StandardCopyOption.REPLACE_EXISTING);
        }
        return new TransferResult(
                name, header.size(), offset, header.sha256().hex(), Duration.ofNanos(System.nanoTime() - start));
    }

    private Digest receiveInto(MessageChannel ch, FileHeader header, long offset) throws IOException {
        MessageDigest md = Digest.sha256();
        try (FileChannel out =
                FileChannel.open(part, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            Digest.update(md, out, 0, offset, done -> listener.hashing(name, done, offset));
            listener.started(name, offset, header.size());
            long position = offset;
            while (position < header.size()) {
                FileMessage message = ch.receive(client.timeout());
                if (message == null) {
                    throw new EOFException("the server closed the connection after " + position + " of "
                            + header.size() + " bytes of '" + name + "'; " + part
                            + " keeps them: download again to resume");
                }
                ByteBuffer bytes = ((Chunk) message).data();
                md.update(bytes.duplicate());
                while (bytes.hasRemaining()) {
                    position += out.write(bytes, position);
                }
                listener.progressed(position, header.size());
            }
        } catch (IOException | RuntimeException e) {
            client.drop();
            throw e;
        }
        return Digest.finish(md);
    }
}
