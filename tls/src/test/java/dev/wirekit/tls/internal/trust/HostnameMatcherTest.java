package dev.wirekit.tls.internal.trust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wirekit.testkit.pki.CertificateBuilder;
import dev.wirekit.testkit.pki.TestPki;
import dev.wirekit.tls.HostnameMismatchException;
import dev.wirekit.tls.TlsFailure;
import java.security.cert.X509Certificate;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** RFC 6125 host name checks: every rule, with certificates made the way CAs make them. */
class HostnameMatcherTest {
    private static TestPki pki;

    @BeforeAll
    static void pki() {
        pki = TestPki.create();
    }

    private static X509Certificate dns(String... names) {
        CertificateBuilder b = pki.leaf().cn("ignored.example");
        for (String n : names) {
            b.dns(n);
        }
        return b.issue().certificate();
    }

    @ParameterizedTest(name = "{0} matches {1}: {2}")
    @CsvSource({
        // exact, case-insensitive, trailing dots
        "www.example.com, www.example.com, true",
        "WWW.Example.COM, www.example.com, true",
        "www.example.com, WWW.EXAMPLE.COM, true",
        "www.example.com., www.example.com, true",
        "www.example.com, www.example.com., true",
        "example.com, www.example.com, false",
        "www.example.com.evil, www.example.com, false",
        "wwwexample.com, www.example.com, false",
        // wildcard: exactly one whole left-most label
        "a.example.com, *.example.com, true",
        "xn--bcher-kva.example.com, *.example.com, true",
        "a.b.example.com, *.example.com, false",
        "example.com, *.example.com, false",
        ".example.com, *.example.com, false",
        "a.example.org, *.example.com, false",
        // wildcard too broad, partial, or misplaced: never matches
        "example.com, *.com, false",
        "a.com, *.com, false",
        "foo.example.com, f*.example.com, false",
        "foo.example.com, *oo.example.com, false",
        "foo.example.com, fo*o.example.com, false",
        "www.a.example.com, www.*.example.com, false",
        "a.example.com, *.*.example.com, false",
        "a.b.example.com, *.*.example.com, false",
        "example.com, *, false",
        "a.example.com, **.example.com, false",
        // a reference identity is never itself a pattern
        "*.example.com, *.example.com, false",
    })
    void dnsNames(String host, String san, boolean expected) {
        assertEquals(expected, HostnameMatcher.matches(host, dns(san)), host + " vs DNS:" + san);
    }

    @Test
    void anyOfSeveralNamesMatches() {
        X509Certificate c = dns("a.example.com", "*.b.example.com", "c.example.org");
        assertTrue(HostnameMatcher.matches("a.example.com", c));
        assertTrue(HostnameMatcher.matches("x.b.example.com", c));
        assertTrue(HostnameMatcher.matches("c.example.org", c));
        assertFalse(HostnameMatcher.matches("b.example.com", c));
        assertFalse(HostnameMatcher.matches("d.example.org", c));
    }

    @Test
    void ipAddressesMatchOnlyIpNamesComparedAsAddresses() {
        X509Certificate c = pki.leaf()
                .ip("192.0.2.7")
                .ip("2001:db8::1")
                .dns("192.0.2.8")
                .issue()
                .certificate();
        assertTrue(HostnameMatcher.matches("192.0.2.7", c));
        assertTrue(HostnameMatcher.matches("2001:db8::1", c));
        assertTrue(HostnameMatcher.matches("2001:0db8:0:0:0:0:0:0001", c), "IPv6 in full form");
        assertTrue(HostnameMatcher.matches("[2001:db8::1]", c), "bracketed IPv6");
        assertFalse(HostnameMatcher.matches("192.0.2.8", c), "an address never matches a dNSName");
        assertFalse(HostnameMatcher.matches("192.0.2.70", c));
        assertFalse(HostnameMatcher.matches("2001:db8::2", c));
    }

    @Test
    void dnsNamesNeverMatchIpNames() {
        X509Certificate c = pki.leaf().ip("127.0.0.1").issue().certificate();
        assertFalse(HostnameMatcher.matches("localhost", c));
        assertTrue(HostnameMatcher.matches("127.0.0.1", c));
    }

