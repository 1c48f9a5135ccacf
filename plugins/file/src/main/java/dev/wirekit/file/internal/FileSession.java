package dev.wirekit.file.internal;

import dev.wirekit.api.Connection;
import dev.wirekit.api.framing.FramingException;
import dev.wirekit.file.FileError;
import dev.wirekit.file.internal.FileMessage.Chunk;
import dev.wirekit.file.internal.FileMessage.Data;
import dev.wirekit.file.internal.FileMessage.DeleteRequest;
import dev.wirekit.file.internal.FileMessage.Deleted;
import dev.wirekit.file.internal.FileMessage.Entries;
import dev.wirekit.file.internal.FileMessage.Entry;
import dev.wirekit.file.internal.FileMessage.ErrorReply;
import dev.wirekit.file.internal.FileMessage.FileHeader;
import dev.wirekit.file.internal.FileMessage.GetRequest;
import dev.wirekit.file.internal.FileMessage.Hello;
import dev.wirekit.file.internal.FileMessage.ListEnd;
import dev.wirekit.file.internal.FileMessage.ListRequest;
import dev.wirekit.file.internal.FileMessage.PutRequest;
import dev.wirekit.file.internal.FileMessage.Unknown;
import dev.wirekit.file.internal.FileMessage.Welcome;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One client connection to a file server, from HELLO to the end: straight-line blocking code on
 * the connection's own virtual thread. Requests are handled one at a time, in order. A refused
 * request gets an ERROR reply and one log line; the connection goes on unless the refusal says the
 * stream can no longer be trusted.
 */
public final class FileSession {
    static final System.Logger LOG = System.getLogger("dev.wirekit.file");
    private static final int MAX_ERROR_TEXT = 1000;

    private final ServerSettings server;
    private final Connection connection;
    private final MessageChannel channel;
    private final String peer;
    /** The last download's file, open until the transport has written it all. */
    private ServedRoot.OpenFile sending;

    public FileSession(ServerSettings server, Connection connection) {
        this.server = server;
        this.connection = connection;
        this.channel = new MessageChannel(connection);
        this.peer = String.valueOf(connection.remoteAddress());
    }

    /** Serves the connection until the client leaves or the connection must close. */
    public void run() throws IOException, InterruptedException {
        try {
            if (!greet()) {
                return;
            }
            FileMessage request;
            while ((request = next()) != null) {
                finishSending();
                try {
                    handle(request);
                } catch (Refusal refusal) {
                    refuse(describe(request), refusal);
                    if (refusal.endsConnection()) {
                        return;
                    }
                } catch (FramingException e) {
                    throw e;
                } catch (RuntimeException e) {
                    failed(describe(request), e);
                    return;
                }
            }
        } catch (FramingException e) {
            refuse("a message", new Refusal(FileError.BAD_REQUEST, "malformed message: " + e.getMessage(), true, e));
        } finally {
            finishSending();
        }
    }

    /** The next request; the read buffer shrinks first, since the connection may now wait long. */
    private FileMessage next() throws IOException {
        channel.shrinkWhenIdle();
        return channel.receive(Duration.ZERO);
    }

    /**
     * Closes the last download's file once the transport has written it: at once when the client
     * has read it all (it sends its next request, or closes, only then), after a flush otherwise.
     */
    private void finishSending() throws IOException {
        ServedRoot.OpenFile file = sending;
        if (file == null) {
            return;
        }
        sending = null;
        try {
            if (connection.isOpen()) {
                channel.flush();
            }
        } catch (IOException e) {
            // the connection failed or the reader stalled: the transport reports it
        } finally {
            file.close();
        }
    }

    private boolean greet() throws IOException {
        FileMessage first = channel.receive(Duration.ZERO);
        if (first == null) {
            return false;
        }
        if (!(first instanceof Hello hello)) {
            refuse(
                    "the first message",
                    new Refusal(
                            FileError.BAD_REQUEST,
                            "the first message must be HELLO, not " + describe(first),
                            true,
                            null));
            return false;
        }
        if (hello.version() < 1) {
            refuse(
                    "HELLO",
                    new Refusal(
                            FileError.UNSUPPORTED_VERSION,
                            "version " + hello.version() + " is not supported; this server speaks version "
                                    + FileCodec.VERSION,
                            true,
                            null));
            return false;
        }
        if (server.tokenHash() != null && !tokenMatches(hello.token())) {
            refuse(
                    "HELLO",
                    new Refusal(
                            FileError.UNAUTHORIZED,
                            hello.token().isEmpty()
                                    ? "this server requires an access token"
                                    : "the access token is not valid",
                            true,
                            null));
            return false;
        }
        int flags = (server.readOnly() ? Welcome.READ_ONLY : 0)
                | (server.allowDelete() && !server.readOnly() ? Welcome.DELETE_ALLOWED : 0);
        channel.send(new Welcome(Math.min(hello.version(), FileCodec.VERSION), flags, server.maxFileSize()));
        return true;
    }

