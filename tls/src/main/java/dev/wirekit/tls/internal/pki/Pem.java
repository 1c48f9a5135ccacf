package dev.wirekit.tls.internal.pki;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMException;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8DecryptorProviderBuilder;
import org.bouncycastle.openssl.jcajce.JcePEMDecryptorProviderBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.bouncycastle.pkcs.PKCSException;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemWriter;

/** Reads and writes PEM certificates and private keys (bcpkix's parser: it skips text between blocks). */
public final class Pem {
    private Pem() {}

    /** Every certificate in a PEM file, in order. */
    public static List<X509Certificate> readCertificates(Path file) throws IOException {
        try (Reader reader = open(file)) {
            return readCertificates(reader, file.toString());
        }
    }

    public static List<X509Certificate> readCertificates(Reader reader, String what) throws IOException {
        List<X509Certificate> certificates = new ArrayList<>();
        JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
        try (PEMParser parser = new PEMParser(reader)) {
            Object o;
            while ((o = next(parser, what)) != null) {
                if (o instanceof X509CertificateHolder holder) {
                    certificates.add(converter.getCertificate(holder));
                }
            }
        } catch (CertificateException e) {
            throw new IOException(what + ": a certificate cannot be decoded: " + e.getMessage(), e);
        }
        if (certificates.isEmpty()) {
            throw new IOException(what + " holds no PEM certificate (expected '-----BEGIN CERTIFICATE-----')");
        }
        return certificates;
    }

    /**
     * The first private key in a PEM file: PKCS#8 ({@code PRIVATE KEY}), encrypted PKCS#8
     * ({@code ENCRYPTED PRIVATE KEY}, needs {@code password}), or the traditional OpenSSL forms
     * ({@code EC PRIVATE KEY}, {@code RSA PRIVATE KEY}, optionally encrypted).
     */
    public static PrivateKey readPrivateKey(Path file, char[] password) throws IOException {
        try (Reader reader = open(file)) {
            return readPrivateKey(reader, file.toString(), password);
        }
    }

    public static PrivateKey readPrivateKey(Reader reader, String what, char[] password) throws IOException {
        JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
        try (PEMParser parser = new PEMParser(reader)) {
            Object o;
            while ((o = next(parser, what)) != null) {
                if (o instanceof PrivateKeyInfo info) {
                    return converter.getPrivateKey(info);
                }
                if (o instanceof PEMKeyPair pair) {
                    // the public half is optional in "EC PRIVATE KEY": use only the private key info
                    return converter.getPrivateKey(pair.getPrivateKeyInfo());
                }
                if (o instanceof PKCS8EncryptedPrivateKeyInfo encrypted) {
                    requirePassword(password, what);
                    PrivateKeyInfo info = encrypted.decryptPrivateKeyInfo(new JceOpenSSLPKCS8DecryptorProviderBuilder()
                            .setProvider(BcProvider.get())
                            .build(password));
                    return converter.getPrivateKey(info);
                }
                if (o instanceof PEMEncryptedKeyPair encrypted) {
                    requirePassword(password, what);
                    return converter.getPrivateKey(encrypted
                            .decryptKeyPair(new JcePEMDecryptorProviderBuilder()
                                    .setProvider(BcProvider.get())
                                    .build(password))
                            .getPrivateKeyInfo());
                }
            }
        } catch (PKCSException | OperatorCreationException e) {
            throw new IOException(
                    what + ": the private key cannot be decrypted (wrong password?): " + e.getMessage(), e);
        } catch (PEMException e) {
            throw new IOException(what + ": the private key cannot be decoded: " + e.getMessage(), e);
        }
        throw new IOException(what + " holds no PEM private key (expected '-----BEGIN PRIVATE KEY-----')");
    }

    private static void requirePassword(char[] password, String what) throws IOException {
        if (password == null) {
            throw new IOException(what + " holds an encrypted private key: give its password");
        }
    }

    private static Object next(PEMParser parser, String what) throws IOException {
        try {
            return parser.readObject();
        } catch (IOException e) {
            throw new IOException(what + " is not valid PEM: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new IOException(what + " is not valid PEM: " + e, e);
        }
    }

    private static Reader open(Path file) throws IOException {
        try {
            return Files.newBufferedReader(file, StandardCharsets.US_ASCII);
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(file.toString(), null, "file not found");
        }
    }

    /** Certificates as PEM text. */
    public static String certificates(List<X509Certificate> chain) throws IOException {
        StringWriter out = new StringWriter();
        try (PemWriter writer = new PemWriter(out)) {
            for (X509Certificate c : chain) {
                writer.writeObject(new PemObject("CERTIFICATE", encoded(c)));
            }
        }
        return out.toString();
    }

    /** An unencrypted PKCS#8 private key as PEM text. */
    public static String privateKey(PrivateKey key) throws IOException {
        StringWriter out = new StringWriter();
        try (PemWriter writer = new PemWriter(out)) {
            writer.writeObject(new PemObject("PRIVATE KEY", key.getEncoded()));
        }
        return out.toString();
    }

    private static byte[] encoded(X509Certificate c) throws IOException {
        try {
            return c.getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot encode certificate " + c.getSubjectX500Principal(), e);
        }
    }
}
