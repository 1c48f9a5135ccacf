package dev.wirekit.tls.internal.pki;

import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
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
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Makes X.509 certificates for TLS: self-signed, or signed by a given CA. Behind the development
 * certificate and {@code wirekit cert create}.
 */
public final class CertificateGenerator {

    /** The key algorithms offered; all sign, as ECDHE needs. */
    public enum KeyType {
        EC_P256("ec-p256"),
        EC_P384("ec-p384"),
        RSA_2048("rsa-2048"),
        RSA_3072("rsa-3072"),
        ED25519("ed25519");

        private final String cliName;

        KeyType(String cliName) {
            this.cliName = cliName;
        }

        public String cliName() {
            return cliName;
        }

        public static KeyType parse(String text) {
            for (KeyType t : values()) {
                if (t.cliName.equalsIgnoreCase(text.trim())) {
                    return t;
                }
            }
            throw new IllegalArgumentException("unknown key type '" + text + "'");
        }

        KeyPair generate(SecureRandom random) throws GeneralSecurityException {
            KeyPairGenerator g;
            switch (this) {
                case EC_P256 -> {
                    g = KeyPairGenerator.getInstance("EC");
                    g.initialize(new ECGenParameterSpec("secp256r1"), random);
                }
                case EC_P384 -> {
                    g = KeyPairGenerator.getInstance("EC");
                    g.initialize(new ECGenParameterSpec("secp384r1"), random);
                }
                case RSA_2048 -> {
                    g = KeyPairGenerator.getInstance("RSA");
                    g.initialize(2048, random);
                }
                case RSA_3072 -> {
                    g = KeyPairGenerator.getInstance("RSA");
                    g.initialize(3072, random);
                }
                default -> g = KeyPairGenerator.getInstance("Ed25519");
            }
            return g.generateKeyPair();
        }

        String signatureAlgorithm() {
            return switch (this) {
                case EC_P256 -> "SHA256withECDSA";
                case EC_P384 -> "SHA384withECDSA";
                case RSA_2048, RSA_3072 -> "SHA256withRSA";
                case ED25519 -> "Ed25519";
            };
        }
    }

    /** A signing authority: its certificate chain (its own first) and key. */
    public record Issuer(List<X509Certificate> chain, PrivateKey key) {
        public Issuer {
            chain = List.copyOf(chain);
            Objects.requireNonNull(key, "key");
        }
    }

    /**
     * What to make.
     *
     * @param commonName the subject's CN
     * @param subjectAltNames {@code DNS:name}, {@code IP:address}, or bare names (an IP literal is
     *     taken as an address)
     * @param notBefore start of validity
     * @param validity how long it is valid
     * @param keyType the key algorithm
     * @param ca whether it is a certificate authority (may sign others) rather than a TLS leaf
     * @param issuer who signs it; null for self-signed
     */
    public record Request(
            String commonName,
            List<String> subjectAltNames,
            Instant notBefore,
            Duration validity,
            KeyType keyType,
            boolean ca,
            Issuer issuer) {
        public Request {
            Objects.requireNonNull(commonName, "commonName");
            subjectAltNames = List.copyOf(subjectAltNames);
            if (validity.isNegative() || validity.isZero()) {
                throw new IllegalArgumentException("validity must be positive: " + validity);
            }
        }
    }

    /** The certificate, its key, and the chain to present (the certificate, then its issuer's chain). */
    public record Generated(X509Certificate certificate, PrivateKey key, List<X509Certificate> chain) {}

    private CertificateGenerator() {}

    public static Generated generate(Request request) throws IOException {
        try {
            SecureRandom random = new SecureRandom();
            KeyPair pair = request.keyType().generate(random);
            X500Principal subject = new X500Principal("CN=" + escape(request.commonName()));
            X500Principal issuerName = request.issuer() == null
                    ? subject
                    : request.issuer().chain().get(0).getSubjectX500Principal();
            PrivateKey signingKey = request.issuer() == null
                    ? pair.getPrivate()
                    : request.issuer().key();
            Instant notBefore = request.notBefore();
            Instant notAfter = notBefore.plus(request.validity());
            BigInteger serial = new BigInteger(127, random).add(BigInteger.ONE);
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                    issuerName, serial, Date.from(notBefore), Date.from(notAfter), subject, pair.getPublic());
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            builder.addExtension(
                    Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(pair.getPublic()));
            if (request.issuer() != null) {
                builder.addExtension(
                        Extension.authorityKeyIdentifier,
                        false,
                        ext.createAuthorityKeyIdentifier(
                                request.issuer().chain().get(0)));
            }
            if (request.ca()) {
                builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
                builder.addExtension(
                        Extension.keyUsage,
                        true,
                        new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign | KeyUsage.digitalSignature));
            } else {
                builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
                builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
                builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(new KeyPurposeId[] {
                    KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth
                }));
            }
            if (!request.subjectAltNames().isEmpty()) {
                builder.addExtension(Extension.subjectAlternativeName, false, generalNames(request.subjectAltNames()));
            }
            String algorithm = signatureAlgorithmFor(signingKey);
            X509Certificate certificate = new JcaX509CertificateConverter()
                    .getCertificate(builder.build(new JcaContentSignerBuilder(algorithm).build(signingKey)));
            List<X509Certificate> chain = new ArrayList<>();
            chain.add(certificate);
            if (request.issuer() != null) {
                chain.addAll(request.issuer().chain());
            }
            return new Generated(certificate, pair.getPrivate(), List.copyOf(chain));
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IOException("cannot generate a certificate: " + e.getMessage(), e);
        }
    }

    private static String signatureAlgorithmFor(PrivateKey key) {
        return switch (key.getAlgorithm().toUpperCase(Locale.ROOT)) {
            case "EC" -> {
                int bits = ((java.security.interfaces.ECPrivateKey) key)
                        .getParams()
                        .getCurve()
                        .getField()
                        .getFieldSize();
                yield bits > 256 ? "SHA384withECDSA" : "SHA256withECDSA";
            }
            case "RSA" -> "SHA256withRSA";
            case "ED25519", "EDDSA" -> "Ed25519";
            case "ED448" -> "Ed448";
            default -> throw new IllegalArgumentException("cannot sign with a " + key.getAlgorithm() + " key");
        };
    }

    private static GeneralNames generalNames(List<String> names) {
        List<GeneralName> list = new ArrayList<>();
        for (String raw : names) {
            String n = raw.trim();
            String lower = n.toLowerCase(Locale.ROOT);
            if (lower.startsWith("dns:")) {
                list.add(new GeneralName(GeneralName.dNSName, n.substring(4)));
            } else if (lower.startsWith("ip:")) {
                list.add(new GeneralName(GeneralName.iPAddress, requireIp(n.substring(3))));
            } else if (isIpLiteral(n)) {
                list.add(new GeneralName(GeneralName.iPAddress, n));
            } else {
                list.add(new GeneralName(GeneralName.dNSName, n));
            }
        }
        return new GeneralNames(list.toArray(GeneralName[]::new));
    }

    private static String requireIp(String text) {
        if (!isIpLiteral(text)) {
            throw new IllegalArgumentException("'" + text + "' is not an IP address");
        }
        return text;
    }

    /** True for an IPv4 or IPv6 literal; never resolves a name. */
    public static boolean isIpLiteral(String text) {
        return dev.wirekit.tls.internal.trust.HostnameMatcher.isIpLiteral(text);
    }

    private static String escape(String value) {
        return value.replace("\\", "\\\\")
                .replace(",", "\\,")
                .replace("+", "\\+")
                .replace("\"", "\\\"");
    }
}
