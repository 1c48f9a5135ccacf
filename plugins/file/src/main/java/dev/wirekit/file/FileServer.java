package dev.wirekit.file;

import dev.wirekit.api.Connection;
import dev.wirekit.api.ConnectionHandler;
import dev.wirekit.api.Server;
import dev.wirekit.api.Transport;
import dev.wirekit.api.TransportOptions;
import dev.wirekit.file.internal.Digest;
import dev.wirekit.file.internal.DigestCache;
import dev.wirekit.file.internal.FileSession;
import dev.wirekit.file.internal.ServedRoot;
import dev.wirekit.file.internal.ServerSettings;
import dev.wirekit.file.internal.UploadArea;
import dev.wirekit.file.internal.UploadClaims;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Objects;

/**
 * A file transfer server for one directory: clients list its files, download them (resuming from
 * any offset), upload new ones (resuming an interrupted upload), and optionally delete them, with
 * every file's SHA-256 checked end to end. The protocol is in {@code docs/protocols/file.md}.
 *
 * <pre>{@code
 * FileServer files = FileServer.builder(Path.of("/srv/share"))
 *         .maxFileSize(8L << 30)
 *         .token(System.getenv("SHARE_TOKEN"))
 *         .build();
 * try (Transport transport = Transport.load("nio");
 *      Server server = files.listen(transport, new InetSocketAddress(7021), TransportOptions.defaults())) {
 *     server.awaitClose();
 * }
 * }</pre>
 *
 * <h2>What it guarantees</h2>
 *
 * <ul>
 *   <li><b>Names stay in the root.</b> A name is one plain file name; paths, '..', separators and
 *       their look-alikes, control characters, hidden names, Windows device names and symbolic
 *       links leading out of the root are refused with {@link FileError#BAD_NAME}.
 *   <li><b>Uploads are atomic and verified.</b> Bytes go to a partial file in the hidden work area
 *       {@code .wirekit/} and are renamed into place only after their SHA-256 matches the one the
 *       client announced. Nobody ever sees a partial or corrupt file under its name.
 *   <li><b>Interrupted uploads resume.</b> The partial file stays, keyed by name, size and digest;
 *       the same upload started again continues where it stopped. Partial files untouched for the
 *       {@linkplain Builder#partialUploadTtl time to live} are removed.
 *   <li><b>Concurrent uploads of one name never mix.</b> While one is in progress, another with
 *       different content is refused as {@link FileError#BUSY}; one with the same content takes
 *       over (it is the same client, reconnected). Completed uploads replace each other atomically:
 *       the last to complete wins.
 *   <li><b>Flat memory.</b> Files stream in bounded chunks whatever their size; downloads go from
 *       the file to the socket without a copy on a zero-copy transport without layers (NIO).
 *   <li><b>Limits.</b> Maximum file size, free disk space (checked before an upload is accepted,
 *       counting the space other uploads in progress still need), read-only mode, delete allowed
 *       or not, an optional access token compared in constant time. Connection limits, timeouts
 *       and TLS come from the {@link TransportOptions} it listens with.
 * </ul>
 *
 * <p>It is a {@link ConnectionHandler}: {@code transport.listen(address, fileServer, options)} works
 * as well as {@link #listen}. It holds no socket or thread of its own; one instance may serve many
 * listeners, which then share their uploads in progress.
 */
public final class FileServer implements ConnectionHandler {
    /** The port {@code wirekit serve file} listens on by default. */
    public static final int DEFAULT_PORT = 7021;

    private final ServerSettings settings;

    private FileServer(ServerSettings settings) {
        this.settings = settings;
    }

    /** A builder for a server of the files in {@code root}. */
    public static Builder builder(Path root) {
        return new Builder(root);
    }

    /** Listens on {@code address} with {@code options} (TLS, limits, timeouts). */
    public Server listen(Transport transport, InetSocketAddress address, TransportOptions options) throws IOException {
        return transport.listen(address, this, options);
    }

    /** Serves one client connection until it ends; called by the transport on a virtual thread. */
    @Override
    public void handle(Connection connection) throws Exception {
        new FileSession(settings, connection).run();
    }

    /** The directory served (its real path). */
    public Path root() {
        return settings.root().path();
    }

    /** Whether uploads and deletes are refused. */
    public boolean readOnly() {
        return settings.readOnly();
    }

