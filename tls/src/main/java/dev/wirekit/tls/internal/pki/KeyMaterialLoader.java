package dev.wirekit.tls.internal.pki;

import dev.wirekit.tls.KeyMaterial;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/** Where a {@link KeyMaterial} comes from, and how it is read and checked each time. */
public abstract class KeyMaterialLoader {

    /** Reads and checks the material. */
    public abstract KeyMaterial.Snapshot load() throws IOException;

    /** The files read, for watching and messages. */
    public abstract List<Path> files();

    public static KeyMaterialLoader pem(Path chain, Path key, char[] password) {
        char[] pw = password == null ? null : password.clone();
        return new KeyMaterialLoader() {
            @Override
            public KeyMaterial.Snapshot load() throws IOException {
                List<X509Certificate> certs = Pem.readCertificates(chain);
                PrivateKey privateKey = Pem.readPrivateKey(key, pw);
                return checked(privateKey, certs, chain + " and " + key);
            }

            @Override
            public List<Path> files() {
                return List.of(chain, key);
            }
        };
    }

    public static KeyMaterialLoader pkcs12(Path file, char[] password, String alias) {
        char[] pw = password == null ? new char[0] : password.clone();
        return new KeyMaterialLoader() {
            @Override
            public KeyMaterial.Snapshot load() throws IOException {
                KeyStore store;
                try (InputStream in = Files.newInputStream(file)) {
                    store = KeyStore.getInstance("PKCS12");
                    store.load(in, pw);
                } catch (GeneralSecurityException e) {
                    throw new IOException(file + " is not a readable PKCS#12 key store: " + e.getMessage(), e);
                } catch (IOException e) {
                    if (e.getCause() instanceof java.security.UnrecoverableKeyException) {
                        throw new IOException(file + ": wrong password for the PKCS#12 key store", e);
                    }
                    throw new IOException(file + " cannot be read as PKCS#12: " + e.getMessage(), e);
                }
                try {
                    List<String> aliases = Collections.list(store.aliases());
                    for (String a : aliases) {
                        if ((alias == null || alias.equals(a)) && store.isKeyEntry(a)) {
                            Key k = store.getKey(a, pw);
                            Certificate[] chain = store.getCertificateChain(a);
                            if (k instanceof PrivateKey pk && chain != null && chain.length > 0) {
                                List<X509Certificate> certs = new ArrayList<>();
                                for (Certificate c : chain) {
                                    certs.add((X509Certificate) c);
                                }
                                return checked(pk, certs, file.toString());
                            }
                        }
                    }
                    throw new IOException(file + " has no private key entry with a certificate"
                            + (alias == null ? "" : " called '" + alias + "'") + " (entries: " + aliases + ")");
                } catch (GeneralSecurityException e) {
                    throw new IOException(file + ": cannot read the private key: " + e.getMessage(), e);
                }
            }

            @Override
            public List<Path> files() {
                return List.of(file);
            }
        };
    }

    public static KeyMaterialLoader fixed(KeyMaterial.Snapshot snapshot) throws IOException {
        KeyMaterial.Snapshot checked = checked(snapshot.privateKey(), snapshot.chain(), "the given key material");
        return new KeyMaterialLoader() {
            @Override
            public KeyMaterial.Snapshot load() {
                return checked;
            }

            @Override
            public List<Path> files() {
                return List.of();
            }
        };
    }

    /** Puts the certificate that matches the key first, or fails when none does. */
    static KeyMaterial.Snapshot checked(PrivateKey key, List<X509Certificate> certs, String what) throws IOException {
        for (int i = 0; i < certs.size(); i++) {
            if (matches(key, certs.get(i).getPublicKey())) {
                List<X509Certificate> ordered = new ArrayList<>(certs);
                X509Certificate leaf = ordered.remove(i);
                ordered.add(0, leaf);
                return new KeyMaterial.Snapshot(ordered, key);
            }
        }
        throw new IOException(what + ": the private key (" + key.getAlgorithm()
                + ") belongs to none of the certificates ("
                + certs.get(0).getSubjectX500Principal().getName()
                + (certs.size() > 1 ? " and " + (certs.size() - 1) + " more" : "") + ")");
    }

    /** Signs a random challenge with the private key and verifies it with the public key. */
    static boolean matches(PrivateKey key, PublicKey publicKey) throws IOException {
        String algorithm = switch (key.getAlgorithm().toUpperCase(Locale.ROOT)) {
            case "EC", "ECDSA" -> "SHA256withECDSA";
            case "RSA" -> "SHA256withRSA";
            case "ED25519" -> "Ed25519";
            case "ED448" -> "Ed448";
            case "EDDSA" -> "EdDSA";
            default ->
                throw new IOException("unsupported private key type " + key.getAlgorithm()
                        + ": use an EC (P-256/P-384), RSA or Ed25519 key");
        };
        if (!publicKeyFamily(publicKey).equals(publicKeyFamily(key))) {
            return false;
        }
        try {
            byte[] challenge = new byte[32];
            new SecureRandom().nextBytes(challenge);
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(challenge);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(publicKey);
            verifier.update(challenge);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static String publicKeyFamily(Key k) {
        String a = k.getAlgorithm().toUpperCase(Locale.ROOT);
        return switch (a) {
            case "ECDSA" -> "EC";
            case "ED25519", "ED448" -> "EDDSA";
            default -> a;
        };
    }
}
