package dev.wirekit.testkit.pki;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.Certificate;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The PKI double issues what it says, checked with the JDK's own PKIX validator and parsers. */
class TestPkiTest {
    private static final TestPki PKI = TestPki.create("Checked");

    /** Validates {@code chain} against the PKI's root with the JDK's PKIX validator at {@code when}. */
    private static void validate(List<X509Certificate> chain, Instant when) throws Exception {
        PKIXParameters params =
                new PKIXParameters(Set.of(new TrustAnchor(PKI.root().certificate(), null)));
        params.setRevocationEnabled(false);
        params.setDate(Date.from(when));
        CertPathValidator.getInstance("PKIX")
                .validate(CertificateFactory.getInstance("X.509").generateCertPath(chain), params);
    }

    @Test
    void leavesChainToTheRootThroughTheIntermediate() throws Exception {
        Issued leaf = PKI.localhost();
        assertEquals(List.of(leaf.certificate(), PKI.intermediate().certificate()), leaf.chain());
        validate(leaf.chain(), Instant.now());
        assertEquals(-1, leaf.certificate().getBasicConstraints(), "a leaf is not a CA");
        assertTrue(PKI.intermediate().certificate().getBasicConstraints() >= 0, "the intermediate is a CA");
    }

    @Test
    void expiredAndNotYetValidAreSoForThePkix() {
        CertPathValidatorException expired = assertThrows(
                CertPathValidatorException.class, () -> validate(PKI.expired().chain(), Instant.now()));
        assertInstanceOf(CertificateExpiredException.class, expired.getCause());
        CertPathValidatorException early = assertThrows(
                CertPathValidatorException.class,
                () -> validate(PKI.notYetValid().chain(), Instant.now()));
        assertInstanceOf(CertificateNotYetValidException.class, early.getCause());
    }

    @Test
    void namesAreTheOnesAskedFor() throws Exception {
        assertEquals(
                List.of(List.of(2, "localhost"), List.of(7, "127.0.0.1"), List.of(7, "0:0:0:0:0:0:0:1")),
                List.copyOf(PKI.localhost().certificate().getSubjectAlternativeNames()));
        assertEquals(
                List.of(List.of(2, "wrong.example")),
                List.copyOf(PKI.wrongHost().certificate().getSubjectAlternativeNames()));
        assertEquals(
                List.of(List.of(2, "xn--bcher-kva.example")),
                List.copyOf(
                        PKI.leaf().idn("bücher.example").issue().certificate().getSubjectAlternativeNames()));
        assertEquals(
                List.of("1.3.6.1.5.5.7.3.2"),
                PKI.leaf()
                        .usages(CertificateBuilder.Usage.CLIENT_AUTH)
                        .issue()
                        .certificate()
                        .getExtendedKeyUsage());
    }

    @Test
    void validityFollowsTheInjectedClock() throws Exception {
        Instant then = Instant.parse("2031-03-01T12:00:00Z");
        TestPki future = TestPki.create("Future", InstantSource.fixed(then));
        Issued leaf = future.localhost();
        assertTrue(leaf.certificate().getNotBefore().toInstant().isBefore(then));
        assertTrue(leaf.certificate().getNotAfter().toInstant().isAfter(then));
        assertTrue(future.expired().certificate().getNotAfter().toInstant().isBefore(then));
    }

    @Test
    void pemTextParsesBackToTheSameObjects() throws Exception {
        for (CertificateBuilder.KeyType type : CertificateBuilder.KeyType.values()) {
            Issued leaf = PKI.leaf().dns("localhost").key(type).issue();
            List<? extends Certificate> parsed = List.copyOf(CertificateFactory.getInstance("X.509")
                    .generateCertificates(
                            new ByteArrayInputStream(leaf.certificatePem().getBytes(StandardCharsets.US_ASCII))));
            assertEquals(leaf.chain(), parsed, type.name());
            String pem = leaf.privateKeyPem();
            assertTrue(pem.startsWith("-----BEGIN PRIVATE KEY-----\n") && pem.endsWith("-----END PRIVATE KEY-----\n"));
            byte[] der = Base64.getMimeDecoder()
                    .decode(pem.replace("-----BEGIN PRIVATE KEY-----", "").replace("-----END PRIVATE KEY-----", ""));
            PrivateKey key = KeyFactory.getInstance(leaf.privateKey().getAlgorithm())
                    .generatePrivate(new PKCS8EncodedKeySpec(der));
            assertArrayEquals(leaf.privateKey().getEncoded(), key.getEncoded(), type.name());
        }
    }

    @Test
    void pemFilesAreWrittenWithAPrivateKeyFile(@TempDir Path dir) throws Exception {
        Issued leaf = PKI.localhost();
        PemFiles files = leaf.writePem(dir, "server");
        assertEquals(leaf.certificatePem(), Files.readString(files.certificateChain()));
        assertEquals(leaf.privateKeyPem(), Files.readString(files.privateKey()));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(files.privateKey())));
        assertEquals(PKI.rootPem(), Files.readString(PKI.writeRootPem(dir, "root.pem")));
    }

    @Test
    void pkcs12StoresRoundTrip(@TempDir Path dir) throws Exception {
        Issued leaf = PKI.localhost();
        char[] password = "changeit".toCharArray();
        KeyStore loaded = KeyStore.getInstance("PKCS12");
        try (var in = Files.newInputStream(leaf.writePkcs12(dir.resolve("server.p12"), password))) {
            loaded.load(in, password);
        }
        assertEquals(leaf.privateKey(), loaded.getKey(Issued.ALIAS, password));
        assertEquals(leaf.chain(), List.of(loaded.getCertificateChain(Issued.ALIAS)));

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PKI.trustStore().store(out, password);
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(new ByteArrayInputStream(out.toByteArray()), password);
        assertEquals(PKI.root().certificate(), trust.getCertificate("root"));
        assertTrue(trust.isCertificateEntry("root"));
    }
}
