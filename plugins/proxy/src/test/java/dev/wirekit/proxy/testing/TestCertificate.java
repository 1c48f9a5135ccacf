package dev.wirekit.proxy.testing;

import dev.wirekit.api.TransportOptions;
import dev.wirekit.http.client.HttpClient;
import dev.wirekit.testkit.pki.Issued;
import dev.wirekit.testkit.pki.PemFiles;
import dev.wirekit.testkit.pki.TestPki;
import dev.wirekit.tls.KeyMaterial;
import dev.wirekit.tls.TlsLayer;
import dev.wirekit.tls.TlsServerConfig;
import dev.wirekit.tls.Trust;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.stream.Stream;

/**
 * A throwaway self-signed server certificate for {@code localhost}, {@code 127.0.0.1} and {@code
 * ::1} (EC P-256, from the testkit's test PKI, written to a temporary directory): {@link #cert()}
 * and {@link #key()} are PEM files for curl, nginx and openssl; {@link #trust()} makes Wirekit's
 * client accept it. Deleted on close.
 */
public final class TestCertificate implements AutoCloseable {
    private final Path dir;
    private final KeyMaterial material;

    private TestCertificate(Path dir, KeyMaterial material) {
        this.dir = dir;
        this.material = material;
    }

    public static TestCertificate create() throws IOException {
        Path dir = Files.createTempDirectory("wirekit-cert");
        Issued issued = TestPki.selfSigned()
                .cn("localhost")
                .dns("localhost")
                .ip("127.0.0.1")
                .ip("::1")
                .validity(Instant.now().minus(Duration.ofDays(1)), Instant.now().plus(Duration.ofDays(30)))
                .issue();
        PemFiles files = issued.writePem(dir, "server");
        Files.move(files.certificateChain(), dir.resolve("cert.pem"));
        Files.move(files.privateKey(), dir.resolve("key.pem"));
        return new TestCertificate(dir, KeyMaterial.of(issued.privateKey(), issued.chain()));
    }

    public Path cert() {
        return dir.resolve("cert.pem");
    }

    public Path key() {
        return dir.resolve("key.pem");
    }

    public KeyMaterial material() {
        return material;
    }

    /** Trusts this certificate as a CA (a PEM bundle): the chain and the host name are checked. */
    public Trust trust() throws IOException {
        return Trust.pem(cert());
    }

    /** The SHA-256 fingerprint, {@code sha256:AB:CD:...}, computed here. */
    public String fingerprint() {
        try {
            byte[] der = material.certificateChain().getFirst().getEncoded();
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(der);
            return "sha256:" + HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
        } catch (CertificateEncodingException | NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    /** A server layer presenting this certificate and speaking ALPN {@code http/1.1}. */
    public TlsLayer serverLayer() {
        return TlsLayer.server(TlsServerConfig.builder(material)
                .applicationProtocols(HttpClient.ALPN_HTTP_1_1)
                .build());
    }

    /** Server options with {@link #serverLayer()}. */
    public TransportOptions serverOptions() {
        return TransportOptions.builder().layer(serverLayer()).build();
    }

    @Override
    public void close() throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
