package dev.wirekit.file;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * How a {@link FileServer} learns how much disk space is free before it accepts an upload. The
 * default asks the file store ({@link java.nio.file.FileStore#getUsableSpace()}); tests and
 * applications with their own quotas supply another.
 */
@FunctionalInterface
public interface DiskSpace {

    /** The bytes that may still be written under {@code root}. */
    long usableBytes(Path root) throws IOException;

    /** The file store's usable space: what the operating system says this process may still write. */
    static DiskSpace fileStore() {
        return root -> Files.getFileStore(root).getUsableSpace();
    }
}
