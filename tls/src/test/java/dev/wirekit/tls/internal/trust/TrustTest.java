package dev.wirekit.tls.internal.trust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wirekit.testkit.pki.CertificateBuilder;
import dev.wirekit.testkit.pki.Issued;
import dev.wirekit.testkit.pki.TestPki;
import dev.wirekit.tls.CertificateVerificationException;
import dev.wirekit.tls.TlsFailure;
import dev.wirekit.tls.Trust;
import dev.wirekit.tls.testing.Pki;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Chain validation, pins and trust sources, each refusal with its typed failure. */
class TrustTest {
    private static TestPki pki;
    private static TestPki other;
    private static final Instant NOW = Instant.now();

    @BeforeAll
    static void pkis() {
        pki = TestPki.create("Trusted");
        other = TestPki.create("Other");
    }

    private static CertificateVerificationException refused(
            Trust trust, List<X509Certificate> chain, Trust.PeerRole role) {
        return assertThrows(CertificateVerificationException.class, () -> trust.verify(chain, role, NOW));
    }

    @Test
    void aChainToTheTrustedRootVerifies() throws Exception {
        Issued leaf = pki.localhost();
        assertEquals(Trust.Outcome.CHAIN_VERIFIED, Pki.trust(pki).verify(leaf.chain(), Trust.PeerRole.SERVER, NOW));
        assertEquals(Trust.Outcome.CHAIN_VERIFIED, Pki.trust(pki).verify(leaf.chain(), Trust.PeerRole.CLIENT, NOW));
    }

    @Test
    void chainsOutOfOrderOrWithTheRootOrExtrasStillVerify() throws Exception {
        Issued leaf = pki.localhost();
        List<X509Certificate> messy = new ArrayList<>();
        messy.add(leaf.certificate());
        messy.add(other.intermediate().certificate()); // unrelated extra
        messy.add(pki.root().certificate()); // the anchor itself
        messy.add(pki.intermediate().certificate()); // out of order
        assertEquals(Trust.Outcome.CHAIN_VERIFIED, Pki.trust(pki).verify(messy, Trust.PeerRole.SERVER, NOW));
    }

    @Test
    void anotherPkisChainIsUntrusted() {
        CertificateVerificationException e =
                refused(Pki.trust(pki), other.localhost().chain(), Trust.PeerRole.SERVER);
        assertEquals(TlsFailure.UNTRUSTED_CERTIFICATE, e.failure());
        assertEquals("unknown_ca", e.alert().orElseThrow());
        assertTrue(e.getMessage().contains("Other Root CA"), e.getMessage());
    }

    @Test
    void aMissingIntermediateIsUntrusted() {
        Issued leaf = pki.localhost();
        CertificateVerificationException e =
                refused(Pki.trust(pki), List.of(leaf.certificate()), Trust.PeerRole.SERVER);
        assertEquals(TlsFailure.UNTRUSTED_CERTIFICATE, e.failure());
        assertTrue(e.getMessage().contains("intermediate"), e.getMessage());
    }

    @Test
    void aSelfSignedCertificateIsUntrustedUnlessListed() throws Exception {
        Issued self = TestPki.selfSigned().cn("localhost").dns("localhost").issue();
        CertificateVerificationException e = refused(Pki.trust(pki), self.chain(), Trust.PeerRole.SERVER);
        assertEquals(TlsFailure.UNTRUSTED_CERTIFICATE, e.failure());
        assertTrue(e.getMessage().contains("self-signed"), e.getMessage());
        Trust exact = Trust.certificates(List.of(self.certificate()));
        assertEquals(Trust.Outcome.CHAIN_VERIFIED, exact.verify(self.chain(), Trust.PeerRole.SERVER, NOW));
    }

    @Test
    void anExpiredLeafIsExpired() {
        Issued expired = pki.leaf().dns("localhost").expired().issue();
        CertificateVerificationException e = refused(Pki.trust(pki), expired.chain(), Trust.PeerRole.SERVER);
        assertEquals(TlsFailure.CERTIFICATE_EXPIRED, e.failure());
        assertEquals("certificate_expired", e.alert().orElseThrow());
        assertTrue(e.getMessage().contains("expired on"), e.getMessage());
    }

    @Test
    void aLeafNotYetValidIsNotYetValid() {
        Issued future = pki.leaf().dns("localhost").notYetValid().issue();
        CertificateVerificationException e = refused(Pki.trust(pki), future.chain(), Trust.PeerRole.SERVER);
        assertEquals(TlsFailure.CERTIFICATE_NOT_YET_VALID, e.failure());
        assertTrue(e.getMessage().contains("clocks"), e.getMessage());
    }

