package dev.wirekit.file;

import java.time.Instant;
import java.util.Objects;

/**
 * A file on a file server, as listed.
 *
 * @param name its name (one plain file name, never a path)
 * @param size its length in bytes
 * @param modified its last modification time (millisecond precision)
 */
public record RemoteFile(String name, long size, Instant modified) {
    public RemoteFile {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(modified, "modified");
        if (size < 0) {
            throw new IllegalArgumentException("size < 0: " + size);
        }
    }
}
