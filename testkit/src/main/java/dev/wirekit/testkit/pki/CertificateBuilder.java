package dev.wirekit.testkit.pki;

import java.math.BigInteger;
import java.net.IDN;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Objects;
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
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Describes one certificate and {@linkplain #issue() issues} it. Defaults: valid from a day before
 * to a day after the PKI's clock, an EC P-256 key, {@code CN=test}, no subject alternative names, an
 * end-entity certificate for server and client authentication.
 *
 * <p>Not thread-safe; a builder issues any number of certificates (each with a new key).
 */
public final class CertificateBuilder {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final JcaX509CertificateConverter CONVERTER = new JcaX509CertificateConverter();

    /** Key algorithms a certificate can have. */
    public enum KeyType {
        EC_P256,
        EC_P384,
        RSA_2048,
        ED25519
    }

    /** Extended key usages (RFC 5280 4.2.1.12). */
    public enum Usage {
        SERVER_AUTH(KeyPurposeId.id_kp_serverAuth),
        CLIENT_AUTH(KeyPurposeId.id_kp_clientAuth);

        private final KeyPurposeId id;

        Usage(KeyPurposeId id) {
            this.id = id;
        }
    }

    private final Issued issuer;
    private final InstantSource clock;
    private final Serials serials;
    private String cn = "test";
    private final List<GeneralName> sans = new ArrayList<>();
    private Instant notBefore;
    private Instant notAfter;
    private KeyType keyType = KeyType.EC_P256;
    private boolean ca;
    private List<Usage> usages = List.of(Usage.SERVER_AUTH, Usage.CLIENT_AUTH);

    CertificateBuilder(Issued issuer, InstantSource clock, Serials serials) {
        this.issuer = issuer;
        this.clock = clock;
        this.serials = serials;
        Instant now = clock.instant();
        this.notBefore = now.minus(Duration.ofDays(1));
        this.notAfter = now.plus(Duration.ofDays(1));
    }

    /** The subject's common name ({@code CN=value, O=Wirekit Tests}). */
    public CertificateBuilder cn(String value) {
        cn = Objects.requireNonNull(value, "value");
        return this;
    }

    /**
     * A dNSName subject alternative name, exactly as given: it may be a wildcard, an A-label
     * ({@code xn--...}) or even malformed, to test how verifiers treat it.
     */
    public CertificateBuilder dns(String value) {
        sans.add(new GeneralName(GeneralName.dNSName, value));
        return this;
    }

    /** A dNSName for an internationalised name, converted to its A-label (IDNA 2003, as browsers do). */
    public CertificateBuilder idn(String unicodeName) {
        return dns(IDN.toASCII(unicodeName));
    }

    /** An iPAddress subject alternative name ({@code 127.0.0.1}, {@code ::1}). */
    public CertificateBuilder ip(String literal) {
        sans.add(new GeneralName(GeneralName.iPAddress, literal));
        return this;
    }

    /** Valid from {@code from} to {@code to}, inclusive. */
    public CertificateBuilder validity(Instant from, Instant to) {
        notBefore = Objects.requireNonNull(from, "from");
        notAfter = Objects.requireNonNull(to, "to");
        return this;
    }

    /** Valid for the 29 days until yesterday (by the PKI's clock). */
    public CertificateBuilder expired() {
        Instant now = clock.instant();
        return validity(now.minus(Duration.ofDays(30)), now.minus(Duration.ofDays(1)));
    }

    /** Valid from tomorrow (by the PKI's clock), for 29 days. */
    public CertificateBuilder notYetValid() {
        Instant now = clock.instant();
        return validity(now.plus(Duration.ofDays(1)), now.plus(Duration.ofDays(30)));
    }

    /** The key algorithm (default EC P-256). */
    public CertificateBuilder key(KeyType value) {
        keyType = Objects.requireNonNull(value, "value");
        return this;
    }

    /** A certificate authority (basic constraints CA, key usage keyCertSign and cRLSign). */
    public CertificateBuilder ca() {
        ca = true;
        return this;
    }

    /** Only these extended key usages; none: no extended key usage extension at all. */
    public CertificateBuilder usages(Usage... values) {
        usages = List.of(values);
        return this;
    }

    /** Generates a key pair and issues the certificate (signed by the issuer, or by itself). */
    public Issued issue() {
        try {
            KeyPair pair = generate(keyType);
            X500Principal subject = new X500Principal("CN=" + cn + ", O=Wirekit Tests");
            X500Principal issuerName =
                    issuer == null ? subject : issuer.certificate().getSubjectX500Principal();
            PrivateKey signingKey = issuer == null ? pair.getPrivate() : issuer.privateKey();
            X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(
                    issuerName,
                    BigInteger.valueOf(serials.next()),
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
                if (!usages.isEmpty()) {
                    b.addExtension(
                            Extension.extendedKeyUsage,
                            false,
                            new ExtendedKeyUsage(usages.stream().map(u -> u.id).toArray(KeyPurposeId[]::new)));
                }
            }
            if (!sans.isEmpty()) {
                b.addExtension(
                        Extension.subjectAlternativeName, false, new GeneralNames(sans.toArray(GeneralName[]::new)));
            }
            String algorithm = switch (signingKey.getAlgorithm()) {
                case "RSA" -> "SHA256withRSA";
                case "Ed25519", "EdDSA" -> "Ed25519";
                default -> "SHA256withECDSA";
            };
            X509Certificate cert =
                    CONVERTER.getCertificate(b.build(new JcaContentSignerBuilder(algorithm).build(signingKey)));
            List<X509Certificate> chain = new ArrayList<>();
            chain.add(cert);
            if (issuer != null) {
                for (X509Certificate c : issuer.chain()) {
                    if (!c.getSubjectX500Principal().equals(c.getIssuerX500Principal())) {
                        chain.add(c); // the root is the trust anchor: peers need not send it
                    }
                }
            }
            return new Issued(cert, pair.getPrivate(), chain);
        } catch (Exception e) {
            throw new IllegalStateException("cannot issue a test certificate for CN=" + cn, e);
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

    /** Serial numbers, unique within one PKI. */
    static final class Serials {
        private final java.util.concurrent.atomic.AtomicLong last =
                new java.util.concurrent.atomic.AtomicLong(1000 + new SecureRandom().nextInt(1 << 20));

        long next() {
            return last.incrementAndGet();
        }
    }
}
