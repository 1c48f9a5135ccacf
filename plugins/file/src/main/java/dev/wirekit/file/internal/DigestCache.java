package dev.wirekit.file.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * The SHA-256 of files the server has served or stored, so a download can announce the digest
 * without reading the whole file first every time. An entry is keyed by what changes when the
 * content does: path, file key (inode), size and modification time. Uploads record their verified
 * digest as they commit; a file put in the root by other means is hashed once, on its first
 * download, however many clients ask for it at once. Bounded: the least recently used entries go.
 */
public final class DigestCache {
    private final int capacity;
    private final LinkedHashMap<Key, Digest> known;
    private final Map<Key, CompletableFuture<Digest>> computing = new HashMap<>();

    private record Key(Path path, Object fileKey, long size, FileTime modified) {
        static Key of(Path path, BasicFileAttributes a) {
            return new Key(path, a.fileKey(), a.size(), a.lastModifiedTime());
        }
    }

    public DigestCache(int capacity) {
        this.capacity = capacity;
        this.known = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Key, Digest> eldest) {
                return size() > DigestCache.this.capacity;
            }
        };
    }

    /** The digest of the open file {@code file}, computed from its channel when not known. */
    public Digest digest(ServedRoot.OpenFile file) throws IOException {
        Key key = Key.of(file.path(), file.attributes());
        CompletableFuture<Digest> mine;
        CompletableFuture<Digest> theirs;
        synchronized (this) {
            Digest d = known.get(key);
            if (d != null) {
                return d;
            }
            theirs = computing.get(key);
            mine = theirs == null ? new CompletableFuture<>() : null;
            if (mine != null) {
                computing.put(key, mine);
            }
        }
        if (theirs != null) {
            return await(theirs);
        }
        try {
            Digest d = Digest.of(file.channel(), file.attributes().size());
            synchronized (this) {
                known.put(key, d);
            }
            mine.complete(d);
            return d;
        } catch (IOException | RuntimeException e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            synchronized (this) {
                computing.remove(key);
            }
        }
    }

    /** Records the digest of the file at {@code path}, whose attributes are {@code attributes}. */
    public synchronized void remember(Path path, BasicFileAttributes attributes, Digest digest) {
        known.put(Key.of(path, attributes), Objects.requireNonNull(digest));
    }

    private static Digest await(CompletableFuture<Digest> future) throws IOException {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while waiting for a digest");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw new IOException(io.getMessage(), io);
            }
            throw new UncheckedIOException(new IOException(e.getCause()));
        }
    }
}
