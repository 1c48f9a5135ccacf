package dev.wirekit.chat;

import dev.wirekit.api.TransportOptions;
import dev.wirekit.testkit.pki.CertificateBuilder;
import dev.wirekit.testkit.pki.PemFiles;
import dev.wirekit.testkit.pki.TestPki;
import dev.wirekit.tls.ClientAuth;
import dev.wirekit.tls.KeyMaterial;
import dev.wirekit.tls.TlsClientConfig;
import dev.wirekit.tls.TlsLayer;
import dev.wirekit.tls.TlsServerConfig;
import dev.wirekit.tls.Trust;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.TrustManagerFactory;

/**
 * The chat's TLS tests' certificates, from the testkit's test PKI (made independently of the code
 * under test): one CA, a server certificate for localhost/127.0.0.1/::1, and client certificates for
 * SASL EXTERNAL; with the Wirekit layers and JSSE trust the tests need.
 */
final class ChatPki {

    /** A certificate and its key. */
    record Issued(dev.wirekit.testkit.pki.Issued issued) {
        X509Certificate certificate() {
            return issued.certificate();
        }

        PrivateKey key() {
            return issued.privateKey();
        }

        KeyMaterial keyMaterial() {
            return KeyMaterial.of(issued.privateKey(), List.of(issued.certificate()));
        }

        /** Writes {@code name.crt} and {@code name.key} (PKCS#8 PEM) into {@code dir}: {crt, key}. */
        Path[] writePem(Path dir, String name) throws IOException {
            PemFiles files = issued.writePem(dir, name);
            return new Path[] {files.certificateChain(), files.privateKey()};
        }
    }

    private final Issued ca;
    private final Issued server;

    private ChatPki() {
        ca = new Issued(TestPki.selfSigned().cn("Chat Test CA").ca().issue());
        server = localhost(CertificateBuilder.KeyType.EC_P256);
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
        return new Issued(TestPki.issuedBy(ca.issued()).cn(cn).issue());
    }

    /** A client certificate signed by nobody the server trusts. */
    static Issued untrustedClient(String cn) {
        return new Issued(TestPki.selfSigned().cn(cn).issue());
    }

    Trust trust() {
        return Trust.certificates(List.of(ca.certificate()));
    }

    /** Writes the CA certificate as PEM to {@code dir/ca.crt}. */
    Path writeCaPem(Path dir) throws IOException {
        return Files.writeString(dir.resolve("ca.crt"), ca.issued().certificatePem());
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
        return localhost(CertificateBuilder.KeyType.RSA_2048);
    }

    private Issued localhost(CertificateBuilder.KeyType key) {
        return new Issued(TestPki.issuedBy(ca.issued())
                .cn("localhost")
                .dns("localhost")
                .ip("127.0.0.1")
                .ip("::1")
                .key(key)
                .issue());
    }
}
