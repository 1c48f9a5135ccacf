package dev.wirekit.tls.testing;

import dev.wirekit.tls.KeyMaterial;
import dev.wirekit.tls.Trust;
import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A throw-away PKI for tests, built with BouncyCastle's bcpkix independently of the code under
 * test: a root CA, an intermediate CA, and leaves of every shape the tests need (valid, expired,
 * not yet valid, wrong host, CN only, wildcard, IP, IDN, no EKU, RSA/EC/Ed25519 keys).
 *
 * <pre>{@code
 * TestPki pki = TestPki.create();
 * TestPki.Issued server = pki.leaf().dns("localhost").ip("127.0.0.1").issue();
 * KeyMaterial km = server.keyMaterial();          // chain: leaf, intermediate
 * Trust trust = pki.trust();                       // trusts the root
 * }</pre>
 */
public final class TestPki {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final AtomicLong SERIAL = new AtomicLong(1000);
    private static final JcaX509CertificateConverter CONVERTER = new JcaX509CertificateConverter();

    /** Key algorithms leaves can have. */
    public enum KeyType {
        EC_P256,
        EC_P384,
        RSA_2048,
        ED25519
    }

    /** A certificate, its key, and the chain to present (leaf first, up to but without the root). */
    public record Issued(X509Certificate certificate, PrivateKey key, List<X509Certificate> chain) {
        public KeyMaterial keyMaterial() {
            return KeyMaterial.of(key, chain);
        }

        /** Writes {@code name.crt} (the chain) and {@code name.key} (PKCS#8) into {@code dir}. */
        public Path[] writePem(Path dir, String name) throws IOException {
            Path crt = dir.resolve(name + ".crt");
            Path key = dir.resolve(name + ".key");
            Files.writeString(crt, pem(chain.toArray()));
            StringWriter out = new StringWriter();
            try (var w = new org.bouncycastle.util.io.pem.PemWriter(out)) {
                w.writeObject(new org.bouncycastle.util.io.pem.PemObject("PRIVATE KEY", this.key.getEncoded()));
            }
            Files.writeString(key, out.toString()); // PKCS#8, as OpenSSL writes it
            return new Path[] {crt, key};
        }

        /** Writes a PKCS#12 file with this key and chain. */
        public Path writePkcs12(Path file, char[] password) throws IOException {
            try {
                KeyStore ks = KeyStore.getInstance("PKCS12");
                ks.load(null, null);
                ks.setKeyEntry("wirekit", key, password, chain.toArray(Certificate[]::new));
                try (var out = Files.newOutputStream(file)) {
                    ks.store(out, password);
                }
                return file;
            } catch (GeneralSecurityException e) {
                throw new IOException(e);
            }
        }
    }

    private final String name;
    private final Issued root;
    private final Issued intermediate;

