package dev.wirekit.http.internal.server;

import dev.wirekit.http.HttpException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Maps a request path to a file under the root, so that nothing outside the root can be reached:
 * segments are decoded one by one (an encoded slash, backslash or NUL is refused), dot segments
 * are resolved (climbing above the root is refused), hidden names are refused unless allowed, and
 * the real path (symbolic links followed) must lie inside the real root.
 */
final class FileResolver {
    private final Path root;
    private final boolean hiddenFiles;

    /** @param root the real (symbolic-link-free, absolute) path of the directory served */
    FileResolver(Path root, boolean hiddenFiles) {
        this.root = root;
        this.hiddenFiles = hiddenFiles;
    }

    Path root() {
        return root;
    }

    /**
     * The real path of the file or directory {@code rawPath} names.
     *
     * @throws HttpException 400 for a malformed or escaping path, 403 for a link out of the root or
     *     an unreadable directory on the way, 404 when nothing is there (or it is hidden)
     */
    Path resolve(String rawPath) {
        Deque<String> parts = new ArrayDeque<>();
        int at = 0;
        int n = rawPath.length();
        while (at <= n) {
            int slash = rawPath.indexOf('/', at);
            int end = slash < 0 ? n : slash;
            if (end > at) {
                add(parts, PathCodec.decode(rawPath.substring(at, end)));
            }
            if (slash < 0) {
                break;
            }
            at = slash + 1;
        }
        Path path = root;
        try {
            for (String part : parts) {
                path = path.resolve(part);
            }
        } catch (InvalidPathException e) {
            throw new HttpException(400, "the path names no valid file");
        }
        Path real;
        try {
            real = path.toRealPath();
        } catch (NoSuchFileException | NotDirectoryException e) {
            throw new HttpException(404, "no such file");
        } catch (AccessDeniedException e) {
            throw new HttpException(403, "access denied");
        } catch (IOException e) {
            throw new HttpException(404, "no such file");
        }
        if (!real.startsWith(root)) {
            throw new HttpException(403, "a symbolic link leads outside the root");
        }
        if (!hiddenFiles && !real.equals(root)) {
            for (Path p : root.relativize(real)) {
                if (p.toString().startsWith(".")) {
                    throw new HttpException(404, "no such file");
                }
            }
        }
        return real;
    }

    private void add(Deque<String> parts, String segment) {
        if (segment.indexOf('\0') >= 0) {
            throw new HttpException(400, "a NUL byte in the path");
        }
        if (segment.indexOf('/') >= 0 || segment.indexOf('\\') >= 0) {
            throw new HttpException(400, "an encoded slash or backslash in the path");
        }
        if (segment.equals(".")) {
            return;
        }
        if (segment.equals("..")) {
            if (parts.isEmpty()) {
                throw new HttpException(400, "the path climbs above the root");
            }
            parts.removeLast();
            return;
        }
        if (!hiddenFiles && segment.startsWith(".")) {
            throw new HttpException(404, "no such file");
        }
        parts.addLast(segment);
    }
}
