package dev.wirekit.file.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HexFormat;
import java.util.Set;

/**
 * Where uploads wait until they are complete and verified: {@code <root>/.wirekit/uploads/}, hidden
 * from clients. Each upload's partial file is named after what identifies it, {@code
 * <name key>-<size>-<sha256>.part}, so a resumed upload of the same content finds its bytes again
 * without any other record, and an upload of different content never touches them. A partial file
 * untouched for longer than the time to live is swept away.
 */
public final class UploadArea {
    private static final System.Logger LOG = System.getLogger("dev.wirekit.file");
    private static final Duration SWEEP_INTERVAL = Duration.ofMinutes(1);
    private static final String SUFFIX = ".part";

    private final ServedRoot root;
    private final Path dir;
    private final InstantSource clock;
    private final Duration ttl;
    private Instant lastSweep = Instant.MIN;

    public UploadArea(ServedRoot root, InstantSource clock, Duration ttl) {
        this.root = root;
        this.dir = root.workArea().resolve("uploads");
        this.clock = clock;
        this.ttl = ttl;
    }

    /** The directory of partial uploads. */
    public Path dir() {
        return dir;
    }

    /**
     * Creates the work area if needed (never in a read-only server); refuses one that is a symbolic
     * link or not a directory, so uploads cannot be steered out of the root.
     */
    public void ensureExists() throws IOException {
        for (Path p : new Path[] {root.workArea(), dir}) {
            try {
                Files.createDirectory(p);
            } catch (java.nio.file.FileAlreadyExistsException e) {
                // checked below
            }
            BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            if (!a.isDirectory() || a.isSymbolicLink()) {
                throw new IOException("the work area " + p + " is not a plain directory");
            }
        }
    }

    /** The partial file of an upload of {@code name} with this size and digest. */
    public Path partFor(String name, long size, Digest digest) {
        return dir.resolve(nameKey(name) + "-" + size + "-" + digest.hex() + SUFFIX);
    }

    /** A fixed-length key for {@code name} that no name can choose to collide with. */
    static String nameKey(String name) {
        byte[] hash = Digest.sha256().digest(name.getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(hash, 0, 12);
    }

    /**
     * Deletes the partial files of earlier uploads of {@code name} with other content: the newest
     * upload of a name supersedes them.
     */
    public void removeOthers(String name, Path keep) throws IOException {
        try (DirectoryStream<Path> parts = Files.newDirectoryStream(dir, nameKey(name) + "-*" + SUFFIX)) {
            for (Path p : parts) {
                if (!p.equals(keep)) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    /**
     * Deletes partial files untouched for longer than the time to live, except those in
     * {@code inUse}; does the work at most once a minute.
     */
    public void sweep(Set<Path> inUse) {
        Instant now = clock.instant();
        synchronized (this) {
            if (lastSweep.plus(SWEEP_INTERVAL).isAfter(now)) {
                return;
            }
            lastSweep = now;
        }
        Instant oldest = now.minus(ttl);
        try (DirectoryStream<Path> parts = Files.newDirectoryStream(dir, "*" + SUFFIX)) {
            for (Path p : parts) {
                if (inUse.contains(p)) {
                    continue;
                }
                try {
                    if (Files.getLastModifiedTime(p, LinkOption.NOFOLLOW_LINKS)
                            .toInstant()
                            .isBefore(oldest)) {
                        Files.deleteIfExists(p);
                        LOG.log(
                                System.Logger.Level.INFO,
                                "removed partial upload " + p.getFileName() + ", untouched for more than " + ttl);
                    }
                } catch (NoSuchFileException e) {
                    // gone already
                }
            }
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "could not sweep partial uploads in " + dir + ": " + e);
        }
    }
}
