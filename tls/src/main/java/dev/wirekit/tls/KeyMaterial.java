package dev.wirekit.tls;

import dev.wirekit.tls.internal.pki.DevCertificates;
import dev.wirekit.tls.internal.pki.KeyMaterialLoader;
import dev.wirekit.tls.internal.pki.KeyMaterialWatcher;
import dev.wirekit.tls.internal.trust.Fingerprints;
import java.io.IOException;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Objects;

/**
 * A certificate chain and its private key: what a server presents (and a client, for mutual TLS).
 *
 * <p>Sources: PEM files ({@link #pem}: a chain file, leaf first, and a PKCS#8 or traditional
 * OpenSSL key file, optionally encrypted), a PKCS#12 key store ({@link #pkcs12}), objects already in
 * memory ({@link #of}), or the self-signed {@linkplain #developmentCertificate() development
 * certificate}. Every source is read and checked at once (the key must match the leaf certificate),
 * so a mistake shows up at start-up, not at the first handshake.
 *
 * <h2>Hot reload</h2>
 *
 * Material read from files can be {@linkplain #reload() reloaded}: the files are read again, checked,
 * and swapped in atomically. Handshakes that start afterwards use the new certificate; connections
 * already established keep theirs and are never dropped. A reload that fails (a half-written file, a
 * key that does not match) keeps the old material and throws, so a bad deployment never takes a
 * server down. {@link #watch(Duration)} does the same automatically when the files change.
 *
 * <p>Thread-safe: readers see either the old pair or the new one, never a mix.
 */
public final class KeyMaterial {
    private static final System.Logger LOG = System.getLogger("dev.wirekit.tls");

    /** One consistent certificate chain and private key. */
    public record Snapshot(List<X509Certificate> chain, PrivateKey privateKey) {
        public Snapshot {
            chain = List.copyOf(chain);
            Objects.requireNonNull(privateKey, "privateKey");
            if (chain.isEmpty()) {
                throw new IllegalArgumentException("a certificate chain needs at least the leaf certificate");
            }
        }

        /** The leaf certificate. */
        public X509Certificate certificate() {
            return chain.get(0);
        }
    }

    private final KeyMaterialLoader loader;
    private volatile Snapshot current;

    private KeyMaterial(KeyMaterialLoader loader) throws IOException {
        this.loader = loader;
        this.current = loader.load();
    }

    /**
     * Reads a PEM certificate chain (leaf first; the leaf is found by its key when out of order)
     * and an unencrypted private key.
     *
     * @throws IOException when a file cannot be read or parsed, or the key does not match
     */
    public static KeyMaterial pem(Path certificateChain, Path privateKey) throws IOException {
        return pem(certificateChain, privateKey, null);
    }

    /** As {@link #pem(Path, Path)}, for a key encrypted with {@code keyPassword} (null: unencrypted). */
    public static KeyMaterial pem(Path certificateChain, Path privateKey, char[] keyPassword) throws IOException {
        return new KeyMaterial(KeyMaterialLoader.pem(certificateChain, privateKey, keyPassword));
    }

    /**
     * Reads the first private-key entry of a PKCS#12 file ({@code .p12}, {@code .pfx}).
     *
     * @throws IOException when the file cannot be read, the password is wrong, or it has no key
     */
    public static KeyMaterial pkcs12(Path file, char[] password) throws IOException {
        return pkcs12(file, password, null);
    }

    /** As {@link #pkcs12(Path, char[])}, for the entry called {@code alias} (null: the first key entry). */
    public static KeyMaterial pkcs12(Path file, char[] password, String alias) throws IOException {
        return new KeyMaterial(KeyMaterialLoader.pkcs12(file, password, alias));
    }

