package dev.wirekit.file;

import dev.wirekit.file.internal.Digest;
import dev.wirekit.file.internal.FileMessage;
import dev.wirekit.file.internal.FileMessage.Data;
import dev.wirekit.file.internal.FileMessage.ErrorReply;
import dev.wirekit.file.internal.FileMessage.PutRequest;
import dev.wirekit.file.internal.FileMessage.Ready;
import dev.wirekit.file.internal.FileMessage.Stored;
import dev.wirekit.file.internal.MessageChannel;
import java.io.EOFException;
import java.io.IOException;
import java.net.ProtocolException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One {@link FileClient#upload}: hash the file, PUT, send the data from where the server's partial
 * upload ends, and wait for STORED. While it sends, a virtual thread waits for the server's answer,
 * so a refusal mid-way (a full disk) stops the sending at once instead of after the whole file.
 */
final class ClientUpload {
    /**
     * Data is handed to the connection this many bytes at a time, between progress reports: small
     * enough that even a slow link makes room for the next slice well within the write timeout.
     */
    private static final long SLICE = 256 * 1024;

    private final FileClient client;
    private final Path source;
    private final String name;
    private final TransferListener listener;
    private final long start = System.nanoTime();

    ClientUpload(FileClient client, Path source, String name, TransferListener listener) {
        this.client = client;
        this.source = source;
        this.name = name;
        this.listener = listener;
    }

    TransferResult run() throws IOException {
        try (FileChannel in = FileChannel.open(source, StandardOpenOption.READ)) {
            long size = in.size();
            java.security.MessageDigest md = Digest.sha256();
            Digest.update(md, in, 0, size, done -> listener.hashing(name, done, size));
            Digest digest = Digest.finish(md);
            long modified = Files.getLastModifiedTime(source).toMillis();
            MessageChannel ch;
            long offset;
            try {
                FileMessage reply = client.exchange(new PutRequest(name, size, digest, modified));
                ch = client.current();
                if (!(reply instanceof Ready ready)) {
                    throw client.refusalOrProtocolError(reply, "READY");
                }
                offset = ready.offset();
                if (offset < 0 || offset > size) {
                    client.drop();
                    throw new ProtocolException(
                            "the server asked for the data from " + offset + " of a " + size + "-byte file");
                }
                ch.send(new Data(size - offset));
            } catch (FileTransferException e) {
                throw e;
            } catch (IOException | RuntimeException e) {
                client.drop();
                throw e;
            }
            Stored stored = send(ch, in, size, offset);
            if (stored.size() != size || !stored.sha256().equals(digest)) {
                throw new FileTransferException(
                        FileError.DIGEST_MISMATCH,
                        "the server stored " + stored.size() + " bytes with SHA-256 " + stored.sha256() + ", not "
                                + size + " bytes with " + digest);
            }
            return new TransferResult(name, size, offset, digest.hex(), Duration.ofNanos(System.nanoTime() - start));
        }
    }

    private Stored send(MessageChannel ch, FileChannel in, long size, long offset) throws IOException {
        CompletableFuture<FileMessage> answer = new CompletableFuture<>();
        Thread.ofVirtual().name("wirekit-file-upload-answer").start(() -> {
            try {
                answer.complete(ch.receive(Duration.ZERO));
            } catch (Throwable t) {
                answer.completeExceptionally(t);
            }
        });
        long position = offset;
        try {
            listener.started(name, offset, size);
            while (position < size && !answer.isDone()) {
                long n = Math.min(SLICE, size - position);
                ch.sendFile(in, position, n);
                position += n;
                listener.progressed(position, size);
            }
            FileMessage reply = await(answer);
            if (reply == null) {
                throw new EOFException("the server closed the connection before confirming the upload of '" + name
                        + "'; upload again to resume");
            }
            if (reply instanceof ErrorReply && position < size) {
                client.drop(); // it stopped reading our data: the stream is out of step
            }
            if (!(reply instanceof Stored stored)) {
                throw client.refusalOrProtocolError(reply, "STORED");
            }
            return stored;
        } catch (FileTransferException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            // Reset the connection; the answer thread then ends at once, with the server's ERROR if
            // one had arrived (a refusal mid-way is why sending fails), else with the failure.
            client.drop();
            FileMessage early = null;
            try {
                early = answer.get(client.timeout().toNanos(), TimeUnit.NANOSECONDS);
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | TimeoutException ignored) {
                // no answer: report the failure itself
            }
            if (early instanceof ErrorReply && e instanceof IOException) {
                throw client.refusalOrProtocolError(early, "STORED");
            }
            throw e;
        }
    }

    /**
     * The server's answer. It comes once the server has received, hashed and synced every byte, so
     * no fixed deadline fits every file and link: the wait lasts as long as the connection lives,
     * which its own rules bound (the write timeout while data is still queued, the idle timeout
     * for a server that goes silent).
     */
    private FileMessage await(CompletableFuture<FileMessage> answer) throws IOException {
        try {
            return answer.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while waiting for the server");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IOException(e.getCause());
        }
    }
}
