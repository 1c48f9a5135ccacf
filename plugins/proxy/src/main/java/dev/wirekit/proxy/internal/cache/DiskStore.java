package dev.wirekit.proxy.internal.cache;

import dev.wirekit.http.Headers;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Responses in files under one directory, bounded in bytes (least recently used evicted first),
 * found again after a restart. One file per variant, named by a hash of its key and Vary values,
 * written to a temporary file and moved into place so a reader never sees half a response.
 */
public final class DiskStore implements CacheStore {
    private static final int MAGIC = 0x574B4331; // "WKC1"
    private static final String SUFFIX = ".wkc";
    private static final System.Logger LOG = System.getLogger("dev.wirekit.proxy.cache");

    private record Meta(String key, Map<String, String> vary, long size) {}

    private final Path dir;
    private final long maxBytes;
    private final ReentrantLock lock = new ReentrantLock();
    private final LinkedHashMap<String, Meta> files = new LinkedHashMap<>(64, 0.75f, true);
    /** The file names of each key's variants. */
    private final Map<String, java.util.Set<String>> byKey = new java.util.HashMap<>();

    private long bytes;

    /**
     * Opens (and creates) the store in {@code dir}, indexing the responses already there.
     *
     * @throws UncheckedIOException when the directory cannot be created or read
     */
    public DiskStore(Path dir, long maxBytes) {
        this.dir = dir;
        this.maxBytes = maxBytes;
        try {
            Files.createDirectories(dir);
            List<Path> found = new ArrayList<>();
            try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, "*" + SUFFIX)) {
                s.forEach(found::add);
            }
            found.sort(Comparator.comparing(p -> lastModified(p)));
            for (Path p : found) {
                try {
                    CachedResponse r = read(p, false);
                    String name = p.getFileName().toString();
                    long size = Files.size(p);
                    files.put(name, new Meta(r.key(), r.vary(), size));
                    byKey.computeIfAbsent(r.key(), k -> new java.util.HashSet<>())
                            .add(name);
                    bytes += size;
                } catch (IOException | RuntimeException e) {
                    LOG.log(System.Logger.Level.WARNING, "dropping unreadable cache file " + p + ": " + e);
                    Files.deleteIfExists(p);
                }
            }
            try (DirectoryStream<Path> leftovers = Files.newDirectoryStream(dir, "*.tmp")) {
                for (Path p : leftovers) {
                    Files.deleteIfExists(p); // from a put interrupted by a crash
                }
            }
            evict();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the cache directory " + dir, e);
        }
    }

    private static long lastModified(Path p) {
        try {
            return Files.getLastModifiedTime(p).toMillis();
        } catch (IOException e) {
            return 0;
        }
    }

    @Override
    public List<CachedResponse> variants(String key) {
        List<String> names;
        lock.lock();
        try {
            names = new ArrayList<>(byKey.getOrDefault(key, java.util.Set.of()));
            for (String n : names) {
                files.get(n); // touch: most recently used
            }
        } finally {
            lock.unlock();
        }
        List<CachedResponse> out = new ArrayList<>();
        for (String n : names) {
            try {
                out.add(read(dir.resolve(n), true));
            } catch (IOException | RuntimeException e) {
                forget(n);
            }
        }
        out.sort(Comparator.comparingLong(CachedResponse::responseTime).reversed());
        return out;
    }

    @Override
    public void put(CachedResponse response) {
        String name = fileName(response.key(), response.vary());
        Path target = dir.resolve(name);
        try {
            Path temp = Files.createTempFile(dir, "put-", ".tmp");
            try {
                write(response, temp);
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(temp);
            }
            long size = Files.size(target);
            lock.lock();
            try {
                Meta old = files.put(name, new Meta(response.key(), response.vary(), size));
                byKey.computeIfAbsent(response.key(), k -> new java.util.HashSet<>())
                        .add(name);
                bytes += size - (old == null ? 0 : old.size);
                evict();
            } finally {
                lock.unlock();
            }
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot write the cache file " + target + ": " + e);
        }
    }

    @Override
    public void remove(String key) {
        List<String> names;
        lock.lock();
        try {
            names = new ArrayList<>(byKey.getOrDefault(key, java.util.Set.of()));
        } finally {
            lock.unlock();
        }
        names.forEach(this::forget);
    }

    private void forget(String name) {
        lock.lock();
        try {
            Meta m = files.remove(name);
            if (m != null) {
                bytes -= m.size;
                unindex(m.key, name);
            }
            Files.deleteIfExists(dir.resolve(name));
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot delete the cache file " + name + ": " + e);
        } finally {
            lock.unlock();
        }
    }

    /** Evicts the least recently used files until within the bound; lock held. */
    private void evict() {
        Iterator<Map.Entry<String, Meta>> it = files.entrySet().iterator();
        while (bytes > maxBytes && it.hasNext()) {
            Map.Entry<String, Meta> e = it.next();
            bytes -= e.getValue().size;
            it.remove();
            unindex(e.getValue().key, e.getKey());
            try {
                Files.deleteIfExists(dir.resolve(e.getKey()));
            } catch (IOException ex) {
                LOG.log(System.Logger.Level.WARNING, "cannot delete the cache file " + e.getKey() + ": " + ex);
            }
        }
    }

    /** Drops {@code name} from its key's set; lock held. */
    private void unindex(String key, String name) {
        java.util.Set<String> names = byKey.get(key);
        if (names != null && names.remove(name) && names.isEmpty()) {
            byKey.remove(key);
        }
    }

    @Override
    public long bytes() {
        lock.lock();
        try {
            return bytes;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public int entries() {
        lock.lock();
        try {
            return files.size();
        } finally {
            lock.unlock();
        }
    }

    static String fileName(String key, Map<String, String> vary) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(key.getBytes(StandardCharsets.UTF_8));
            new TreeMap<>(vary).forEach((k, v) -> {
                sha.update((byte) '\n');
                sha.update(k.getBytes(StandardCharsets.UTF_8));
                sha.update((byte) '=');
                sha.update(v.getBytes(StandardCharsets.UTF_8));
            });
            return HexFormat.of().formatHex(sha.digest()) + SUFFIX;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }

    private static void write(CachedResponse r, Path file) throws IOException {
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file)))) {
            out.writeInt(MAGIC);
            string(out, r.key());
            out.writeInt(r.status());
            string(out, r.reason());
            out.writeLong(r.requestTime());
            out.writeLong(r.responseTime());
            out.writeInt(r.vary().size());
            for (Map.Entry<String, String> e : new TreeMap<>(r.vary()).entrySet()) {
                string(out, e.getKey());
                string(out, e.getValue());
            }
            out.writeInt(r.headers().size());
            for (int i = 0; i < r.headers().size(); i++) {
                string(out, r.headers().name(i));
                string(out, r.headers().value(i));
            }
            out.writeInt(r.body().length);
            out.write(r.body());
        }
    }

    private static CachedResponse read(Path file, boolean withBody) throws IOException {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            if (in.readInt() != MAGIC) {
                throw new IOException("not a Wirekit cache file");
            }
            String key = string(in);
            int status = in.readInt();
            String reason = string(in);
            long requestTime = in.readLong();
            long responseTime = in.readLong();
            int varyCount = in.readInt();
            Map<String, String> vary = new LinkedHashMap<>();
            for (int i = 0; i < varyCount; i++) {
                vary.put(string(in), string(in));
            }
            int fieldCount = in.readInt();
            Headers headers = new Headers();
            for (int i = 0; i < fieldCount; i++) {
                headers.add(string(in), string(in));
            }
            int length = in.readInt();
            byte[] body = new byte[withBody ? length : 0];
            if (withBody) {
                in.readFully(body);
            }
            return new CachedResponse(key, status, reason, headers, body, Map.copyOf(vary), requestTime, responseTime);
        }
    }

    private static void string(DataOutputStream out, String s) throws IOException {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    private static String string(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > 1 << 20) {
            throw new IOException("a corrupt cache file");
        }
        byte[] b = new byte[n];
        in.readFully(b);
        return new String(b, StandardCharsets.UTF_8);
    }
}
