package dev.wirekit.chat;

import dev.wirekit.api.TransportOptions;
import dev.wirekit.tls.ClientAuth;
import dev.wirekit.tls.KeyMaterial;
import dev.wirekit.tls.TlsClientConfig;
import dev.wirekit.tls.TlsLayer;
import dev.wirekit.tls.TlsServerConfig;
import dev.wirekit.tls.Trust;
import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.TrustManagerFactory;
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
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemWriter;

/**
 * A throw-away PKI for the chat's TLS tests, made with BouncyCastle independently of the code under
 * test: one CA (EC P-256), a server certificate for localhost/127.0.0.1/::1, and client certificates
 * for SASL EXTERNAL. (The TLS module's own {@code TestPki} is not in the testkit yet.)
 */
final class ChatPki {
    private static final AtomicLong SERIAL = new AtomicLong(System.nanoTime() & 0xffffff);

    /** A certificate and its key. */
    record Issued(X509Certificate certificate, PrivateKey key) {
        KeyMaterial keyMaterial() {
            return KeyMaterial.of(key, List.of(certificate));
        }

        /** Writes {@code name.crt} and {@code name.key} (PKCS#8 PEM) into {@code dir}: {crt, key}. */
        Path[] writePem(Path dir, String name) throws IOException {
            StringWriter out = new StringWriter();
            try (PemWriter w = new PemWriter(out)) {
                w.writeObject(new PemObject("PRIVATE KEY", key.getEncoded()));
            }
            return write(dir, name, out.toString());
        }

        private Path[] write(Path dir, String name, String keyPem) throws IOException {
            Path crt = Files.writeString(dir.resolve(name + ".crt"), pem(certificate));
            Path k = Files.writeString(dir.resolve(name + ".key"), keyPem);
            return new Path[] {crt, k};
        }
    }

    private final Issued ca;
    private final Issued server;

    private ChatPki() {
        ca = issue("Chat Test CA", null, true);
        server = issue("localhost", ca, false);
    }

    static ChatPki create() {
        return new ChatPki();
    }

    Issued ca() {
        return ca;
    }

    /** The server certificate: localhost, 127.0.0.1, ::1. */
    Issued server() {
        return server;
    }

    /** A client certificate with this common name, issued by the CA. */
    Issued client(String cn) {
        return issue(cn, ca, false);
    }

    /** A client certificate signed by nobody the server trusts. */
    static Issued untrustedClient(String cn) {
        return issue(cn, null, false);
    }

    Trust trust() {
        return Trust.certificates(List.of(ca.certificate()));
    }

    /** Writes the CA certificate as PEM to {@code dir/ca.crt}. */
    Path writeCaPem(Path dir) throws IOException {
        return Files.writeString(dir.resolve("ca.crt"), pem(ca.certificate()));
    }

    /** A TLS server that asks for (but does not require) a client certificate from this CA. */
    TransportOptions serverOptions() {
        return TransportOptions.builder()
                .layer(TlsLayer.server(TlsServerConfig.builder(server.keyMaterial())
                        .clientAuth(ClientAuth.OPTIONAL)
                        .clientTrust(trust())
                        .build()))
                .build();
    }

    /** A TLS client trusting this CA, with no certificate of its own. */
    TransportOptions clientOptions() {
        return clientOptions(null);
    }

    /** A TLS client trusting this CA, presenting {@code certificate} when not null. */
    TransportOptions clientOptions(Issued certificate) {
        TlsClientConfig.Builder b = TlsClientConfig.builder().trust(trust()).serverName("localhost");
        if (certificate != null) {
            b.keyMaterial(certificate.keyMaterial());
        }
        return TransportOptions.builder().layer(TlsLayer.client(b.build())).build();
    }

    /** For JSSE clients (Kitteh over Netty): trust in this CA only. */
    TrustManagerFactory trustManagerFactory() throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setCertificateEntry("chat-test-ca", ca.certificate());
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ks);
        return tmf;
    }

    /** A server certificate like {@link #server()} with an RSA key (GnuTLS, in ngircd, reads Java's EC PKCS#8 keys badly). */
    Issued rsaServer() {
        return issue("localhost", ca, false, true);
    }

    private static Issued issue(String cn, Issued issuer, boolean isCa) {
        return issue(cn, issuer, isCa, false);
    }

    private static Issued issue(String cn, Issued issuer, boolean isCa, boolean rsa) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance(rsa ? "RSA" : "EC");
            if (rsa) {
                g.initialize(2048);
            } else {
                g.initialize(new ECGenParameterSpec("secp256r1"));
            }
            KeyPair pair = g.generateKeyPair();
            X500Principal subject = new X500Principal("CN=" + cn + ", O=Wirekit Chat Tests");
            X500Principal issuerName =
                    issuer == null ? subject : issuer.certificate().getSubjectX500Principal();
            Instant now = Instant.now();
            X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(
                    issuerName,
                    BigInteger.valueOf(SERIAL.incrementAndGet()),
                    Date.from(now.minus(Duration.ofDays(1))),
                    Date.from(now.plus(Duration.ofDays(isCa ? 30 : 2))),
                    subject,
                    pair.getPublic());
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(isCa));
            if (isCa) {
                b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            } else {
                b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
                b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(new KeyPurposeId[] {
                    KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth
                }));
                if (cn.equals("localhost")) {
                    b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                        new GeneralName(GeneralName.dNSName, "localhost"),
                        new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
                        new GeneralName(GeneralName.iPAddress, "::1")
                    }));
                }
            }
            PrivateKey signer = issuer == null ? pair.getPrivate() : issuer.key();
            X509Certificate cert = new JcaX509CertificateConverter()
                    .getCertificate(b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(signer)));
            return new Issued(cert, pair.getPrivate());
        } catch (Exception e) {
            throw new IllegalStateException("cannot issue a test certificate for " + cn, e);
        }
    }

    static String pem(Object object) throws IOException {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(out)) {
            w.writeObject(object);
        }
        return out.toString();
    }
}
