package dev.wirekit.tls;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.wirekit.api.layer.LayerContext;
import dev.wirekit.testkit.pki.Issued;
import dev.wirekit.testkit.pki.TestPki;
import dev.wirekit.tls.internal.pki.Pem;
import dev.wirekit.tls.internal.trust.Fingerprints;
import dev.wirekit.tls.internal.trust.HostnameMatcher;
import dev.wirekit.tls.testing.Endpoint;
import dev.wirekit.tls.testing.Pki;
import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.security.cert.X509Certificate;
import java.util.Optional;

/** The other inputs Wirekit parses: PEM files, host names, fingerprints, and datagrams to a DTLS server. */
class ParsersFuzzTest {
    private static final X509Certificate CERT;
    private static final DtlsLayer DTLS;

    static {
        TestPki pki = TestPki.create();
        Issued issued = pki.leaf()
                .dns("*.example.com")
                .dns("xn--bcher-kva.example")
                .ip("10.0.0.1")
                .issue();
        CERT = issued.certificate();
        DTLS = DtlsLayer.server(TlsServerConfig.builder(Pki.keyMaterial(issued)).build());
    }

    /** Any text as a PEM file: certificates and keys are read or refused with an IOException. */
    @FuzzTest(maxDuration = "20s")
    void pem(FuzzedDataProvider data) {
        String text = data.consumeRemainingAsString();
        try {
            Pem.readCertificates(new StringReader(text), "fuzz.pem");
        } catch (IOException expected) {
            assertTrue(expected.getMessage().startsWith("fuzz.pem"), expected.getMessage());
        } catch (RuntimeException e) {
            fail("PEM certificates: an unchecked " + e, e);
        }
        try {
            Pem.readPrivateKey(new StringReader(text), "fuzz.pem", "pw".toCharArray());
        } catch (IOException expected) {
            assertTrue(expected.getMessage().startsWith("fuzz.pem"), expected.getMessage());
        } catch (RuntimeException e) {
            fail("PEM key: an unchecked " + e, e);
        }
    }

    /** Any host name: a yes or no, never an exception, never a DNS lookup of it. */
    @FuzzTest(maxDuration = "20s")
    void hostname(FuzzedDataProvider data) {
        String host = data.consumeRemainingAsString();
        if (HostnameMatcher.matches(host, CERT)) {
            // the certificate names *.example.com, xn--bcher-kva.example and 10.0.0.1 only
            String ascii;
            try {
                ascii = java.net.IDN.toASCII(host.replaceAll("^\\[|\\]$", "")).toLowerCase(java.util.Locale.ROOT);
            } catch (IllegalArgumentException e) {
                throw new AssertionError("matched a name IDNA rejects: " + codePoints(host), e);
            }
            ascii = ascii.endsWith(".") ? ascii.substring(0, ascii.length() - 1) : ascii;
            boolean wildcard = ascii.matches("[a-z0-9_-]+\\.example\\.com");
            boolean idn = ascii.equals("xn--bcher-kva.example");
            boolean ip = ascii.contains(":") || ascii.equals("10.0.0.1");
            assertTrue(wildcard || idn || ip, "matched an unrelated name: " + codePoints(host));
        }
    }

    private static String codePoints(String s) {
        StringBuilder b = new StringBuilder("'" + s + "' =");
        s.codePoints().forEach(c -> b.append(String.format(" U+%04X", c)));
        return b.toString();
    }

    /** Any fingerprint text: parsed to 32 bytes or refused with IllegalArgumentException. */
    @FuzzTest(maxDuration = "10s")
    void fingerprint(FuzzedDataProvider data) {
        String text = data.consumeRemainingAsString();
        try {
            assertTrue(Fingerprints.parse(text).length == 32);
        } catch (IllegalArgumentException expected) {
            // refused with a message
        }
    }

    /**
     * Any datagrams to a DTLS server: without a valid cookie nothing is kept (no handshake starts),
     * and nothing escapes but a typed TlsException.
     */
    @FuzzTest(maxDuration = "20s")
    void dtlsServerEngine(FuzzedDataProvider data) throws IOException {
        Endpoint server =
                new Endpoint(DTLS, LayerContext.Role.SERVER, Optional.empty(), Runnable::run, null, 4433, 40000);
        server.engine.start();
        while (data.remainingBytes() > 0) {
            byte[] datagram = data.consumeBytes(1 + data.consumeInt(0, 1500));
            try {
                server.engine.receive(ByteBuffer.wrap(datagram));
            } catch (TlsException typed) {
                break;
            } catch (IOException | RuntimeException e) {
                fail("an untyped " + e + " escaped the DTLS engine", e);
            }
        }
        assertTrue(DTLS.activeHandshakes() == 0, "no handshake without a valid cookie");
        assertTrue(!server.isEstablished() && server.datagrams.isEmpty());
        server.engine.dispose();
    }
}
