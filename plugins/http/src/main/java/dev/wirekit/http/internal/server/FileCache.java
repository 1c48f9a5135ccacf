package dev.wirekit.http.internal.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the static file handler learned about a request path: the real file it names (checked inside
 * the root), its validators, its type and, for a small file, its bytes. An entry is used only while
 * one {@code stat} of the real path (not following a final link) shows the same size, modification
 * time and file key (device and inode): any change, a replaced file, a swapped directory, sends the
 * request through the full resolution again. Bounded in entries and in bytes held.
 */
final class FileCache {
    /** One cached file. */
    record Entry(
            Path real,
            long size,
            long modifiedMillis,
            Object fileKey,
            String etag,
            String lastModified,
            java.time.Instant lastModifiedInstant,
            String contentType,
            byte[] content) {}

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final AtomicLong contentBytes = new AtomicLong();
    private final int maxEntries;
    private final long maxContentBytes;
    private final long maxFileBytes;

    FileCache(int maxEntries, long maxContentBytes, long maxFileBytes) {
        this.maxEntries = maxEntries;
        this.maxContentBytes = maxContentBytes;
        this.maxFileBytes = maxFileBytes;
    }

    boolean enabled() {
        return maxEntries > 0;
    }

    /** Whether a file of {@code size} bytes may have its content kept. */
    boolean keepsContent(long size) {
        return size <= maxFileBytes && contentBytes.get() + size <= maxContentBytes;
    }

    /** Whether {@code rawPath} was last seen as a file whose bytes are in memory (no check that it still is). */
    boolean holdsContent(String rawPath) {
        Entry e = entries.get(rawPath);
        return e != null && e.content != null;
    }

    /** The entry for {@code rawPath} when it is still current, else null (and it is dropped). */
    Entry lookup(String rawPath) {
        Entry e = entries.get(rawPath);
        if (e == null) {
            return null;
        }
        BasicFileAttributes now;
        try {
            now = Files.readAttributes(e.real, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException ex) {
            remove(rawPath, e);
            return null;
        }
        if (!now.isRegularFile()
                || now.size() != e.size
                || now.lastModifiedTime().toMillis() != e.modifiedMillis
                || !Objects.equals(now.fileKey(), e.fileKey)) {
            remove(rawPath, e);
            return null;
        }
        return e;
    }

    void put(String rawPath, Entry e) {
        if (!enabled()) {
            return;
        }
        if (entries.size() >= maxEntries) {
            Iterator<Map.Entry<String, Entry>> it = entries.entrySet().iterator();
            for (int i = 0; i < Math.max(1, maxEntries / 8) && it.hasNext(); i++) {
                Map.Entry<String, Entry> victim = it.next();
                it.remove();
                release(victim.getValue());
            }
        }
        if (e.content != null) {
            contentBytes.addAndGet(e.content.length);
        }
        Entry old = entries.put(rawPath, e);
        if (old != null) {
            release(old);
        }
    }

    private void remove(String rawPath, Entry e) {
        if (entries.remove(rawPath, e)) {
            release(e);
        }
    }

    private void release(Entry e) {
        if (e.content != null) {
            contentBytes.addAndGet(-e.content.length);
        }
    }
}
