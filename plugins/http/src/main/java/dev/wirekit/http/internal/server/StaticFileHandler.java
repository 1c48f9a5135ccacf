package dev.wirekit.http.internal.server;

import dev.wirekit.http.HttpDate;
import dev.wirekit.http.HttpException;
import dev.wirekit.http.server.Handler;
import dev.wirekit.http.server.Request;
import dev.wirekit.http.server.Response;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

/** What {@link dev.wirekit.http.server.StaticFiles} does: serves files under a root directory. */
public final class StaticFileHandler {
    private static final String ALLOW = "GET, HEAD, OPTIONS";

    private final FileResolver resolver;
    private final boolean listing;
    private final List<String> indexFiles;
    private final boolean hiddenFiles;
    private final MediaTypes types;
    private final String cacheControl;
    private final FileCache cache;

    /**
     * @param root the real path of the directory served
     * @param types Content-Type overrides by lower-case extension
     * @param cacheControl a Cache-Control value for every file, or null
     * @param cacheBytes bytes of small files kept in memory (0: no file cache at all)
     */
    public StaticFileHandler(
            Path root,
            boolean listing,
            List<String> indexFiles,
            boolean hiddenFiles,
            Map<String, String> types,
            String cacheControl,
            long cacheBytes) {
        this.resolver = new FileResolver(root, hiddenFiles);
        this.listing = listing;
        this.indexFiles = indexFiles;
        this.hiddenFiles = hiddenFiles;
        this.types = new MediaTypes(types);
        this.cacheControl = cacheControl;
        this.cache = cacheBytes > 0 ? new FileCache(10_000, cacheBytes, 64 * 1024) : new FileCache(0, 0, 0);
    }

    public Path root() {
        return resolver.root();
    }

    /**
     * What answers a GET or HEAD without a Range for {@code rawPath} from memory, or null: the file
     * is cached with its bytes and one {@code stat} shows it unchanged. The answer serves that
     * snapshot and touches no file.
     */
    public Handler fromMemory(String rawPath) {
        FileCache.Entry entry = cache.holdsContent(rawPath) ? cache.lookup(rawPath) : null;
        if (entry == null || entry.content() == null) {
            return null;
        }
        return (request, response) -> serveFile(request, response, entry);
    }

    /** Serves the file {@code rawPath} (percent-encoded, relative to the root) names. */
    public void serve(Request request, Response response, String rawPath) throws IOException {
        String method = request.method();
        if (!method.equals("GET") && !method.equals("HEAD")) {
            if (method.equals("OPTIONS")) {
                response.status(204).header("Allow", ALLOW).send();
                return;
            }
            if (!Router.KNOWN_METHODS.contains(method)) {
                throw new HttpException(501, "the method is not implemented");
            }
            response.header("Allow", ALLOW);
            throw new HttpException(405, "files can only be read");
        }
        FileCache.Entry cached = cache.lookup(rawPath);
        if (cached != null) {
            serveFile(request, response, cached);
            return;
        }
        Path path = resolver.resolve(rawPath);
        BasicFileAttributes attrs = attributes(path);
        if (attrs.isDirectory()) {
            serveDirectory(request, response, rawPath, path);
        } else if (attrs.isRegularFile()) {
            FileCache.Entry entry = entry(path, attrs);
            cache.put(rawPath, entry);
            serveFile(request, response, entry);
        } else {
            throw new HttpException(403, "not a regular file");
        }
    }

    /** What a response needs to know about the regular file {@code real}. */
    private FileCache.Entry entry(Path real, BasicFileAttributes attrs) {
        long size = attrs.size();
        Instant modified = attrs.lastModifiedTime().toInstant();
        Instant lastModified = modified.truncatedTo(ChronoUnit.SECONDS);
        String etag = "\"" + Long.toHexString(modified.toEpochMilli()) + "-" + Long.toHexString(size) + "\"";
        byte[] content = null;
        if (cache.enabled() && cache.keepsContent(size)) {
            try {
                byte[] read = Files.readAllBytes(real);
                content = read.length == size ? read : null; // changed while read: not kept
            } catch (IOException e) {
                content = null; // served from the file below, which reports the problem
            }
        }
        return new FileCache.Entry(
                real,
                size,
                modified.toEpochMilli(),
                attrs.fileKey(),
                etag,
                HttpDate.format(lastModified),
                lastModified,
                types.of(real.getFileName().toString()),
                content);
    }

