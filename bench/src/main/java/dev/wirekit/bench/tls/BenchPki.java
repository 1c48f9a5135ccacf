package dev.wirekit.bench.tls;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** A CA and a localhost leaf (ECDSA P-256) for the TLS benchmark, made with bcpkix. */
record BenchPki(X509Certificate ca, List<X509Certificate> chain, PrivateKey key) {

    static BenchPki create() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair caKeys = g.generateKeyPair();
        KeyPair leafKeys = g.generateKeyPair();
        Instant now = Instant.now();
        X500Principal caName = new X500Principal("CN=Bench CA");
        var caBuilder = new JcaX509v3CertificateBuilder(
                caName,
                BigInteger.ONE,
                Date.from(now.minus(Duration.ofDays(1))),
                Date.from(now.plus(Duration.ofDays(30))),
                caName,
                caKeys.getPublic());
        caBuilder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
        caBuilder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign));
        X509Certificate ca = new JcaX509CertificateConverter()
                .getCertificate(
                        caBuilder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(caKeys.getPrivate())));
        var leafBuilder = new JcaX509v3CertificateBuilder(
                caName,
                BigInteger.TWO,
                Date.from(now.minus(Duration.ofDays(1))),
                Date.from(now.plus(Duration.ofDays(30))),
                new X500Principal("CN=localhost"),
                leafKeys.getPublic());
        leafBuilder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
        leafBuilder.addExtension(
                Extension.subjectAlternativeName,
                false,
                new GeneralNames(new GeneralName(GeneralName.dNSName, "localhost")));
        X509Certificate leaf = new JcaX509CertificateConverter()
                .getCertificate(
                        leafBuilder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(caKeys.getPrivate())));
        return new BenchPki(ca, List.of(leaf, ca), leafKeys.getPrivate());
    }
}