    @Test
    void idnHostsAreComparedInALabelForm() {
        // bücher.example → xn--bcher-kva.example
        X509Certificate c = dns("xn--bcher-kva.example");
        assertTrue(HostnameMatcher.matches("bücher.example", c), "U-label host vs A-label SAN");
        assertTrue(HostnameMatcher.matches("BÜCHER.example", c), "case folding before IDNA");
        assertTrue(HostnameMatcher.matches("xn--bcher-kva.example", c));
        assertFalse(HostnameMatcher.matches("bucher.example", c));
        X509Certificate wildcard = dns("*.xn--bcher-kva.example");
        assertTrue(HostnameMatcher.matches("www.bücher.example", wildcard));
    }

    @Test
    void aUnicodePresentedNameIsMalformedAndNeverMatches() {
        X509Certificate c = dns("bücher.example");
        assertFalse(HostnameMatcher.matches("bücher.example", c));
        assertFalse(HostnameMatcher.matches("xn--bcher-kva.example", c));
    }

    @Test
    void theCommonNameIsNeverUsed() throws Exception {
        X509Certificate cnOnly = pki.leaf().cn("www.example.com").issue().certificate();
        assertFalse(HostnameMatcher.matches("www.example.com", cnOnly));
        HostnameMismatchException e = assertThrows(
                HostnameMismatchException.class,
                () -> HostnameMatcher.verify("www.example.com", cnOnly, List.of(cnOnly)));
        assertEquals(TlsFailure.HOST_MISMATCH, e.failure());
        assertTrue(e.getMessage().contains("names no host at all"), e.getMessage());
        assertTrue(e.presentedNames().isEmpty());
        // and a CN is not consulted even when the SANs do not match
        X509Certificate both = pki.leaf()
                .cn("www.example.com")
                .dns("other.example.com")
                .issue()
                .certificate();
        assertFalse(HostnameMatcher.matches("www.example.com", both));
    }

    @Test
    void mismatchListsWhatTheCertificateNames() {
        X509Certificate c =
                pki.leaf().dns("a.example.com").ip("10.0.0.1").issue().certificate();
        HostnameMismatchException e = assertThrows(
                HostnameMismatchException.class, () -> HostnameMatcher.verify("b.example.com", c, List.of(c)));
        assertEquals("b.example.com", e.expectedHost());
        assertEquals(List.of("DNS:a.example.com", "IP:10.0.0.1"), e.presentedNames());
        assertTrue(e.getMessage().contains("DNS:a.example.com, IP:10.0.0.1"), e.getMessage());
        assertEquals("bad_certificate", e.alert().orElseThrow());
    }

    @Test
    void namesWithControlCharactersOrSpacesNeverMatch() {
        X509Certificate c = dns("*.example.com", "www.example.org");
        assertFalse(HostnameMatcher.matches("a.example.com\u0002", c), "found by fuzzing: trim() hid it");
        assertFalse(HostnameMatcher.matches(" www.example.org", c));
        assertFalse(HostnameMatcher.matches("www.example.org\n", c));
        assertFalse(HostnameMatcher.matches("a b.example.com", c));
        assertTrue(HostnameMatcher.matches("www.example.org", c));
    }

    @Test
    void ipLiteralDetectionNeverResolves() {
        assertTrue(HostnameMatcher.isIpLiteral("10.1.2.3"));
        assertTrue(HostnameMatcher.isIpLiteral("::1"));
        assertFalse(HostnameMatcher.isIpLiteral("256.1.2.3"));
        assertFalse(HostnameMatcher.isIpLiteral("example.com"));
        assertFalse(HostnameMatcher.isIpLiteral("fe80::1%eth0"), "zone ids are not accepted");
        assertFalse(HostnameMatcher.isIpLiteral("1.2.3"));
        assertFalse(HostnameMatcher.isIpLiteral("10.0.0.01"), "leading zeros are ambiguous (octal to some)");
        assertFalse(HostnameMatcher.matches(
                "192.0.2.07", pki.leaf().ip("192.0.2.7").issue().certificate()));
    }
}
