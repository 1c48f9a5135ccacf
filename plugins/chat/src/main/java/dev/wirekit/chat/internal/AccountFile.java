package dev.wirekit.chat.internal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The account file: one account per line, tab-separated ({@code name, created, hash or -, certificate
 * fingerprints or -}), under a header line. Read again whenever another process has replaced it;
 * changed under a lock file ({@code FILE.lock}) with read-modify-write, so concurrent writers never
 * lose each other's changes.
 */
public final class AccountFile {
    private static final String HEADER =
            "# wirekit chat accounts, format 1: name, created, argon2id hash, certificates";

    /** One account as stored. */
    public record Account(String name, Instant created, String hash, List<String> certificates) {
        public Account {
            certificates = List.copyOf(certificates);
        }

        public static Account create(String name, String hash, Instant created) {
            return new Account(name, created, hash, List.of());
        }

        public Account withHash(String newHash) {
            return new Account(name, created, newHash, certificates);
        }

        public Account withCertificate(String fingerprint) {
            if (certificates.contains(fingerprint)) {
                return this;
            }
            List<String> more = new ArrayList<>(certificates);
            more.add(fingerprint);
            return new Account(name, created, hash, more);
        }
    }

    /** A change to the accounts, keyed by folded name. */
    @FunctionalInterface
    public interface Change {
        void apply(Map<String, Account> accounts) throws IOException;
    }

    /**
     * One lock per lock file in this JVM. File locks belong to the whole process (a second
     * FileChannel.lock in the same JVM fails), so two stores on one file in one JVM take turns here
     * before taking the file lock that keeps other processes out.
     */
    private static final java.util.concurrent.ConcurrentHashMap<Path, ReentrantLock> PROCESS_LOCKS =
            new java.util.concurrent.ConcurrentHashMap<>();

    private final Path path;
    private final InstantSource clock;
    private final ReentrantLock lock = new ReentrantLock();
    private volatile Map<String, Account> accounts = Map.of();
    private volatile Object loadedKey;

    public AccountFile(Path path, InstantSource clock) {
        this.path = path;
        this.clock = clock;
    }

    public Path path() {
        return path;
    }

    public Instant now() {
        return clock.instant();
    }

    /** Reads the file (no file: no accounts). */
    public void load() throws IOException {
        lock.lock();
        try {
            reloadIfChanged();
        } finally {
            lock.unlock();
        }
    }

    /** The accounts as they are now, read again first if another process replaced the file. */
    public Map<String, Account> current() {
        if (path != null) {
            try {
                if (!Objects.equals(identity(), loadedKey)) {
                    load();
                }
            } catch (IOException e) {
                System.getLogger(AccountFile.class.getName())
                        .log(
                                System.Logger.Level.WARNING,
                                "cannot re-read the account file " + path + "; using the accounts read before: " + e);
            }
        }
        return accounts;
    }

    /** Applies {@code change} to the newest accounts and writes them, atomically, under the lock file. */
    public void update(Change change) throws IOException {
        lock.lock();
        try {
            if (path == null) {
                Map<String, Account> copy = new LinkedHashMap<>(accounts);
                change.apply(copy);
                accounts = Collections.unmodifiableMap(copy);
                return;
            }
            Path lockFile = path.toAbsolutePath().normalize().resolveSibling(path.getFileName() + ".lock");
            Files.createDirectories(lockFile.getParent());
            ReentrantLock processLock = PROCESS_LOCKS.computeIfAbsent(lockFile, k -> new ReentrantLock());
            processLock.lock();
            try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                    FileLock ignored = channel.lock()) {
                reloadIfChanged();
                Map<String, Account> copy = new LinkedHashMap<>(accounts);
                change.apply(copy);
                AtomicFiles.write(path, format(copy));
                accounts = Collections.unmodifiableMap(copy);
                loadedKey = identity();
            } finally {
                processLock.unlock();
            }
        } finally {
            lock.unlock();
        }
    }

    private void reloadIfChanged() throws IOException {
        if (path == null) {
            return;
        }
        Object key = identity();
        if (Objects.equals(key, loadedKey)) {
            return;
        }
        Map<String, Account> read = new LinkedHashMap<>();
        try {
            List<String> lines = Files.readAllLines(path, StandardCharsets.UTF_8);
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i);
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                Account a = parse(line, i + 1);
                read.put(Names.fold(a.name()), a);
            }
        } catch (NoSuchFileException e) {
            // no accounts yet
        }
        accounts = Collections.unmodifiableMap(read);
        loadedKey = key;
    }

    /** What changes whenever the file is replaced: its inode (and time and size, where there is none). */
    private Object identity() throws IOException {
        try {
            BasicFileAttributes a = Files.readAttributes(path, BasicFileAttributes.class);
            return List.of(String.valueOf(a.fileKey()), a.lastModifiedTime(), a.size());
        } catch (NoSuchFileException e) {
            return "absent";
        }
    }

    private Account parse(String line, int number) throws IOException {
        String[] f = line.split("\t", -1);
        try {
            if (f.length != 4 || !Names.isNick(f[0], 64)) {
                throw new IllegalArgumentException("expected 4 tab-separated fields starting with a valid name");
            }
            String hash = f[2].equals("-") ? null : f[2];
            if (hash != null && !PasswordHasher.isValid(hash)) {
                throw new IllegalArgumentException("the password hash is not an argon2id PHC string");
            }
            List<String> certs = f[3].equals("-") ? List.of() : List.of(f[3].split(","));
            for (String c : certs) {
                if (!c.matches("[0-9a-f]{64}")) {
                    throw new IllegalArgumentException("a certificate fingerprint is not 64 lower-case hex digits");
                }
            }
            return new Account(f[0], Instant.parse(f[1]), hash, certs);
        } catch (RuntimeException e) {
            throw new IOException(path + " line " + number + " is not an account: " + e.getMessage(), e);
        }
    }

    private static String format(Map<String, Account> accounts) {
        StringBuilder out = new StringBuilder(HEADER).append('\n');
        for (Account a : accounts.values()) {
            out.append(a.name())
                    .append('\t')
                    .append(a.created())
                    .append('\t')
                    .append(a.hash() == null ? "-" : a.hash())
                    .append('\t')
                    .append(a.certificates().isEmpty() ? "-" : String.join(",", a.certificates()))
                    .append('\n');
        }
        return out.toString();
    }
}