    private TestPki(String name) {
        this.name = name;
        Instant now = Instant.now();
        this.root = new LeafBuilder(null)
                .cn(name + " Root CA")
                .ca()
                .validity(now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(3650)))
                .issue();
        this.intermediate = new LeafBuilder(root)
                .cn(name + " Intermediate CA")
                .ca()
                .validity(now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(1825)))
                .issue();
    }

    /** A new PKI named "Wirekit Test". */
    public static TestPki create() {
        return new TestPki("Wirekit Test");
    }

    public static TestPki create(String name) {
        return new TestPki(name);
    }

    public Issued root() {
        return root;
    }

    public Issued intermediate() {
        return intermediate;
    }

    /** Trust in this PKI's root. */
    public Trust trust() {
        return Trust.certificates(List.of(root.certificate()));
    }

    /** A leaf issued by the intermediate: valid now for a day either side, EC P-256, serverAuth+clientAuth. */
    public LeafBuilder leaf() {
        return new LeafBuilder(intermediate);
    }

    /** A certificate signed by {@code issuer} (a CA this PKI or a test made). */
    public static LeafBuilder issuedBy(Issued issuer) {
        return new LeafBuilder(issuer);
    }

    /** A certificate signed by itself (no CA). */
    public static LeafBuilder selfSigned() {
        return new LeafBuilder(null);
    }

    /** The usual server certificate: localhost, 127.0.0.1, ::1. */
    public Issued localhost() {
        return leaf().cn("localhost").dns("localhost").ip("127.0.0.1").ip("::1").issue();
    }

    /** A client certificate (clientAuth) with a CN. */
    public Issued client(String cn) {
        return leaf().cn(cn).issue();
    }

    /** Writes the root as PEM into {@code dir}/{@code name}. */
    public Path writeRootPem(Path dir, String fileName) throws IOException {
        Path p = dir.resolve(fileName);
        Files.writeString(p, pem(root.certificate()));
        return p;
    }

    static String pem(Object... objects) throws IOException {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(out)) {
            for (Object o : objects) {
                w.writeObject(o);
            }
        }
        return out.toString();
    }

    /** Describes one certificate to issue. */
    public static final class LeafBuilder {
        private final Issued issuer;
        private String cn = "test";
        private final List<GeneralName> sans = new ArrayList<>();
        private Instant notBefore = Instant.now().minus(Duration.ofDays(1));
        private Instant notAfter = Instant.now().plus(Duration.ofDays(1));
        private KeyType keyType = KeyType.EC_P256;
        private boolean ca;
        private List<KeyPurposeId> eku = List.of(KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth);

        private LeafBuilder(Issued issuer) {
            this.issuer = issuer;
        }

        public LeafBuilder cn(String value) {
            cn = value;
            return this;
        }

        /** A dNSName SAN, exactly as given (may be a wildcard, an A-label, or even malformed). */
        public LeafBuilder dns(String value) {
            sans.add(new GeneralName(GeneralName.dNSName, value));
            return this;
        }

        public LeafBuilder ip(String value) {
            sans.add(new GeneralName(GeneralName.iPAddress, value));
            return this;
        }

        public LeafBuilder validity(Instant from, Instant to) {
            notBefore = from;
            notAfter = to;
            return this;
        }

        /** Expired yesterday. */
        public LeafBuilder expired() {
            return validity(
                    Instant.now().minus(Duration.ofDays(30)), Instant.now().minus(Duration.ofDays(1)));
        }

        /** Valid from tomorrow. */
        public LeafBuilder notYetValid() {
            return validity(
                    Instant.now().plus(Duration.ofDays(1)), Instant.now().plus(Duration.ofDays(30)));
        }

        public LeafBuilder key(KeyType value) {
            keyType = value;
            return this;
        }

        public LeafBuilder ca() {
            ca = true;
            return this;
        }

        /** Only these extended key usages (none: no EKU extension at all). */
        public LeafBuilder eku(KeyPurposeId... purposes) {
            eku = List.of(purposes);
            return this;
        }

        public Issued issue() {
            try {
                KeyPair pair = generate(keyType);
                X500Principal subject = new X500Principal("CN=" + cn + ", O=Wirekit Tests");
                X500Principal issuerName =
                        issuer == null ? subject : issuer.certificate().getSubjectX500Principal();
                PrivateKey signingKey = issuer == null ? pair.getPrivate() : issuer.key();
                X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(
                        issuerName,
                        BigInteger.valueOf(SERIAL.incrementAndGet()),
                        Date.from(notBefore),
                        Date.from(notAfter),
                        subject,
                        pair.getPublic());
                JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
                b.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(pair.getPublic()));
                if (issuer != null) {
                    b.addExtension(
                            Extension.authorityKeyIdentifier,
                            false,
                            ext.createAuthorityKeyIdentifier(issuer.certificate()));
                }
                if (ca) {
                    b.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
                    b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
                } else {
                    b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
                    b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
                    if (!eku.isEmpty()) {
                        b.addExtension(
                                Extension.extendedKeyUsage,
                                false,
                                new ExtendedKeyUsage(eku.toArray(KeyPurposeId[]::new)));
                    }
                }
                if (!sans.isEmpty()) {
                    b.addExtension(
                            Extension.subjectAlternativeName,
                            false,
                            new GeneralNames(sans.toArray(GeneralName[]::new)));
                }
                String alg = switch (signingKey.getAlgorithm()) {
                    case "RSA" -> "SHA256withRSA";
                    case "Ed25519", "EdDSA" -> "Ed25519";
                    default -> "SHA256withECDSA";
                };
                X509Certificate cert =
                        CONVERTER.getCertificate(b.build(new JcaContentSignerBuilder(alg).build(signingKey)));
                List<X509Certificate> chain = new ArrayList<>();
                chain.add(cert);
                if (issuer != null) {
                    chain.addAll(issuer.chain());
                    // the root is the trust anchor: peers need not send it
                    chain.removeIf(c -> c.getSubjectX500Principal().equals(c.getIssuerX500Principal()) && c != cert);
                }
                return new Issued(cert, pair.getPrivate(), List.copyOf(chain));
            } catch (Exception e) {
                throw new IllegalStateException("cannot issue a test certificate", e);
            }
        }

        private static KeyPair generate(KeyType type) throws GeneralSecurityException {
            KeyPairGenerator g;
            switch (type) {
                case EC_P256 -> {
                    g = KeyPairGenerator.getInstance("EC");
                    g.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
                }
                case EC_P384 -> {
                    g = KeyPairGenerator.getInstance("EC");
                    g.initialize(new ECGenParameterSpec("secp384r1"), RANDOM);
                }
                case RSA_2048 -> {
                    g = KeyPairGenerator.getInstance("RSA");
                    g.initialize(2048, RANDOM);
                }
                default -> g = KeyPairGenerator.getInstance("Ed25519");
            }
            return g.generateKeyPair();
        }
    }

    @Override
    public String toString() {
        return "TestPki[" + name + "]";
    }
}