    /** The largest file accepted for upload, in bytes. */
    public long maxFileSize() {
        return settings.maxFileSize();
    }

    /** How many uploads are in progress right now. */
    public int uploadsInProgress() {
        return settings.claims().active();
    }

    @Override
    public String toString() {
        return "FileServer[" + root() + (readOnly() ? ", read-only" : "") + "]";
    }

    /** Builds a {@link FileServer}; every setting has a safe default. */
    public static final class Builder {
        private final Path root;
        private boolean readOnly;
        private boolean allowDelete;
        private long maxFileSize = 16L << 30;
        private long minFreeSpace = 64L << 20;
        private String token;
        private Duration partialUploadTtl = Duration.ofHours(24);
        private Duration busyWait = Duration.ofSeconds(10);
        private InstantSource clock = InstantSource.system();
        private DiskSpace diskSpace = DiskSpace.fileStore();
        private int digestCacheEntries = 4096;

        private Builder(Path root) {
            this.root = Objects.requireNonNull(root, "root");
        }

        /** Refuse uploads and deletes (false by default). A read-only server writes nothing at all. */
        public Builder readOnly(boolean value) {
            readOnly = value;
            return this;
        }

        /** Allow clients to delete files (false by default; never in a read-only server). */
        public Builder allowDelete(boolean value) {
            allowDelete = value;
            return this;
        }

        /** The largest file accepted for upload, in bytes; 16 GiB by default. */
        public Builder maxFileSize(long bytes) {
            if (bytes < 0) {
                throw new IllegalArgumentException("maxFileSize < 0: " + bytes);
            }
            maxFileSize = bytes;
            return this;
        }

        /** Disk space that uploads must leave free, in bytes; 64 MiB by default. */
        public Builder minFreeSpace(long bytes) {
            if (bytes < 0) {
                throw new IllegalArgumentException("minFreeSpace < 0: " + bytes);
            }
            minFreeSpace = bytes;
            return this;
        }

        /**
         * The access token clients must present; null or empty for none (the default). Over a
         * network you do not trust, use it with TLS: the token travels in the clear otherwise.
         */
        public Builder token(String value) {
            token = value == null || value.isEmpty() ? null : value;
            return this;
        }

        /** How long an interrupted upload's partial file is kept for a resume; 24 hours by default. */
        public Builder partialUploadTtl(Duration value) {
            if (value == null || value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException("partialUploadTtl must be positive: " + value);
            }
            partialUploadTtl = value;
            return this;
        }

        /**
         * How long a resumed upload waits for the older upload of the same content (whose
         * connection it has just aborted) to stop; 10 s by default.
         */
        public Builder busyWait(Duration value) {
            if (value == null || value.isNegative()) {
                throw new IllegalArgumentException("busyWait must not be negative: " + value);
            }
            busyWait = value;
            return this;
        }

        /** The clock that ages partial uploads; the system clock by default. */
        public Builder clock(InstantSource value) {
            clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /** Where free disk space is learnt; {@link DiskSpace#fileStore()} by default. */
        public Builder diskSpace(DiskSpace value) {
            diskSpace = Objects.requireNonNull(value, "diskSpace");
            return this;
        }

        /** How many file digests are remembered; 4096 by default. */
        public Builder digestCacheEntries(int value) {
            if (value <= 0) {
                throw new IllegalArgumentException("digestCacheEntries <= 0: " + value);
            }
            digestCacheEntries = value;
            return this;
        }

        /**
         * The server. Touches nothing on disk; the work area is created by the first upload.
         *
         * @throws IllegalArgumentException when the root is not an existing directory
         */
        public FileServer build() {
            ServedRoot served;
            try {
                served = new ServedRoot(root);
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot serve " + root + ": " + e.getMessage(), e);
            }
            byte[] tokenHash = token == null ? null : Digest.sha256().digest(token.getBytes(StandardCharsets.UTF_8));
            return new FileServer(new ServerSettings(
                    served,
                    readOnly,
                    allowDelete && !readOnly,
                    maxFileSize,
                    minFreeSpace,
                    tokenHash,
                    diskSpace,
                    busyWait,
                    new UploadArea(served, clock, partialUploadTtl),
                    new UploadClaims(),
                    new DigestCache(digestCacheEntries)));
        }
    }
}
