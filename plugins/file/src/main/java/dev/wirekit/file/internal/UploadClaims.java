package dev.wirekit.file.internal;

import dev.wirekit.file.FileError;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The uploads in progress, one per name. A second upload of a name is refused as {@link
 * FileError#BUSY} while the first runs, unless it uploads the same content (same size and
 * SHA-256): then it is the same client resuming after its connection broke, perhaps before the
 * server noticed, so the older upload is stopped (its connection aborted) and the newer continues
 * its partial file. Each claim also reserves the disk space its upload still needs, so concurrent
 * uploads cannot together overcommit the disk.
 */
public final class UploadClaims {
    private final Map<String, Claim> active = new HashMap<>();

    /** One upload's hold on its name, released by {@link #close()}. */
    public final class Claim implements AutoCloseable {
        private final String name;
        private final long size;
        private final Digest digest;
        private final Runnable stop;
        private final Path part;
        private final CompletableFuture<Void> released = new CompletableFuture<>();
        private long reserved;

        private Claim(String name, long size, Digest digest, Path part, Runnable stop) {
            this.name = name;
            this.size = size;
            this.digest = digest;
            this.part = part;
            this.stop = stop;
        }

        /** Reserves {@code bytes} of disk space for this upload (replacing its earlier reservation). */
        public void reserve(long bytes) {
            synchronized (UploadClaims.this) {
                reserved = bytes;
            }
        }

        @Override
        public void close() {
            synchronized (UploadClaims.this) {
                if (active.get(name) == this) {
                    active.remove(name);
                }
                reserved = 0;
            }
            released.complete(null);
        }
    }

    /**
     * Claims {@code name} for an upload of this size and digest into {@code part}; {@code stop}
     * aborts this upload if a newer upload of the same content takes over.
     *
     * @param wait how long to wait for a stopped older upload to let go
     * @throws Refusal BUSY when another upload of the name, with other content, is in progress, or
     *     the older one does not let go in time
     */
    public Claim claim(String name, long size, Digest digest, Path part, Runnable stop, Duration wait)
            throws Refusal, InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            Claim existing;
            synchronized (this) {
                existing = active.get(name);
                if (existing == null) {
                    Claim claim = new Claim(name, size, digest, part, stop);
                    active.put(name, claim);
                    return claim;
                }
            }
            if (existing.size != size || !existing.digest.equals(digest)) {
                throw new Refusal(
                        FileError.BUSY,
                        "another upload of '" + NamePolicy.printable(name)
                                + "' is in progress; try again when it has finished");
            }
            existing.stop.run();
            try {
                existing.released.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                throw new Refusal(
                        FileError.BUSY,
                        "an earlier upload of '" + NamePolicy.printable(name) + "' has not stopped after " + wait);
            } catch (ExecutionException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** Disk space reserved by uploads other than {@code except}. */
    public synchronized long reservedBesides(Claim except) {
        long sum = 0;
        for (Claim c : active.values()) {
            if (c != except) {
                sum += c.reserved;
            }
        }
        return sum;
    }

    /** The partial files of the uploads in progress. */
    public synchronized Set<Path> partsInUse() {
        Set<Path> parts = new HashSet<>();
        for (Claim c : active.values()) {
            parts.add(c.part);
        }
        return parts;
    }

    /** How many uploads are in progress. */
    public synchronized int active() {
        return active.size();
    }
}
