package dev.wirekit.scanner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TargetsTest {
    private final List<String> lookedUp = new ArrayList<>();
    private final HostResolver names = host -> {
        lookedUp.add(host);
        Map<String, String> known =
                Map.of("web.scan-test.invalid", "192.0.2.80", "v6.scan-test.invalid", "2001:db8::6");
        String address = known.get(host);
        if (address == null) {
            throw new UnknownHostException(host);
        }
        return new InetAddress[] {InetAddress.getByName(address)};
    };

    private List<String> addresses(String spec) {
        return Targets.parse(spec, names, Targets.DEFAULT_MAX_HOSTS).stream()
                .map(Target::addressText)
                .toList();
    }

    @Test
    void literalsNamesAndRanges() throws Exception {
        assertEquals(List.of("192.0.2.1"), addresses("192.0.2.1"));
        assertEquals(List.of("2001:db8:0:0:0:0:0:1"), addresses("2001:db8::1"));
        assertEquals(List.of("2001:db8:0:0:0:0:0:1"), addresses("[2001:db8::1]"));
        List<Target> named = Targets.parse("web.scan-test.invalid.", names, 10);
        assertEquals("web.scan-test.invalid", named.get(0).name(), "the trailing dot of a FQDN is dropped");
        assertEquals(InetAddress.getByName("192.0.2.80"), named.get(0).address());
        assertNull(Targets.parse("192.0.2.1", names, 10).get(0).name());
        assertEquals(List.of("192.0.2.1", "192.0.2.2"), addresses("192.0.2.0/30"), "network and broadcast skipped");
        assertEquals(List.of("192.0.2.6", "192.0.2.7"), addresses("192.0.2.7/31"), "a /31 has no broadcast");
        assertEquals(254, addresses("198.51.100.77/24").size(), "host bits ignored");
        assertEquals("198.51.100.1", addresses("198.51.100.77/24").get(0));
        assertEquals(
                List.of("2001:db8:0:0:0:0:0:0", "2001:db8:0:0:0:0:0:1", "2001:db8:0:0:0:0:0:2", "2001:db8:0:0:0:0:0:3"),
                addresses("2001:db8::2/126"));
        assertEquals(
                List.of("192.0.2.80", "192.0.2.9"),
                addresses("web.scan-test.invalid, 192.0.2.9 192.0.2.80"),
                "commas and spaces separate; duplicates are scanned once");
        assertEquals(List.of("192.0.2.80"), addresses("web.scan-test.invalid/32"), "a name may carry a prefix");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '"',
            value = {
                "10.1|not an IPv4 address",
                "1.2.3.4.5|not an IPv4 address",
                "256.1.1.1|not an IPv4 address",
                "010.0.0.1|without leading zeros",
                "10.0.0.0/33|a prefix of /33 is longer than an IPv4 address",
                "10.0.0.0/x|'/x' is not a prefix length",
                "/24|no address before the prefix",
                "10.0.0.0/8|the range holds 16,777,214 addresses; at most 65,536 are scanned at once",
                "2001:db8::/64|the range holds 18,446,744,073,709,551,616 addresses",
                "0.0.0.0|the unspecified address 0.0.0.0 names no host",
                "::|the unspecified address",
                "224.0.0.1|is a multicast address",
                "255.255.255.255|the broadcast address",
                "[2001:db8::1|not an IPv6 address",
                "2001:zz::1|not an IPv6 address",
                "under_score.example|not a host name",
                "-lead.example|not a host name",
                "nope.scan-test.invalid|cannot resolve the host name"
            })
    void malformedTargetsSayWhatIsWrong(String spec, String expected) {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> Targets.parse(spec, names, Targets.DEFAULT_MAX_HOSTS));
        assertTrue(e.getMessage().startsWith("target '" + spec + "': "), e.getMessage());
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    @Test
    void noTargetIsRefused() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> Targets.parse(" , ", names, 10));
        assertTrue(e.getMessage().startsWith("no target given"), e.getMessage());
    }

    @Test
    void theHostLimitCountsEveryTarget() {
        assertEquals(4, Targets.parse("192.0.2.0/29", names, 6).size() - 2);
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> Targets.parse("192.0.2.0/29 198.51.100.1", names, 6));
        assertTrue(e.getMessage().contains("more than 6 addresses"), e.getMessage());
    }

    @Test
    void literalsNeverReachTheResolver() {
        addresses("192.0.2.1, 2001:db8::1, 10.0.0.0/30, 1.2.3.4");
        assertEquals(List.of(), lookedUp);
        assertThrows(IllegalArgumentException.class, () -> addresses("10.1"));
        assertEquals(List.of(), lookedUp, "dotted numbers that are not an address are refused, not looked up");
    }
}