    /** Compares in constant time: both sides are hashed first, so even lengths do not leak. */
    private boolean tokenMatches(String token) {
        byte[] given = Digest.sha256().digest(token.getBytes(StandardCharsets.UTF_8));
        return MessageDigest.isEqual(server.tokenHash(), given);
    }

    private void handle(FileMessage request) throws Refusal, IOException, InterruptedException {
        switch (request) {
            case ListRequest l -> list();
            case GetRequest g -> sending = new Download(server, channel, peer).run(g);
            case PutRequest p -> new Upload(server, channel, connection, peer).run(p);
            case DeleteRequest d -> delete(d);
            case Hello h -> throw new Refusal(FileError.BAD_REQUEST, "HELLO was already received");
            case Unknown u ->
                throw new Refusal(
                        FileError.BAD_REQUEST,
                        String.format(
                                "unknown message type 0x%02X (this server speaks version %d)",
                                u.type(), FileCodec.VERSION));
            case Data d ->
                throw new Refusal(FileError.BAD_REQUEST, "DATA without a PUT that was answered with READY", true, null);
            case Chunk c -> throw new Refusal(FileError.BAD_REQUEST, "raw bytes outside an upload", true, null);
            default ->
                throw new Refusal(
                        FileError.BAD_REQUEST,
                        describe(request) + " is a message only a server sends",
                        request.rawLength() > 0,
                        null);
        }
    }

    private void list() throws IOException {
        List<Entry> batch = new ArrayList<>();
        int[] bytes = {3};
        long[] count = {0};
        server.root().list(entry -> {
            int size = FileCodec.entrySize(entry);
            if (bytes[0] + size > FileFramer.MAX_FRAME || batch.size() == 0xFFFF) {
                channel.send(new Entries(batch));
                batch.clear();
                bytes[0] = 3;
            }
            batch.add(entry);
            bytes[0] += size;
            count[0]++;
        });
        if (!batch.isEmpty()) {
            channel.send(new Entries(batch));
        }
        channel.send(new ListEnd(count[0]));
    }

    private void delete(DeleteRequest request) throws Refusal, IOException {
        if (server.readOnly()) {
            throw new Refusal(FileError.READ_ONLY, "the server is read-only");
        }
        if (!server.allowDelete()) {
            throw new Refusal(FileError.DELETE_DISABLED, "the server does not allow deleting files");
        }
        server.root().delete(request.name());
        channel.send(new Deleted());
        LOG.log(Level.INFO, () -> "deleted '" + NamePolicy.printable(request.name()) + "' for " + peer);
    }

    /** A bug: one log line with the stack trace, an INTERNAL error to the client, and a close. */
    private void failed(String what, RuntimeException e) {
        LOG.log(Level.ERROR, "failed to handle " + what + " from " + peer + "; closing the connection", e);
        try {
            channel.send(new ErrorReply(
                    FileError.INTERNAL.code(), "the server failed to handle the request; its log says why"));
        } catch (IOException | RuntimeException ignored) {
            // the connection may be what failed
        } finally {
            channel.close();
        }
    }

    /** Sends the refusal as an ERROR, logs it once, and closes when it ends the connection. */
    private void refuse(String what, Refusal refusal) throws IOException {
        String message = refusal.getMessage();
        if (message.length() > MAX_ERROR_TEXT) {
            message = message.substring(0, MAX_ERROR_TEXT) + "...";
        }
        Level level = switch (refusal.error()) {
            case BAD_NAME, BAD_REQUEST, UNAUTHORIZED, UNSUPPORTED_VERSION, INTERNAL -> Level.WARNING;
            default -> Level.INFO;
        };
        String line = "refused " + what + " from " + peer + ": " + refusal.error() + ": " + message
                + (refusal.endsConnection() ? " (closing the connection)" : "");
        LOG.log(level, line);
        ErrorReply reply = new ErrorReply(refusal.error().code(), message);
        if (refusal.endsConnection()) {
            try {
                channel.send(reply);
            } finally {
                channel.close();
            }
        } else {
            channel.send(reply);
        }
    }

    static String describe(FileMessage message) {
        return switch (message) {
            case GetRequest g -> "GET '" + NamePolicy.printable(g.name()) + "'";
            case PutRequest p -> "PUT '" + NamePolicy.printable(p.name()) + "'";
            case DeleteRequest d -> "DELETE '" + NamePolicy.printable(d.name()) + "'";
            case ListRequest l -> "LIST";
            case FileHeader f -> "FILE";
            default -> message.getClass().getSimpleName().toUpperCase(java.util.Locale.ROOT);
        };
    }
}