    /** A chain (leaf first) and key already in memory; {@link #reload()} keeps them. */
    public static KeyMaterial of(PrivateKey privateKey, List<X509Certificate> chain) {
        try {
            return new KeyMaterial(KeyMaterialLoader.fixed(new Snapshot(chain, privateKey)));
        } catch (IOException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /**
     * The self-signed development certificate of this user, in {@link #developmentDirectory()}:
     * made on first use (EC P-256, valid a year, for {@code localhost}, {@code 127.0.0.1},
     * {@code ::1} and this machine's name), reused afterwards, renewed a week before it expires.
     * Logs a warning every time it is used: clients will not trust it unless told to (with
     * {@code --trust <dir>/cert.pem} or its fingerprint), and it must never serve production.
     */
    public static KeyMaterial developmentCertificate() throws IOException {
        return developmentCertificate(developmentDirectory(), InstantSource.system());
    }

    /** As {@link #developmentCertificate()}, in {@code directory}, at {@code clock}'s time. */
    public static KeyMaterial developmentCertificate(Path directory, InstantSource clock) throws IOException {
        DevCertificates.Loaded loaded = DevCertificates.loadOrCreate(directory, clock);
        LOG.log(
                System.Logger.Level.WARNING,
                "*** TLS is using the self-signed DEVELOPMENT certificate " + loaded.certFile() + " ("
                        + Fingerprints.pin(loaded.chain().get(0))
                        + "). Clients will not trust it unless told to (--trust " + loaded.certFile()
                        + " or the fingerprint above). Give a real certificate with --cert/--key for anything"
                        + " but development. ***");
        return pem(loaded.certFile(), loaded.keyFile());
    }

    /**
     * Where the development certificate lives: the system property {@code wirekit.devcert.dir}, or
     * {@code ~/.wirekit/dev-cert}. It holds {@code cert.pem} and {@code key.pem} (readable by the
     * owner only).
     */
    public static Path developmentDirectory() {
        return DevCertificates.defaultDirectory();
    }

    /** The chain and key in use now. */
    public Snapshot current() {
        return current;
    }

    /** The certificate chain in use now, leaf first. */
    public List<X509Certificate> certificateChain() {
        return current.chain();
    }

    /** The files this material is read from; empty for material given in memory. */
    public List<Path> files() {
        return loader.files();
    }

    /**
     * Reads the files again and, when they hold a valid pair, uses it for every handshake from now
     * on. Established connections are not touched.
     *
     * @return true when the certificate changed
     * @throws IOException when the new files are unusable; the material in use stays as it was
     */
    public boolean reload() throws IOException {
        synchronized (loader) {
            Snapshot fresh = loader.load();
            Snapshot old = current;
            if (fresh.chain().equals(old.chain()) && fresh.privateKey().equals(old.privateKey())) {
                return false;
            }
            current = fresh;
            LOG.log(
                    System.Logger.Level.INFO,
                    "reloaded TLS certificate " + describe(fresh.certificate()) + " from " + loader.files());
            return true;
        }
    }

    /**
     * Watches this material's files and {@linkplain #reload() reloads} it when they change (after
     * they have been quiet for {@code settle}, so both files of a renewal are in place). A failed
     * reload is logged and the old material stays. Close the returned handle to stop watching; it
     * owns one virtual thread.
     *
     * @throws IOException when the directories cannot be watched
     * @throws IllegalStateException for material given in memory (there is nothing to watch)
     */
    public AutoCloseable watch(Duration settle) throws IOException {
        if (loader.files().isEmpty()) {
            throw new IllegalStateException("key material given in memory has no files to watch");
        }
        return KeyMaterialWatcher.start(this, loader.files(), settle);
    }

    static String describe(X509Certificate c) {
        return "'" + c.getSubjectX500Principal().getName() + "' (valid until "
                + c.getNotAfter().toInstant() + ", " + Fingerprints.pin(c) + ")";
    }

    @Override
    public String toString() {
        return "KeyMaterial[" + describe(current.certificate())
                + (loader.files().isEmpty() ? "" : " from " + loader.files()) + "]";
    }
}
