package dev.wirekit.testkit.pki;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Objects;

/**
 * A throw-away PKI for tests: a root CA, an intermediate CA (both made at construction) and leaf
 * certificates issued on demand by the intermediate, so every leaf comes with a two-certificate
 * chain like a real server's.
 *
 * <pre>{@code
 * TestPki pki = TestPki.create();
 * Issued server = pki.localhost();                     // localhost, 127.0.0.1, ::1
 * Issued expired = pki.expired();                      // same names, expired yesterday
 * Issued other = pki.leaf().dns("*.example.com").key(KeyType.RSA_2048).issue();
 * List<X509Certificate> anchors = pki.trustAnchors();  // trust these (the root)
 * PemFiles files = server.writePem(dir, "server");     // server.crt + server.key for OpenSSL, socat, ...
 * }</pre>
 *
 * <p>Times come from the clock given to {@link #create(String, InstantSource)} (the system clock
 * otherwise), so validity can be tested against an injected clock. Keys are generated with the
 * JDK's providers; certificates are signed with BouncyCastle's bcpkix, independently of any TLS
 * code under test. Thread-safe.
 */
public final class TestPki {
    private final String name;
    private final InstantSource clock;
    private final CertificateBuilder.Serials serials = new CertificateBuilder.Serials();
    private final Issued root;
    private final Issued intermediate;

    private TestPki(String name, InstantSource clock) {
        this.name = Objects.requireNonNull(name, "name");
        this.clock = Objects.requireNonNull(clock, "clock");
        Instant now = clock.instant();
        this.root = new CertificateBuilder(null, clock, serials)
                .cn(name + " Root CA")
                .ca()
                .validity(now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(3650)))
                .issue();
        this.intermediate = new CertificateBuilder(root, clock, serials)
                .cn(name + " Intermediate CA")
                .ca()
                .validity(now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(1825)))
                .issue();
    }

    /** A new PKI called "Wirekit Test", on the system clock. */
    public static TestPki create() {
        return create("Wirekit Test");
    }

    /** A new PKI whose CAs are called "{@code name} Root CA" and "{@code name} Intermediate CA". */
    public static TestPki create(String name) {
        return create(name, InstantSource.system());
    }

    /** As {@link #create(String)}, with validity periods relative to {@code clock}. */
    public static TestPki create(String name, InstantSource clock) {
        return new TestPki(name, clock);
    }

    /** A certificate signed by {@code issuer} (a CA of some PKI, or one a test made with {@link CertificateBuilder#ca()}). */
    public static CertificateBuilder issuedBy(Issued issuer) {
        return new CertificateBuilder(
                Objects.requireNonNull(issuer, "issuer"), InstantSource.system(), new CertificateBuilder.Serials());
    }

    /** A certificate signed by its own key (no CA). */
    public static CertificateBuilder selfSigned() {
        return new CertificateBuilder(null, InstantSource.system(), new CertificateBuilder.Serials());
    }

    /** The root CA (self-signed): the trust anchor. */
    public Issued root() {
        return root;
    }

    /** The intermediate CA, signed by the root; it signs every {@link #leaf()}. */
    public Issued intermediate() {
        return intermediate;
    }

    /** A leaf to describe and issue, signed by the intermediate. */
    public CertificateBuilder leaf() {
        return new CertificateBuilder(intermediate, clock, serials);
    }

    /** The usual server certificate: CN and DNS name {@code localhost}, IP addresses 127.0.0.1 and ::1. */
    public Issued localhost() {
        return localhostNames().issue();
    }

    /** As {@link #localhost()}, but expired yesterday. */
    public Issued expired() {
        return localhostNames().expired().issue();
    }

    /** As {@link #localhost()}, but valid only from tomorrow. */
    public Issued notYetValid() {
        return localhostNames().notYetValid().issue();
    }

    /** A valid certificate for {@code wrong.example} only: a client connecting to localhost must refuse it. */
    public Issued wrongHost() {
        return leaf().cn("wrong.example").dns("wrong.example").issue();
    }

    /** A client certificate: CN {@code cn}, no alternative names, client (and server) authentication. */
    public Issued client(String cn) {
        return leaf().cn(cn).issue();
    }

    private CertificateBuilder localhostNames() {
        return leaf().cn("localhost").dns("localhost").ip("127.0.0.1").ip("::1");
    }

    /** The certificates to trust: the root alone. */
    public List<X509Certificate> trustAnchors() {
        return List.of(root.certificate());
    }

    /** The root certificate as PEM text (a CA bundle, as {@code openssl -CAfile} reads it). */
    public String rootPem() {
        return Pem.certificates(trustAnchors());
    }

    /** Writes {@link #rootPem()} to {@code directory/fileName} and returns the file. */
    public Path writeRootPem(Path directory, String fileName) throws IOException {
        Path file = directory.resolve(fileName);
        Files.writeString(file, rootPem());
        return file;
    }

    /** A PKCS#12 trust store holding the root as a trusted certificate entry, alias {@code root}. */
    public KeyStore trustStore() {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setCertificateEntry("root", root.certificate());
            return store;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot build a PKCS#12 trust store", e);
        }
    }

    @Override
    public String toString() {
        return "TestPki[" + name + "]";
    }
}