    private static BasicFileAttributes attributes(Path path) {
        try {
            return Files.readAttributes(path, BasicFileAttributes.class, java.nio.file.LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            throw new HttpException(404, "no such file");
        } catch (IOException e) {
            throw new HttpException(403, "the file cannot be read");
        }
    }

    private void serveDirectory(Request request, Response response, String rawPath, Path dir) throws IOException {
        if (!rawPath.endsWith("/")) {
            String query = request.rawQuery();
            String path = request.rawPath();
            while (path.startsWith("//")) {
                path = path.substring(1); // "//host/" would send the browser to another site
            }
            response.redirect(301, path + "/" + (query == null ? "" : "?" + query));
            return;
        }
        for (String name : indexFiles) {
            Path index = dir.resolve(name);
            BasicFileAttributes attrs;
            Path real;
            try {
                real = index.toRealPath();
                attrs = Files.readAttributes(real, BasicFileAttributes.class);
            } catch (IOException e) {
                continue;
            }
            if (attrs.isRegularFile() && real.startsWith(resolver.root())) {
                serveFile(request, response, entry(real, attrs));
                return;
            }
        }
        if (!listing) {
            throw new HttpException(403, "directory listing is not enabled");
        }
        String html;
        try {
            html = DirectoryListing.html(dir, request.path(), hiddenFiles);
        } catch (AccessDeniedException e) {
            throw new HttpException(403, "the directory cannot be read");
        }
        response.contentType("text/html; charset=utf-8").send(html);
    }

    private void serveFile(Request request, Response response, FileCache.Entry file) throws IOException {
        long size = file.size();
        response.header("Last-Modified", file.lastModified()).header("ETag", file.etag());
        if (cacheControl != null) {
            response.header("Cache-Control", cacheControl);
        }
        switch (Preconditions.evaluate(request.method(), request.headers(), file.etag(), file.lastModifiedInstant())) {
            case NOT_MODIFIED -> {
                response.status(304).send();
                return;
            }
            case FAILED -> throw new HttpException(412, "a precondition failed");
            case PROCEED -> {}
        }
        String type = file.contentType();
        response.header("Accept-Ranges", "bytes");
        List<ByteRanges.Range> ranges = request.method().equals("GET")
                        && Preconditions.rangeApplies(request.headers(), file.etag(), file.lastModifiedInstant())
                ? ByteRanges.parse(request.header("Range"), size)
                : null;
        if (ranges != null && ranges.isEmpty()) {
            response.status(416).header("Content-Range", "bytes */" + size).send();
            return;
        }
        byte[] content = file.content();
        if (content != null && (ranges == null || ranges.size() == 1)) {
            if (ranges == null) {
                response.contentType(type).send(content);
            } else {
                ByteRanges.Range r = ranges.get(0);
                response.status(206)
                        .contentType(type)
                        .header("Content-Range", "bytes " + r.first() + "-" + r.last() + "/" + size)
                        .send(java.util.Arrays.copyOfRange(content, (int) r.first(), (int) r.last() + 1));
            }
            return;
        }
        try (FileChannel channel = open(file.real())) {
            if (ranges == null) {
                response.contentType(type).sendFile(channel, 0, size);
            } else if (ranges.size() == 1) {
                ByteRanges.Range r = ranges.get(0);
                response.status(206)
                        .contentType(type)
                        .header("Content-Range", "bytes " + r.first() + "-" + r.last() + "/" + size)
                        .sendFile(channel, r.first(), r.length());
            } else {
                MultipartRanges.send(response, channel, type, size, ranges);
            }
        }
    }

    private static FileChannel open(Path file) {
        try {
            return FileChannel.open(file, StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            throw new HttpException(404, "no such file");
        } catch (IOException e) {
            throw new HttpException(403, "the file cannot be read");
        }
    }
}
