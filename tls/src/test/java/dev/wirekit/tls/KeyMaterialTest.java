package dev.wirekit.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wirekit.testkit.pki.CertificateBuilder;
import dev.wirekit.testkit.pki.Issued;
import dev.wirekit.testkit.pki.PemFiles;
import dev.wirekit.testkit.pki.TestPki;
import dev.wirekit.tls.testing.Await;
import dev.wirekit.tls.testing.LogCapture;
import dev.wirekit.tls.testing.Pki;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.sec.ECPrivateKey;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.operator.OutputEncryptor;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemWriter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loading, checking and reloading certificates and keys. */
class KeyMaterialTest {
    private static TestPki pki;

    @TempDir
    Path dir;

    @BeforeAll
    static void setUp() {
        pki = TestPki.create();
    }

    @Test
    void pemChainAndPkcs8Key() throws Exception {
        Issued cert = pki.localhost();
        PemFiles files = cert.writePem(dir, "server");
        KeyMaterial m = KeyMaterial.pem(files.certificateChain(), files.privateKey());
        assertEquals(cert.chain(), m.certificateChain());
        assertEquals(List.of(files.certificateChain(), files.privateKey()), m.files());
        assertTrue(m.toString().contains("CN=localhost"), m.toString());
    }

    @Test
    void traditionalAndEncryptedKeys() throws Exception {
        Issued cert = pki.localhost();
        Path chain = cert.writePem(dir, "server").certificateChain();
        // "EC PRIVATE KEY" (SEC 1, with the curve), as `openssl ec` writes it
        Path traditional = dir.resolve("traditional.key");
        PrivateKeyInfo info = PrivateKeyInfo.getInstance(cert.privateKey().getEncoded());
        ECPrivateKey sec1 = ECPrivateKey.getInstance(info.parsePrivateKey());
        ECPrivateKey withCurve = new ECPrivateKey(
                256, sec1.getKey(), info.getPrivateKeyAlgorithm().getParameters());
        StringWriter out = new StringWriter();
        try (PemWriter w = new PemWriter(out)) {
            w.writeObject(new PemObject("EC PRIVATE KEY", withCurve.getEncoded()));
        }
        Files.writeString(traditional, out.toString());
        assertTrue(out.toString().contains("BEGIN EC PRIVATE KEY"));
        assertEquals(cert.chain(), KeyMaterial.pem(chain, traditional).certificateChain());
        // "ENCRYPTED PRIVATE KEY" (PKCS#8, AES-256)
        Path encrypted = dir.resolve("encrypted.key");
        OutputEncryptor encryptor = new JceOpenSSLPKCS8EncryptorBuilder(JcaPKCS8Generator.AES_256_CBC)
                .setProvider(new org.bouncycastle.jce.provider.BouncyCastleProvider())
                .setPassword("s3cret".toCharArray())
                .build();
        out = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(out)) {
            w.writeObject(new JcaPKCS8Generator(cert.privateKey(), encryptor));
        }
        Files.writeString(encrypted, out.toString());
        assertEquals(
                cert.chain(),
                KeyMaterial.pem(chain, encrypted, "s3cret".toCharArray()).certificateChain());
        IOException noPassword = assertThrows(IOException.class, () -> KeyMaterial.pem(chain, encrypted));
        assertTrue(noPassword.getMessage().contains("give its password"), noPassword.getMessage());
        IOException wrong =
                assertThrows(IOException.class, () -> KeyMaterial.pem(chain, encrypted, "nope".toCharArray()));
        assertTrue(wrong.getMessage().contains("wrong password"), wrong.getMessage());
    }

    @Test
    void aKeyThatMatchesNoCertificateIsRefused() throws Exception {
        Path chain = pki.localhost().writePem(dir, "a").certificateChain();
        Path otherKey = pki.localhost().writePem(dir, "b").privateKey();
        IOException e = assertThrows(IOException.class, () -> KeyMaterial.pem(chain, otherKey));
        assertTrue(e.getMessage().contains("belongs to none of the certificates"), e.getMessage());
    }

    @Test
    void theLeafIsFoundWhenTheChainIsOutOfOrder() throws Exception {
        Issued cert = pki.localhost();
        PemFiles files = cert.writePem(dir, "server");
        String pem = Files.readString(files.certificateChain());
        int second = pem.indexOf("-----BEGIN CERTIFICATE-----", 10);
        Files.writeString(
                files.certificateChain(), pem.substring(second) + pem.substring(0, second)); // intermediate first
        List<X509Certificate> chain =
                KeyMaterial.pem(files.certificateChain(), files.privateKey()).certificateChain();
        assertEquals(cert.certificate(), chain.get(0));
    }

    @Test
    void pkcs12() throws Exception {
        Issued cert = pki.leaf()
                .dns("localhost")
                .key(CertificateBuilder.KeyType.RSA_2048)
                .issue();
        Path p12 = cert.writePkcs12(dir.resolve("server.p12"), "changeit".toCharArray());
        assertEquals(
                cert.chain(), KeyMaterial.pkcs12(p12, "changeit".toCharArray()).certificateChain());
        IOException e = assertThrows(IOException.class, () -> KeyMaterial.pkcs12(p12, "wrong".toCharArray()));
        assertTrue(e.getMessage().contains("password") || e.getMessage().contains("PKCS#12"), e.getMessage());
    }

    @Test
    void missingFilesSayWhich() {
        NoSuchFileException e = assertThrows(
                NoSuchFileException.class, () -> KeyMaterial.pem(dir.resolve("nope.crt"), dir.resolve("nope.key")));
        assertTrue(e.getMessage().contains("nope.crt"), e.getMessage());
    }

    @Test
    void reloadSwapsOnlyWhenTheNewFilesAreGood() throws Exception {
        Issued a = pki.localhost();
        Issued b = pki.localhost();
        PemFiles files = a.writePem(dir, "server");
        KeyMaterial m = KeyMaterial.pem(files.certificateChain(), files.privateKey());
        assertFalse(m.reload(), "unchanged files: nothing to do");
        b.writePem(dir, "server");
        assertTrue(m.reload());
        assertEquals(b.certificate(), m.current().certificate());
        Files.writeString(files.privateKey(), "-----BEGIN PRIVATE KEY-----\nhalf written");
        assertThrows(IOException.class, m::reload);
        assertEquals(b.certificate(), m.current().certificate(), "a failed reload keeps the old material");
        KeyMaterial fixed = Pki.keyMaterial(a);
        assertFalse(fixed.reload(), "material given in memory never changes");
        assertThrows(IllegalStateException.class, () -> fixed.watch(Duration.ofMillis(50)));
    }

    @Test
    void watchingReloadsWhenTheFilesChange() throws Exception {
        Issued a = pki.localhost();
        Issued b = pki.localhost();
        PemFiles files = a.writePem(dir, "server");
        KeyMaterial m = KeyMaterial.pem(files.certificateChain(), files.privateKey());
        try (AutoCloseable watch = m.watch(Duration.ofMillis(100))) {
            Path staging = Files.createDirectory(dir.resolve("staging"));
            PemFiles next = b.writePem(staging, "server");
            Files.move(
                    next.privateKey(),
                    files.privateKey(),
                    StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
            Files.move(
                    next.certificateChain(),
                    files.certificateChain(),
                    StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
            Await.until(() -> m.current().certificate().equals(b.certificate()), Duration.ofSeconds(30), "reload");
        }
    }

    @Test
    void theDevelopmentCertificateIsMadeOnceAndRenewedBeforeItExpires() throws Exception {
        Path devDir = dir.resolve("dev-cert");
        try (LogCapture log = LogCapture.tls()) {
            KeyMaterial first = KeyMaterial.developmentCertificate(devDir, Instant::now);
            X509Certificate cert = first.current().certificate();
            assertTrue(Files.exists(devDir.resolve("cert.pem")) && Files.exists(devDir.resolve("key.pem")));
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(devDir.resolve("key.pem"));
            assertEquals(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE), perms);
            assertTrue(dev.wirekit.tls.internal.trust.HostnameMatcher.matches("localhost", cert));
            assertTrue(dev.wirekit.tls.internal.trust.HostnameMatcher.matches("127.0.0.1", cert));
            assertTrue(dev.wirekit.tls.internal.trust.HostnameMatcher.matches("::1", cert));
            String warning = log.await(l -> l.contains("DEVELOPMENT certificate"), Duration.ofSeconds(5));
            assertTrue(warning.startsWith("WARNING"), warning);
            assertTrue(warning.contains("sha256:"), warning);
            // reused while valid
            assertEquals(
                    cert,
                    KeyMaterial.developmentCertificate(devDir, Instant::now)
                            .current()
                            .certificate());
            // renewed when it is about to expire
            Instant nearExpiry = cert.getNotAfter().toInstant().minus(Duration.ofDays(2));
            assertNotEquals(
                    cert,
                    KeyMaterial.developmentCertificate(devDir, () -> nearExpiry)
                            .current()
                            .certificate());
        }
    }
}
