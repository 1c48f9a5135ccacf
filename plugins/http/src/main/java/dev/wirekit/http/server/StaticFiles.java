package dev.wirekit.http.server;

import dev.wirekit.http.internal.server.StaticFileHandler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Serves the files under one directory: {@code GET} and {@code HEAD} with Content-Type by file
 * extension, Content-Length, {@code ETag} and {@code Last-Modified} with conditional requests
 * (304, 412), byte ranges (206, multipart for several ranges, 416), index files, and an optional
 * directory listing. Files are sent from the file system to the socket without a copy when the
 * transport can and no TLS layer is in the way.
 *
 * <p>A request can never reach outside the root: the path is decoded and normalised, encoded
 * slashes and NUL bytes are refused (400), dot segments that climb above the root are refused
 * (400), and the real path of every file (symbolic links resolved) must lie inside the real root
 * (403 otherwise). Names starting with a dot are hidden (404) unless {@link
 * Builder#hiddenFiles(boolean)} allows them.
 *
 * <pre>{@code
 * HttpServer server = HttpServer.builder()
 *         .staticFiles("/", StaticFiles.builder(Path.of("www")).listing(true).build())
 *         .build();
 * }</pre>
 */
public final class StaticFiles implements Handler {
    private final StaticFileHandler files;

    private StaticFiles(Builder b) {
        Path real;
        try {
            real = b.root.toRealPath();
        } catch (IOException e) {
            throw new UncheckedIOException("the static file root " + b.root + " cannot be resolved", e);
        }
        if (!Files.isDirectory(real)) {
            throw new IllegalArgumentException("the static file root is not a directory: " + b.root);
        }
        files = new StaticFileHandler(
                real,
                b.listing,
                List.copyOf(b.indexFiles),
                b.hiddenFiles,
                Map.copyOf(b.types),
                b.cacheControl,
                b.cacheBytes);
    }

    /** Serves {@code root} with the defaults: no listing, {@code index.html}, hidden files hidden. */
    public static StaticFiles of(Path root) {
        return builder(root).build();
    }

    public static Builder builder(Path root) {
        return new Builder(root);
    }

    /** The real path of the directory served. */
    public Path root() {
        return files.root();
    }

    /** Serves the file named by the whole request path. */
    @Override
    public void handle(Request request, Response response) throws Exception {
        files.serve(request, response, request.rawPath());
    }

    /** Serves the file named by {@code rawRelativePath}, the part of the path below a mount point. */
    void serve(Request request, Response response, String rawRelativePath) throws IOException {
        files.serve(request, response, rawRelativePath);
    }

    Handler fromMemory(String rawRelativePath) {
        return files.fromMemory(rawRelativePath);
    }

    /** Builds {@link StaticFiles}. */
    public static final class Builder {
        private final Path root;
        private boolean listing;
        private final List<String> indexFiles = new ArrayList<>(List.of("index.html"));
        private boolean hiddenFiles;
        private final Map<String, String> types = new HashMap<>();
        private String cacheControl;
        private long cacheBytes = 16L << 20;

        private Builder(Path root) {
            this.root = Objects.requireNonNull(root, "root");
        }

        /** Whether a directory without an index file is listed (true) or refused with 403 (false). */
        public Builder listing(boolean value) {
            listing = value;
            return this;
        }

        /** The file names tried, in order, for a directory; {@code index.html} by default. */
        public Builder indexFiles(List<String> names) {
            for (String n : names) {
                if (n.isEmpty() || n.contains("/") || n.contains("\\") || n.equals("..") || n.equals(".")) {
                    throw new IllegalArgumentException("not a plain file name: " + n);
                }
            }
            indexFiles.clear();
            indexFiles.addAll(names);
            return this;
        }

        /** Whether files and directories whose names start with a dot are served; false by default. */
        public Builder hiddenFiles(boolean value) {
            hiddenFiles = value;
            return this;
        }

        /** The Content-Type of files ending in {@code .extension}, overriding the built-in table. */
        public Builder mediaType(String extension, String type) {
            types.put(extension.toLowerCase(Locale.ROOT).replaceFirst("^\\.", ""), Objects.requireNonNull(type));
            return this;
        }

        /** A Cache-Control value sent with every file ({@code max-age=3600}); none by default. */
        public Builder cacheControl(String value) {
            cacheControl = value;
            return this;
        }

        /**
         * How many bytes of small files (up to 64 KiB each) are kept in memory; 16 MiB by default, 0
         * turns the file cache off. Whatever is cached, every request checks the file with one
         * {@code stat}: a file changed, replaced or moved is never served from memory.
         */
        public Builder cacheBytes(long value) {
            if (value < 0) {
                throw new IllegalArgumentException("cacheBytes < 0: " + value);
            }
            cacheBytes = value;
            return this;
        }

        /**
         * @throws UncheckedIOException when the root does not exist
         * @throws IllegalArgumentException when it is not a directory
         */
        public StaticFiles build() {
            return new StaticFiles(this);
        }
    }
}
