package dev.wirekit.file.internal;

import dev.wirekit.file.FileError;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * The directory a server serves, and the only way its code reaches a file: every name goes through
 * {@link NamePolicy}, resolves to a direct child of the root (resolved once to its real path), and
 * is opened without following a final symbolic link. A symbolic link in the root is served only when
 * its target is a regular file inside the root (and outside its hidden work area); one leading out is
 * refused as a bad name, and never replaced or deleted.
 */
public final class ServedRoot {
    /** The hidden directory inside the root where uploads wait until they are complete. */
    public static final String WORK_AREA = ".wirekit";

    private final Path root;

    /**
     * @throws IOException when {@code directory} does not exist or is not a directory
     */
    public ServedRoot(Path directory) throws IOException {
        Path real;
        try {
            real = directory.toRealPath();
        } catch (NoSuchFileException e) {
            throw new IOException(directory + " does not exist", e);
        }
        if (!Files.isDirectory(real)) {
            throw new IOException(directory + " is not a directory");
        }
        this.root = real;
    }

    /** The root's real path. */
    public Path path() {
        return root;
    }

    /** The work area (not created here). */
    public Path workArea() {
        return root.resolve(WORK_AREA);
    }

    /** {@code name} as a path directly under the root, after the name policy. */
    public Path resolve(String name) throws Refusal {
        String problem = NamePolicy.problem(name);
        if (problem != null) {
            throw new Refusal(FileError.BAD_NAME, "'" + NamePolicy.printable(name) + "' refused: " + problem);
        }
        Path path = root.resolve(name);
        if (!root.equals(path.getParent()) || !path.getFileName().toString().equals(name)) {
            throw new Refusal(FileError.BAD_NAME, "'" + NamePolicy.printable(name) + "' is not a plain file name");
        }
        return path;
    }

    /** A file opened for reading, with the attributes it had when opened. */
    public record OpenFile(FileChannel channel, BasicFileAttributes attributes, Path path) implements AutoCloseable {
        @Override
        public void close() throws IOException {
            channel.close();
        }
    }

    /**
     * Opens {@code name} for reading.
     *
     * @throws Refusal BAD_NAME (policy, or a symbolic link leading out), NOT_FOUND, NOT_A_FILE
     */
    public OpenFile openForRead(String name) throws Refusal, IOException {
        Path path = resolve(name);
        Path target = servedTarget(name, path);
        FileChannel channel;
        try {
            channel = FileChannel.open(target, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            throw notFound(name);
        } catch (IOException e) {
            if (Files.isSymbolicLink(target)) { // swapped for a link after the check
                throw leadsOut(name);
            }
            throw e;
        }
        try {
            BasicFileAttributes attributes =
                    Files.readAttributes(target, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            if (!attributes.isRegularFile()) {
                throw new Refusal(FileError.NOT_A_FILE, "'" + NamePolicy.printable(name) + "' is not a regular file");
            }
            return new OpenFile(channel, attributes, target);
        } catch (Refusal | IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /**
     * The path a download of {@code name} reads: {@code path} itself, or for a symbolic link its
     * real target when that is a file inside the root.
     */
    private Path servedTarget(String name, Path path) throws Refusal, IOException {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            throw notFound(name);
        }
        if (attributes.isDirectory()) {
            throw new Refusal(FileError.NOT_A_FILE, "'" + NamePolicy.printable(name) + "' is a directory");
        }
        if (!attributes.isSymbolicLink()) {
            return path;
        }
        Path real;
        try {
            real = path.toRealPath();
        } catch (NoSuchFileException e) {
            throw notFound(name); // a dangling link
        }
        if (!inside(real)) {
            throw leadsOut(name);
        }
        return real;
    }

    /** Whether {@code real} (a real path) is a file inside the root and outside the work area. */
    private boolean inside(Path real) {
        if (!real.startsWith(root) || real.equals(root)) {
            return false;
        }
        Path relative = root.relativize(real);
        for (Path part : relative) {
            if (part.toString().startsWith(".")) {
                return false; // the work area, or a hidden directory
            }
        }
        return true;
    }

    /**
     * The path an upload of {@code name} will be moved to; refuses names that are directories,
     * symbolic links or anything but regular files today.
     */
    public Path targetForWrite(String name) throws Refusal, IOException {
        Path path = resolve(name);
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return path;
        }
        if (attributes.isSymbolicLink()) {
            throw new Refusal(
                    FileError.BAD_NAME,
                    "'" + NamePolicy.printable(name) + "' is a symbolic link; the server does not replace links");
        }
        if (!attributes.isRegularFile()) {
            throw new Refusal(
                    FileError.NOT_A_FILE, "'" + NamePolicy.printable(name) + "' exists and is not a regular file");
        }
        return path;
    }

    /** Deletes file {@code name}: a regular file only, never a link, a directory or the work area. */
    public void delete(String name) throws Refusal, IOException {
        Path path = targetForWrite(name);
        try {
            Files.delete(path);
        } catch (NoSuchFileException e) {
            throw notFound(name);
        }
    }

    /**
     * Calls {@code sink} with every file a client may download, in directory order: regular files
     * and links to regular files inside the root, whose names pass the policy.
     */
    public void list(EntrySink sink) throws IOException {
        try (DirectoryStream<Path> children = Files.newDirectoryStream(root)) {
            for (Path child : children) {
                String name = child.getFileName().toString();
                if (!NamePolicy.allowed(name)) {
                    continue;
                }
                BasicFileAttributes attributes;
                try {
                    attributes = Files.readAttributes(child, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                    if (attributes.isSymbolicLink()) {
                        Path real = child.toRealPath();
                        if (!inside(real)) {
                            continue;
                        }
                        attributes = Files.readAttributes(real, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                    }
                } catch (IOException e) {
                    continue; // vanished or dangling while we looked
                }
                if (attributes.isRegularFile()) {
                    sink.accept(new FileMessage.Entry(
                            name,
                            attributes.size(),
                            attributes.lastModifiedTime().toMillis()));
                }
            }
        }
    }

    /** Receives listing entries; may fail writing them out. */
    @FunctionalInterface
    public interface EntrySink {
        void accept(FileMessage.Entry entry) throws IOException;
    }

    private static Refusal notFound(String name) {
        return new Refusal(FileError.NOT_FOUND, "no file named '" + NamePolicy.printable(name) + "'");
    }

    private static Refusal leadsOut(String name) {
        return new Refusal(
                FileError.BAD_NAME,
                "'" + NamePolicy.printable(name) + "' is a symbolic link that leads out of the served directory");
    }
}
