package dev.wirekit.chat;

import dev.wirekit.chat.ChatServerConfig.PasswordHashing;
import dev.wirekit.chat.internal.AccountFile;
import dev.wirekit.chat.internal.Names;
import dev.wirekit.chat.internal.PasswordHasher;
import java.io.IOException;
import java.nio.file.Path;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.InstantSource;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Registered chat accounts: a name (which is also the nickname it reserves), an Argon2id password
 * hash, and the SHA-256 fingerprints of TLS client certificates that log in to it with SASL
 * EXTERNAL.
 *
 * <p>With a file, every change is written at once and atomically (a temp file, then a rename), under
 * a lock file, so the server and {@code wirekit chat user add} may change the same file at the same
 * time; each reads the file again when another process has replaced it. Without a file, accounts
 * live in memory.
 *
 * <p>Names follow the nickname rules (RFC 2812) and compare case-insensitively (ASCII). Passwords are
 * never stored: only salted Argon2id hashes with their parameters ({@link PasswordHashing}), checked
 * in constant time. Thread-safe.
 */
public final class AccountStore {
    /** The longest account name. */
    public static final int MAX_NAME = 64;

    private final AccountFile file;
    private final PasswordHasher hasher;

    private AccountStore(AccountFile file, PasswordHasher hasher) {
        this.file = file;
        this.hasher = hasher;
    }

    /**
     * The store in {@code file} (created on the first change when it does not exist), hashing new
     * passwords with {@code hashing}.
     *
     * @throws IOException when the file exists but cannot be read, or is not an account file
     */
    public static AccountStore open(Path file, PasswordHashing hashing) throws IOException {
        AccountStore store =
                new AccountStore(new AccountFile(file, InstantSource.system()), new PasswordHasher(hashing));
        store.file.load();
        return store;
    }

    /** A store in memory only, for tests and embedded servers. */
    public static AccountStore inMemory(PasswordHashing hashing) {
        return new AccountStore(new AccountFile(null, InstantSource.system()), new PasswordHasher(hashing));
    }

    /** The file, or empty for a store in memory. */
    public Optional<Path> file() {
        return Optional.ofNullable(file.path());
    }

    /**
     * Creates account {@code name} with {@code password} (which may be null for an account that logs
     * in only by certificate). The password array is not kept.
     *
     * @throws IllegalArgumentException when the name is not a valid nickname, or the account exists
     */
    public void add(String name, char[] password) throws IOException {
        checkName(name);
        String hash = password == null ? null : hasher.hash(password);
        file.update(accounts -> {
            if (accounts.containsKey(Names.fold(name))) {
                throw new IllegalArgumentException("account " + name + " already exists");
            }
            accounts.put(Names.fold(name), AccountFile.Account.create(name, hash, file.now()));
        });
    }

    /** Replaces the password of {@code name} (null removes it). */
    public void setPassword(String name, char[] password) throws IOException {
        String hash = password == null ? null : hasher.hash(password);
        file.update(accounts ->
                accounts.put(Names.fold(name), existing(accounts, name).withHash(hash)));
    }

    /** Lets a client certificate with SHA-256 fingerprint {@code fingerprint} (hex) log in as {@code name}. */
    public void addCertificate(String name, String fingerprint) throws IOException {
        String fp = normaliseFingerprint(fingerprint);
        file.update(accounts -> {
            for (AccountFile.Account other : accounts.values()) {
                if (other.certificates().contains(fp)
                        && !Names.fold(other.name()).equals(Names.fold(name))) {
                    throw new IllegalArgumentException("that certificate already belongs to account " + other.name());
                }
            }
            accounts.put(Names.fold(name), existing(accounts, name).withCertificate(fp));
        });
    }

    /** Deletes {@code name}; true when it existed. */
    public boolean remove(String name) throws IOException {
        boolean[] removed = {false};
        file.update(accounts -> removed[0] = accounts.remove(Names.fold(name)) != null);
        return removed[0];
    }

    /** True when account {@code name} exists (in any letter case). */
    public boolean exists(String name) {
        return file.current().containsKey(Names.fold(name));
    }

    /** The account's name as it was registered, when it exists. */
    public Optional<String> canonicalName(String name) {
        return Optional.ofNullable(file.current().get(Names.fold(name))).map(AccountFile.Account::name);
    }

    /** Every account name, sorted. */
    public List<String> names() {
        return file.current().values().stream()
                .map(AccountFile.Account::name)
                .sorted(String.CASE_INSENSITIVE_ORDER)
                .toList();
    }

    /**
     * True when {@code password} is the password of account {@code name}. Takes the same time whether
     * or not the account exists or has a password, so timing tells nothing about which names exist.
     */
    public boolean verify(String name, char[] password) {
        AccountFile.Account account = file.current().get(Names.fold(name));
        return hasher.verify(password, account == null ? null : account.hash()) && account != null;
    }

    /** The account a client certificate logs in to, by its SHA-256 fingerprint. */
    public Optional<String> accountForCertificate(X509Certificate certificate) {
        String fp = fingerprint(certificate);
        return file.current().values().stream()
                .filter(a -> a.certificates().contains(fp))
                .map(AccountFile.Account::name)
                .findFirst();
    }

    /** The SHA-256 fingerprint of {@code certificate}'s DER encoding, lower-case hex. */
    public static String fingerprint(X509Certificate certificate) {
        try {
            byte[] der = certificate.getEncoded();
            return HexFormat.of()
                    .formatHex(
                            java.security.MessageDigest.getInstance("SHA-256").digest(der));
        } catch (CertificateEncodingException | java.security.NoSuchAlgorithmException e) {
            throw new IllegalArgumentException("cannot fingerprint the certificate: " + e.getMessage(), e);
        }
    }

    private static AccountFile.Account existing(java.util.Map<String, AccountFile.Account> accounts, String name) {
        AccountFile.Account a = accounts.get(Names.fold(name));
        if (a == null) {
            throw new IllegalArgumentException("no account named " + name);
        }
        return a;
    }

    /** Checks that {@code name} can be an account name. */
    public static void checkName(String name) {
        if (!Names.isNick(name, MAX_NAME)) {
            throw new IllegalArgumentException("'" + name + "' cannot be an account name: use 1-" + MAX_NAME
                    + " letters, digits and []\\`_^{|}- (starting with a letter or one of []\\`_^{|})");
        }
    }

    private static String normaliseFingerprint(String fingerprint) {
        String hex = fingerprint.replace(":", "").trim().toLowerCase(Locale.ROOT);
        if (!hex.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException(
                    "a certificate fingerprint is 64 hex digits (SHA-256), optionally separated by ':': "
                            + fingerprint);
        }
        return hex;
    }

    @Override
    public String toString() {
        return "AccountStore[" + (file.path() == null ? "memory" : file.path()) + "]";
    }
}