    @Test
    void validityIsCheckedAtTheGivenTimeNotTheWallClock() throws Exception {
        Issued leaf = pki.localhost(); // valid from yesterday to tomorrow
        Instant nextWeek = NOW.plus(Duration.ofDays(7));
        CertificateVerificationException e = assertThrows(
                CertificateVerificationException.class,
                () -> Pki.trust(pki).verify(leaf.chain(), Trust.PeerRole.SERVER, nextWeek));
        assertEquals(TlsFailure.CERTIFICATE_EXPIRED, e.failure());
        Instant lastWeek = NOW.minus(Duration.ofDays(7));
        e = assertThrows(
                CertificateVerificationException.class,
                () -> Pki.trust(pki).verify(leaf.chain(), Trust.PeerRole.SERVER, lastWeek));
        assertEquals(TlsFailure.CERTIFICATE_NOT_YET_VALID, e.failure());
    }

    @Test
    void anExpiredIntermediateExpiresTheChain() {
        Instant now = Instant.now();
        Issued oldCa = pki.leaf()
                .cn("Expired Intermediate")
                .ca()
                .validity(now.minus(Duration.ofDays(60)), now.minus(Duration.ofDays(1)))
                .issue();
        Issued leaf = TestPki.issuedBy(oldCa).dns("localhost").issue(); // its own dates are fine
        CertificateVerificationException e = refused(Pki.trust(pki), leaf.chain(), Trust.PeerRole.SERVER);
        assertEquals(TlsFailure.CERTIFICATE_EXPIRED, e.failure());
        assertTrue(e.getMessage().contains("the issuing certificate 'CN=Expired Intermediate"), e.getMessage());
    }

    @Test
    void extendedKeyUsageMustAllowTheRole() throws Exception {
        Issued clientOnly = pki.leaf()
                .dns("localhost")
                .usages(CertificateBuilder.Usage.CLIENT_AUTH)
                .issue();
        CertificateVerificationException e = refused(Pki.trust(pki), clientOnly.chain(), Trust.PeerRole.SERVER);
        assertEquals(TlsFailure.BAD_CERTIFICATE, e.failure());
        assertTrue(e.getMessage().contains("serverAuth"), e.getMessage());
        assertEquals(
                Trust.Outcome.CHAIN_VERIFIED, Pki.trust(pki).verify(clientOnly.chain(), Trust.PeerRole.CLIENT, NOW));
        Issued noEku = pki.leaf().dns("localhost").usages().issue();
        assertEquals(Trust.Outcome.CHAIN_VERIFIED, Pki.trust(pki).verify(noEku.chain(), Trust.PeerRole.SERVER, NOW));
    }

    @Test
    void aCaCertificateCannotActAsALeafSignedByAnotherPki() {
        CertificateVerificationException e =
                refused(Pki.trust(pki), other.intermediate().chain(), Trust.PeerRole.SERVER);
        assertEquals(TlsFailure.UNTRUSTED_CERTIFICATE, e.failure());
    }

    @Test
    void pinsAcceptExactlyTheirCertificate() throws Exception {
        Issued self = TestPki.selfSigned().cn("pinned").issue();
        String pin = Fingerprints.pin(self.certificate());
        assertTrue(pin.matches("sha256:([0-9A-F]{2}:){31}[0-9A-F]{2}"), pin);
        Trust pinned = Trust.pinned(pin);
        assertEquals(Trust.Outcome.PINNED, pinned.verify(self.chain(), Trust.PeerRole.SERVER, NOW));
        // the other accepted spellings
        String bare = pin.substring(7).replace(":", "").toLowerCase();
        assertEquals(Trust.Outcome.PINNED, Trust.pinned(bare).verify(self.chain(), Trust.PeerRole.SERVER, NOW));
        CertificateVerificationException e = refused(pinned, pki.localhost().chain(), Trust.PeerRole.SERVER);
        assertEquals(TlsFailure.UNTRUSTED_CERTIFICATE, e.failure());
        assertTrue(e.getMessage().contains("is not among the pinned fingerprint"), e.getMessage());
    }

    @Test
    void aPinnedCertificateStillExpires() {
        Issued expired = TestPki.selfSigned().cn("old").expired().issue();
        CertificateVerificationException e =
                refused(Trust.pinned(Fingerprints.pin(expired.certificate())), expired.chain(), Trust.PeerRole.SERVER);
        assertEquals(TlsFailure.CERTIFICATE_EXPIRED, e.failure());
    }

