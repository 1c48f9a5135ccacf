package dev.wirekit.testkit.pki;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

/**
 * A certificate issued by a {@link TestPki}, with its private key and the chain to present.
 *
 * <p>Adapt it to your TLS implementation from the JDK objects ({@link #privateKey()},
 * {@link #chain()}), the PEM text or files, or the PKCS#12 {@link #keyStore key store}. With
 * Wirekit's TLS: {@code KeyMaterial.of(issued.privateKey(), issued.chain())}.
 *
 * @param certificate the certificate itself
 * @param privateKey its private key
 * @param chain what a peer presents: this certificate first, then its issuers up to but without
 *     the root (the trust anchor, which peers need not send)
 */
public record Issued(X509Certificate certificate, PrivateKey privateKey, List<X509Certificate> chain) {
    /** The alias of the key entry in {@link #keyStore}. */
    public static final String ALIAS = "wirekit";

    public Issued {
        Objects.requireNonNull(certificate, "certificate");
        Objects.requireNonNull(privateKey, "privateKey");
        chain = List.copyOf(chain);
    }

    /** The {@link #chain()} as PEM text, leaf first. */
    public String certificatePem() {
        return Pem.certificates(chain);
    }

    /** The private key as unencrypted PKCS#8 PEM text ({@code -----BEGIN PRIVATE KEY-----}). */
    public String privateKeyPem() {
        return Pem.privateKey(privateKey);
    }

    /**
     * Writes {@code name.crt} (the chain) and {@code name.key} (the PKCS#8 key, readable by its
     * owner only where the file system allows) into {@code directory}, replacing files of those
     * names.
     */
    public PemFiles writePem(Path directory, String name) throws IOException {
        Path crt = directory.resolve(name + ".crt");
        Path key = directory.resolve(name + ".key");
        Files.writeString(crt, certificatePem());
        Files.writeString(key, privateKeyPem());
        try {
            Files.setPosixFilePermissions(key, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            // Windows: the default ACL of a temporary directory is good enough for a test key
        }
        return new PemFiles(crt, key);
    }

    /** A PKCS#12 key store with one key entry, {@link #ALIAS}: this key and chain, under {@code password}. */
    public KeyStore keyStore(char[] password) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry(ALIAS, privateKey, password, chain.toArray(Certificate[]::new));
            return store;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot build a PKCS#12 key store", e);
        }
    }

    /** Writes {@link #keyStore(char[])} to {@code file} ({@code .p12}) and returns the file. */
    public Path writePkcs12(Path file, char[] password) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            keyStore(password).store(out, password);
            return file;
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot write " + file, e);
        }
    }

    @Override
    public String toString() {
        return "Issued[" + certificate.getSubjectX500Principal().getName() + ", until "
                + certificate.getNotAfter().toInstant() + "]";
    }
}
