package dev.wirekit.tls.internal.pki;

import dev.wirekit.tls.internal.trust.Fingerprints;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;

/**
 * The self-signed development certificate: made once per user in a directory ({@code
 * ~/.wirekit/dev-cert} unless the system property {@code wirekit.devcert.dir} says otherwise),
 * reused until it is within a week of expiring, then replaced.
 */
public final class DevCertificates {
    static final System.Logger LOG = System.getLogger("dev.wirekit.tls");
    /** The system property that moves the development certificate's directory. */
    public static final String DIRECTORY_PROPERTY = "wirekit.devcert.dir";

    public static final String CERT_FILE = "cert.pem";
    public static final String KEY_FILE = "key.pem";
    private static final Duration VALIDITY = Duration.ofDays(365);
    private static final Duration RENEW_BEFORE = Duration.ofDays(7);

    /** The certificate and key found or made, and where they live. */
    public record Loaded(List<X509Certificate> chain, PrivateKey key, Path certFile, Path keyFile, boolean created) {}

    private DevCertificates() {}

    public static Path defaultDirectory() {
        String configured = System.getProperty(DIRECTORY_PROPERTY);
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        return Path.of(System.getProperty("user.home"), ".wirekit", "dev-cert");
    }

    /** Loads the certificate in {@code dir}, or makes a new one there when it is missing or due. */
    public static Loaded loadOrCreate(Path dir, InstantSource clock) throws IOException {
        Path cert = dir.resolve(CERT_FILE);
        Path key = dir.resolve(KEY_FILE);
        Instant now = clock.instant();
        if (Files.exists(cert) && Files.exists(key)) {
            try {
                List<X509Certificate> chain = Pem.readCertificates(cert);
                PrivateKey privateKey = Pem.readPrivateKey(key, null);
                if (chain.get(0).getNotAfter().toInstant().isAfter(now.plus(RENEW_BEFORE))) {
                    return new Loaded(chain, privateKey, cert, key, false);
                }
                LOG.log(Level.INFO, "the development certificate " + cert + " is (nearly) expired: making a new one");
            } catch (IOException e) {
                LOG.log(
                        Level.WARNING,
                        "the development certificate in " + dir + " is unreadable (" + e.getMessage()
                                + "): making a new one");
            }
        }
        CertificateGenerator.Generated made = CertificateGenerator.generate(new CertificateGenerator.Request(
                "Wirekit development certificate",
                names(),
                now.minus(Duration.ofMinutes(5)),
                VALIDITY,
                CertificateGenerator.KeyType.EC_P256,
                false,
                null));
        Files.createDirectories(dir);
        writeAtomically(key, Pem.privateKey(made.key()), true);
        writeAtomically(cert, Pem.certificates(made.chain()), false);
        LOG.log(
                Level.INFO,
                "made a development certificate in " + dir + " (" + Fingerprints.pin(made.certificate()) + ")");
        return new Loaded(made.chain(), made.key(), cert, key, true);
    }

    /** localhost, the loopback addresses, and this machine's name. */
    static List<String> names() {
        List<String> names = new ArrayList<>(List.of("DNS:localhost", "IP:127.0.0.1", "IP:::1"));
        try {
            String host = InetAddress.getLocalHost().getHostName();
            if (host != null
                    && !host.isBlank()
                    && !host.equals("localhost")
                    && !CertificateGenerator.isIpLiteral(host)) {
                names.add("DNS:" + host);
            }
        } catch (IOException e) {
            // no resolvable host name: localhost and loopback still work
        }
        return names;
    }

    /** Writes via a temporary file and an atomic rename, so readers never see half a file. */
    public static void writeAtomically(Path target, String content, boolean secret) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
        try {
            if (secret) {
                try {
                    Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
                } catch (UnsupportedOperationException e) {
                    // not a POSIX file system: rely on the directory's protection
                }
            }
            Files.writeString(tmp, content, StandardCharsets.US_ASCII);
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException | FileAlreadyExistsException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
