package dev.wirekit.file;

import java.time.Duration;

/**
 * A completed, verified download or upload.
 *
 * @param name the remote file's name
 * @param size the whole file's size in bytes
 * @param resumedFrom bytes that were already in place from an earlier attempt
 * @param sha256 the file's SHA-256 in lower-case hex, checked end to end
 * @param elapsed how long the transfer took (hashing included)
 */
public record TransferResult(String name, long size, long resumedFrom, String sha256, Duration elapsed) {
    /** The bytes this transfer moved over the network. */
    public long transferred() {
        return size - resumedFrom;
    }
}
