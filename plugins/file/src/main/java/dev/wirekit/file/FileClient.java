package dev.wirekit.file;

import dev.wirekit.api.Transport;
import dev.wirekit.api.TransportOptions;
import dev.wirekit.api.framing.FramingException;
import dev.wirekit.file.internal.FileCodec;
import dev.wirekit.file.internal.FileMessage;
import dev.wirekit.file.internal.FileMessage.DeleteRequest;
import dev.wirekit.file.internal.FileMessage.Deleted;
import dev.wirekit.file.internal.FileMessage.Entries;
import dev.wirekit.file.internal.FileMessage.Entry;
import dev.wirekit.file.internal.FileMessage.ErrorReply;
import dev.wirekit.file.internal.FileMessage.Hello;
import dev.wirekit.file.internal.FileMessage.ListEnd;
import dev.wirekit.file.internal.FileMessage.ListRequest;
import dev.wirekit.file.internal.FileMessage.Welcome;
import dev.wirekit.file.internal.MessageChannel;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ProtocolException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A client of a {@link FileServer}: list, download, upload and delete files, with progress, resume
 * and end-to-end SHA-256 verification.
 *
 * <pre>{@code
 * try (FileClient files = FileClient.builder(transport, new InetSocketAddress("files.example", 7021))
 *         .options(tlsClientOptions)
 *         .token(token)
 *         .connect()) {
 *     for (RemoteFile f : files.list()) {
 *         System.out.println(f.name() + " " + f.size());
 *     }
 *     files.download("report.pdf", Path.of("report.pdf"));
 *     files.upload(Path.of("photo.jpg"));
 * }
 * }</pre>
 *
 * <h2>Resuming</h2>
 *
 * A download writes to {@code TARGET.part} next to its target and renames it to the target only
 * once the whole file's SHA-256 matches the server's; if it is interrupted, the {@code .part} file
 * stays, and the next download to the same target continues from its end (and starts over, once,
 * if the file changed on the server meanwhile). An interrupted upload is kept by the server; the
 * next upload of the same content under the same name continues where it stopped. Nothing has to
 * be asked for: both resume by themselves.
 *
 * <h2>Connections and threads</h2>
 *
 * The client keeps one connection, opened by {@link Builder#connect()} and reopened by the next
 * operation when it was lost. Operations run one at a time (callers from several threads take
 * turns); for parallel transfers use several clients. Memory stays flat whatever the file size.
 */
public final class FileClient implements AutoCloseable {
    /** How long the client waits for each answer or piece of data by default. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    private final Transport transport;
    private final InetSocketAddress address;
    private final TransportOptions options;
    private final String token;
    private final Duration timeout;
    private final ReentrantLock lock = new ReentrantLock();
    private MessageChannel channel;
    private ServerInfo info;
    private boolean closed;

    private FileClient(Builder b) {
        this.transport = b.transport;
        this.address = b.address;
        this.options = b.options;
        this.token = b.token;
        this.timeout = b.timeout;
    }

    /** A builder for a client of the server at {@code address}, connecting with {@code transport}. */
    public static Builder builder(Transport transport, InetSocketAddress address) {
        return new Builder(transport, address);
    }

    /** Connects to the server at {@code address} with {@code options} and no token. */
    public static FileClient connect(Transport transport, InetSocketAddress address, TransportOptions options)
            throws IOException {
        return builder(transport, address).options(options).connect();
    }

    /** What the server said about itself when this client last connected. */
    public ServerInfo serverInfo() throws IOException {
        lock.lock();
        try {
            channel();
            return info;
        } finally {
            lock.unlock();
        }
    }

    /** The files the server offers, sorted by name. */
    public List<RemoteFile> list() throws IOException {
        lock.lock();
        try {
            List<RemoteFile> files = new ArrayList<>();
            try {
                FileMessage reply = exchange(new ListRequest());
                MessageChannel ch = channel;
                while (true) {
                    if (reply instanceof Entries entries) {
                        for (Entry e : entries.entries()) {
                            files.add(new RemoteFile(e.name(), e.size(), Instant.ofEpochMilli(e.modifiedMillis())));
                        }
                    } else if (reply instanceof ListEnd end) {
                        if (end.count() != files.size()) {
                            throw new ProtocolException(
                                    "the server announced " + end.count() + " entries but sent " + files.size());
                        }
                        break;
                    } else {
                        throw refusalOrProtocolError(reply, "ENTRIES or END");
                    }
                    reply = receive(ch);
                }
            } catch (FileTransferException e) {
                throw e;
            } catch (IOException | RuntimeException e) {
                drop();
                throw e;
            }
            files.sort(Comparator.comparing(RemoteFile::name));
            return files;
        } finally {
            lock.unlock();
        }
    }

    /** {@link #download(String, Path, TransferListener)} without a listener. */
    public TransferResult download(String name, Path target) throws IOException {
        return download(name, target, TransferListener.NONE);
    }

    /**
     * Downloads file {@code name} to {@code target} (replacing it), resuming from
     * {@code target.part} if an earlier download left one. The file appears under {@code target}
     * only once it is complete and its SHA-256 matches the server's.
     *
     * @throws FileTransferException when the server refuses ({@link FileError#NOT_FOUND},
     *     {@link FileError#BAD_NAME}...) or the data does not match its digest
     * @throws IOException when the connection fails; the {@code .part} file keeps what arrived
     */
    public TransferResult download(String name, Path target, TransferListener listener) throws IOException {
        Objects.requireNonNull(listener, "listener");
        lock.lock();
        try {
            return new ClientDownload(this, name, target, listener).run();
        } finally {
            lock.unlock();
        }
    }

    /** Uploads {@code source} under its own file name. */
    public TransferResult upload(Path source) throws IOException {
        return upload(source, source.getFileName().toString(), TransferListener.NONE);
    }

    /**
     * Uploads {@code source} as file {@code name} (replacing a file of that name once the upload
     * is complete and verified), continuing an interrupted upload of the same content. The file is
     * read twice: once to compute its SHA-256, which the server checks, then to send it.
     *
     * @throws FileTransferException when the server refuses ({@link FileError#BAD_NAME},
     *     {@link FileError#TOO_LARGE}, {@link FileError#NO_SPACE}, {@link FileError#READ_ONLY},
     *     {@link FileError#BUSY}...)
     * @throws IOException when the connection fails; the server keeps the partial upload
     */
    public TransferResult upload(Path source, String name, TransferListener listener) throws IOException {
        Objects.requireNonNull(listener, "listener");
        lock.lock();
        try {
            return new ClientUpload(this, source, name, listener).run();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Deletes file {@code name}.
     *
     * @throws FileTransferException {@link FileError#NOT_FOUND}, {@link FileError#DELETE_DISABLED},
     *     {@link FileError#READ_ONLY}, {@link FileError#BAD_NAME}...
     */
    public void delete(String name) throws IOException {
        lock.lock();
        try {
            try {
                FileMessage reply = exchange(new DeleteRequest(name));
                if (!(reply instanceof Deleted)) {
                    throw refusalOrProtocolError(reply, "DELETED");
                }
            } catch (FileTransferException e) {
                throw e;
            } catch (IOException | RuntimeException e) {
                drop();
                throw e;
            }
        } finally {
            lock.unlock();
        }
    }

    /** Closes the connection; the client cannot be used afterwards. */
    @Override
    public void close() {
        lock.lock();
        try {
            closed = true;
            if (channel != null) {
                channel.close();
                channel = null;
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public String toString() {
        return "FileClient[" + address + "]";
    }

    // ---- shared with ClientDownload and ClientUpload ---------------------------------------

    Duration timeout() {
        return timeout;
    }

    /** The open connection, opened (and greeted) if there is none. */
    MessageChannel channel() throws IOException {
        if (closed) {
            throw new IOException("the file client is closed");
        }
        if (channel != null && channel.connection().isOpen()) {
            return channel;
        }
        drop();
        MessageChannel ch = new MessageChannel(transport.connect(address, options));
        try {
            ch.send(new Hello(FileCodec.VERSION, token));
            FileMessage reply = receive(ch);
            if (!(reply instanceof Welcome welcome)) {
                throw refusalOrProtocolError(reply, "WELCOME");
            }
            if (welcome.version() < 1 || welcome.version() > FileCodec.VERSION) {
                throw new ProtocolException("the server chose protocol version " + welcome.version()
                        + ", which this client does not speak");
            }
            info = new ServerInfo(
                    welcome.version(), welcome.readOnly(), welcome.deleteAllowed(), welcome.maxFileSize());
        } catch (IOException | RuntimeException e) {
            ch.abort();
            throw e;
        }
        channel = ch;
        return ch;
    }

    /**
     * Sends {@code request} and returns the first message of the answer; the connection it used
     * is then {@link #current()}. A connection kept from an earlier operation may have died while
     * idle (the server's idle timeout, a restart) without the client noticing: when sending on it
     * or reading the answer fails before anything arrived, the request is sent once more on a new
     * connection. No request is harmed by that: the server saw none of it, or none of its answer
     * reached us, and each request is safe to repeat.
     */
    FileMessage exchange(FileMessage request) throws IOException {
        boolean reused = channel != null;
        MessageChannel ch = channel();
        try {
            ch.send(request);
            return receive(ch);
        } catch (FileTransferException | ProtocolException e) {
            throw e;
        } catch (IOException e) {
            drop();
            if (!reused) {
                throw e;
            }
            ch = channel();
            ch.send(request);
            return receive(ch);
        }
    }

    /** The connection of the last {@link #exchange}. */
    MessageChannel current() throws IOException {
        if (channel == null) {
            throw new java.io.EOFException("the connection was dropped");
        }
        return channel;
    }

    /** Forgets the connection, resetting it: its stream can no longer be trusted. */
    void drop() {
        if (channel != null) {
            channel.abort();
            channel = null;
        }
    }

    /** The next message, or an IOException when the server closed the connection instead. */
    FileMessage receive(MessageChannel ch) throws IOException {
        FileMessage message;
        try {
            message = ch.receive(timeout);
        } catch (FramingException e) {
            throw new ProtocolException("the server sent a malformed message: " + e.getMessage());
        }
        if (message == null) {
            throw new java.io.EOFException("the server closed the connection");
        }
        return message;
    }

    /**
     * The exception for an unexpected {@code reply}: the server's refusal, or a protocol error.
     * After a refusal that ends the connection on the server's side, the connection is dropped.
     */
    IOException refusalOrProtocolError(FileMessage reply, String expected) {
        if (reply instanceof ErrorReply error) {
            FileError code = FileError.ofCode(error.code());
            if (code == FileError.BAD_REQUEST
                    || code == FileError.UNAUTHORIZED
                    || code == FileError.UNSUPPORTED_VERSION
                    || code == FileError.INTERNAL
                    || code == FileError.UNKNOWN) {
                drop();
            }
            return new FileTransferException(code, error.message());
        }
        drop();
        return new ProtocolException("expected " + expected + " from the server, got " + describe(reply));
    }

    static String describe(FileMessage message) {
        return message.getClass().getSimpleName();
    }

    /** Builds and connects a {@link FileClient}. */
    public static final class Builder {
        private final Transport transport;
        private final InetSocketAddress address;
        private TransportOptions options = TransportOptions.defaults();
        private String token = "";
        private Duration timeout = DEFAULT_TIMEOUT;

        private Builder(Transport transport, InetSocketAddress address) {
            this.transport = Objects.requireNonNull(transport, "transport");
            this.address = Objects.requireNonNull(address, "address");
        }

        /** Connection options: TLS layer, connect timeout, buffer sizes... Defaults otherwise. */
        public Builder options(TransportOptions value) {
            options = Objects.requireNonNull(value, "options");
            return this;
        }

        /** The access token the server requires; null or empty for none. */
        public Builder token(String value) {
            token = value == null ? "" : value;
            return this;
        }

        /**
         * How long to wait for each answer, and for each piece of a download's data, before the
         * connection is considered dead; 30 s by default. The answer to an upload's data is the
         * exception: the server hashes and syncs the whole file first, so the client waits for it
         * as long as the connection lives (its idle timeout bounds a server gone silent).
         */
        public Builder timeout(Duration value) {
            if (value == null || value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException("timeout must be positive: " + value);
            }
            timeout = value;
            return this;
        }

        /**
         * Connects and greets the server.
         *
         * @throws FileTransferException {@link FileError#UNAUTHORIZED} when the token is wrong or
         *     missing, {@link FileError#UNSUPPORTED_VERSION}
         * @throws IOException when the server cannot be reached
         */
        public FileClient connect() throws IOException {
            FileClient client = new FileClient(this);
            client.lock.lock();
            try {
                client.channel();
            } finally {
                client.lock.unlock();
            }
            return client;
        }
    }
}
