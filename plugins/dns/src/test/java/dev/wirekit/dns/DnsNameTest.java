package dev.wirekit.dns;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DnsNameTest {

    @Test
    void parsesAbsoluteNamesWithOrWithoutTheTrailingDot() {
        DnsName a = DnsName.of("www.Example.com");
        assertEquals(a, DnsName.of("www.example.com."));
        assertEquals(3, a.labelCount());
        assertEquals("www.Example.com.", a.toString(), "case is kept for output");
        assertEquals(List.of("www", "Example", "com"), a.labels());
        assertArrayEquals(
                new byte[] {3, 'w', 'w', 'w', 7, 'E', 'x', 'a', 'm', 'p', 'l', 'e', 3, 'c', 'o', 'm', 0}, a.toWire());
        assertEquals(17, a.wireLength());
    }

    @Test
    void theRootHasNoLabels() {
        assertTrue(DnsName.of(".").isRoot());
        assertTrue(DnsName.of("").isRoot());
        assertEquals(".", DnsName.ROOT.toString());
        assertArrayEquals(new byte[] {0}, DnsName.ROOT.toWire());
    }

    @Test
    void relativeNamesTakeTheOrigin() {
        DnsName origin = DnsName.of("example.com");
        assertEquals(DnsName.of("mail.example.com"), DnsName.of("mail", origin));
        assertEquals(origin, DnsName.of("@", origin));
        assertEquals(DnsName.of("other.org"), DnsName.of("other.org.", origin), "a trailing dot makes it absolute");
    }

    @Test
    void escapesAreDecodedAndWrittenBack() {
        DnsName n = DnsName.of("a\\.b.c\\032d\\\\.example");
        assertEquals(3, n.labelCount());
        assertArrayEquals(new byte[] {'a', '.', 'b'}, n.labelBytes(0));
        assertArrayEquals(new byte[] {'c', ' ', 'd', '\\'}, n.labelBytes(1));
        assertEquals("a\\.b.c\\032d\\\\.example.", n.toString());
        assertEquals(n, DnsName.of(n.toString()), "toString parses back to the same name");
    }

    @Test
    void equalityAndHashIgnoreAsciiCase() {
        DnsName a = DnsName.of("WWW.EXAMPLE.COM");
        DnsName b = DnsName.of("www.example.com");
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        assertNotEquals(DnsName.of("www.example.co"), b);
        assertNotEquals(DnsName.of("ww.wexample.com"), b, "same bytes in other labels is another name");
    }

    @Test
    void suffixesAndSubdomains() {
        DnsName n = DnsName.of("a.b.example.com");
        assertEquals(DnsName.of("example.com"), n.suffix(2));
        assertEquals(DnsName.of("b.example.com"), n.parent());
        assertTrue(n.isSubdomainOf(DnsName.of("EXAMPLE.com")));
        assertTrue(n.isSubdomainOf(n));
        assertTrue(n.isSubdomainOf(DnsName.ROOT));
        assertFalse(DnsName.of("example.com").isSubdomainOf(n));
        assertFalse(DnsName.of("badexample.com").isSubdomainOf(DnsName.of("example.com")));
        assertEquals(DnsName.of("*.example.com"), DnsName.of("example.com").child("*"));
        assertThrows(IllegalStateException.class, DnsName.ROOT::parent);
    }

    @Test
    void limitsAreEnforced() {
        String label63 = "a".repeat(63);
        DnsName.of(label63 + ".com");
        IllegalArgumentException longLabel =
                assertThrows(IllegalArgumentException.class, () -> DnsName.of("a".repeat(64) + ".com"));
        assertTrue(longLabel.getMessage().contains("63"), longLabel.getMessage());
        // 4 labels of 63 bytes = 4 * 64 + 1 = 257 bytes: one too many
        IllegalArgumentException longName = assertThrows(
                IllegalArgumentException.class, () -> DnsName.of(String.join(".", label63, label63, label63, label63)));
        assertTrue(longName.getMessage().contains("255"), longName.getMessage());
        // 253 characters of text is the longest name: 255 bytes on the wire
        String longest = String.join(".", label63, label63, label63, "a".repeat(61));
        assertEquals(255, DnsName.of(longest).wireLength());
        assertThrows(IllegalArgumentException.class, () -> DnsName.of("a..b"));
        assertThrows(IllegalArgumentException.class, () -> DnsName.of(".a"));
        assertThrows(IllegalArgumentException.class, () -> DnsName.of("a\\25"));
        assertThrows(IllegalArgumentException.class, () -> DnsName.of("a\\256"));
    }

    @Test
    void fromWireChecksItsInput() {
        assertEquals(DnsName.of("ab.c"), DnsName.fromWire(new byte[] {2, 'a', 'b', 1, 'c', 0}));
        assertThrows(IllegalArgumentException.class, () -> DnsName.fromWire(new byte[] {2, 'a', 'b'}));
        assertThrows(IllegalArgumentException.class, () -> DnsName.fromWire(new byte[] {1, 'a', 0, 0}));
        assertThrows(IllegalArgumentException.class, () -> DnsName.fromWire(new byte[] {64, 0}));
        List<byte[]> labels = new ArrayList<>();
        labels.add("x".getBytes());
        assertEquals(DnsName.of("x"), DnsName.fromLabels(labels));
    }

    @Test
    void reverseNames() throws Exception {
        assertEquals(DnsName.of("1.2.0.192.in-addr.arpa"), DnsName.reverse(InetAddress.getByName("192.0.2.1")));
        assertEquals(
                DnsName.of("1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa"),
                DnsName.reverse(InetAddress.getByName("2001:db8::1")));
    }

    @Test
    void canonicalOrderComparesFromTheRight() {
        List<DnsName> names = new ArrayList<>(List.of(
                DnsName.of("z.example"),
                DnsName.of("a.example"),
                DnsName.of("example"),
                DnsName.of("Z.a.example"),
                DnsName.of("yljkjljk.a.example"),
                DnsName.of("\\001.z.example"),
                DnsName.of("*.z.example")));
        names.sort(null);
        // RFC 4034 §6.1's own example order
        assertEquals(
                List.of(
                        "example.",
                        "a.example.",
                        "yljkjljk.a.example.",
                        "Z.a.example.",
                        "z.example.",
                        "\\001.z.example.",
                        "*.z.example."),
                names.stream().map(DnsName::toString).toList());
    }
}
