package dev.wirekit.file.internal;

import dev.wirekit.file.DiskSpace;
import java.time.Duration;

/**
 * Everything a {@link FileSession} needs from its server: the configuration and the state shared
 * by all connections (uploads in progress, known digests).
 *
 * @param tokenHash SHA-256 of the access token, or null when none is required
 * @param busyWait how long a resumed upload waits for an older upload of the same content to stop
 */
public record ServerSettings(
        ServedRoot root,
        boolean readOnly,
        boolean allowDelete,
        long maxFileSize,
        long minFreeSpace,
        byte[] tokenHash,
        DiskSpace diskSpace,
        Duration busyWait,
        UploadArea uploads,
        UploadClaims claims,
        DigestCache digests) {}