    @Test
    void malformedPinsAreRejectedAtOnce() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Trust.pinned("sha256:AB:CD"));
        assertTrue(e.getMessage().contains("32 hex bytes"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Trust.pinned("z".repeat(64)));
    }

    @Test
    void anyOfAcceptsWhatOneAcceptsAndReportsTheMostSpecificRefusal() throws Exception {
        Issued self = TestPki.selfSigned().cn("pinned").issue();
        Trust both = Trust.anyOf(Pki.trust(pki), Trust.pinned(Fingerprints.pin(self.certificate())));
        assertEquals(Trust.Outcome.PINNED, both.verify(self.chain(), Trust.PeerRole.SERVER, NOW));
        assertEquals(Trust.Outcome.CHAIN_VERIFIED, both.verify(pki.localhost().chain(), Trust.PeerRole.SERVER, NOW));
        CertificateVerificationException e =
                refused(both, pki.leaf().expired().issue().chain(), Trust.PeerRole.SERVER);
        assertEquals(TlsFailure.CERTIFICATE_EXPIRED, e.failure(), "the CA knew the issuer: expired beats untrusted");
        assertTrue(both.description().contains(" or "), both.description());
    }

    @Test
    void insecureAcceptsAnything() throws Exception {
        assertEquals(
                Trust.Outcome.NOT_VERIFIED,
                Trust.insecure().verify(other.leaf().expired().issue().chain(), Trust.PeerRole.SERVER, NOW));
    }

    @Test
    void pemBundlesAndParsedSpecs(@TempDir Path dir) throws Exception {
        Path bundle = dir.resolve("bundle.pem");
        Files.writeString(
                bundle,
                "# comments between blocks are fine\n" + Files.readString(pki.writeRootPem(dir, "a.pem"))
                        + "\nmore text\n" + Files.readString(other.writeRootPem(dir, "b.pem")));
        Trust fromFile = Trust.pem(bundle);
        assertTrue(fromFile.description().contains("(2)"), fromFile.description());
        assertEquals(2, fromFile.acceptedIssuers().size());
        assertEquals(
                Trust.Outcome.CHAIN_VERIFIED, fromFile.verify(other.localhost().chain(), Trust.PeerRole.SERVER, NOW));
        assertEquals(
                Trust.Outcome.CHAIN_VERIFIED,
                Trust.parse(bundle.toString()).verify(pki.localhost().chain(), Trust.PeerRole.SERVER, NOW));
        assertTrue(Trust.parse("system").description().startsWith("the system trust store"));
        assertEquals(Trust.insecure(), Trust.parse("insecure"));
        Path empty = Files.writeString(dir.resolve("empty.pem"), "nothing here\n");
        Exception e = assertThrows(java.io.IOException.class, () -> Trust.pem(empty));
        assertTrue(e.getMessage().contains("holds no PEM certificate"), e.getMessage());
        assertThrows(java.nio.file.NoSuchFileException.class, () -> Trust.pem(dir.resolve("missing.pem")));
    }

    @Test
    void theSystemStoreDoesNotTrustAPrivatePki() {
        Trust system = Trust.system();
        assertTrue(system.acceptedIssuers().isEmpty(), "too many authorities to list in a certificate request");
        CertificateVerificationException e = refused(system, pki.localhost().chain(), Trust.PeerRole.SERVER);
        assertEquals(TlsFailure.UNTRUSTED_CERTIFICATE, e.failure());
    }

    @Test
    void revocationCheckingIsOffByDefaultAndRefusesUnknownStatusWhenOn() throws Exception {
        // our test certificates name no OCSP responder or CRL: with checking on, their status is unknown
        Issued leaf = pki.localhost();
        assertEquals(Trust.Outcome.CHAIN_VERIFIED, Pki.trust(pki).verify(leaf.chain(), Trust.PeerRole.SERVER, NOW));
        CertificateVerificationException e =
                refused(Pki.trust(pki).withRevocationChecking(), leaf.chain(), Trust.PeerRole.SERVER);
        assertEquals(TlsFailure.BAD_CERTIFICATE, e.failure());
        assertTrue(e.getMessage().contains("revocation"), e.getMessage());
        assertThrows(UnsupportedOperationException.class, () -> Trust.insecure().withRevocationChecking());
    }

    @Test
    void chainsAreCopiedIntoTheFailure() {
        List<X509Certificate> chain = new ArrayList<>(other.localhost().chain());
        CertificateVerificationException e = refused(Pki.trust(pki), chain, Trust.PeerRole.SERVER);
        Collections.reverse(chain);
        assertEquals(other.localhost().chain().size(), e.chain().size());
    }
}
