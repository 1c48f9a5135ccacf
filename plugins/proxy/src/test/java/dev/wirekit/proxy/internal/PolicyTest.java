package dev.wirekit.proxy.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wirekit.http.Headers;
import java.net.InetAddress;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PolicyTest {
    private static InetAddress ip(String s) throws Exception {
        return InetAddress.getByName(s);
    }

    @Test
    void rangesMatchByPrefix() throws Exception {
        assertTrue(Cidr.parse("10.0.0.0/8").contains(ip("10.200.3.4")));
        assertFalse(Cidr.parse("10.0.0.0/8").contains(ip("11.0.0.1")));
        assertTrue(Cidr.parse("192.168.1.128/25").contains(ip("192.168.1.200")));
        assertFalse(Cidr.parse("192.168.1.128/25").contains(ip("192.168.1.100")));
        assertTrue(Cidr.parse("fe80::/10").contains(ip("fe80::1")));
        assertTrue(Cidr.parse("127.0.0.1").contains(ip("127.0.0.1")));
        assertTrue(Cidr.parse("127.0.0.0/8").contains(ip("::ffff:127.0.0.1")), "IPv4-mapped");
        assertFalse(Cidr.parse("127.0.0.0/8").contains(ip("::1")));
        for (String bad : List.of("example.com", "10.0.0.0/33", "10.0.0.0/x", "")) {
            assertThrows(IllegalArgumentException.class, () -> Cidr.parse(bad), bad);
        }
    }

    @Test
    void theDefaultDenyListCoversLoopbackLinkLocalAndMetadata() throws Exception {
        DestinationPolicy policy = new DestinationPolicy(
                DestinationPolicy.DEFAULT_DENY.stream().map(Cidr::parse).toList(),
                List.of(),
                Set.of(443),
                host -> List.of(InetAddress.getByName(host)));
        for (String denied : List.of(
                "127.0.0.1",
                "127.9.9.9",
                "::1",
                "169.254.169.254",
                "fe80::1",
                "0.0.0.0",
                "224.0.0.1",
                "100.100.100.200",
                "fd00:ec2::254")) {
            assertFalse(policy.allowed(ip(denied)), denied);
        }
        assertTrue(policy.allowed(ip("93.184.216.34")));
        ForbiddenDestinationException e =
                assertThrows(ForbiddenDestinationException.class, () -> policy.resolve("127.0.0.1"));
        assertTrue(e.getMessage().contains("127.0.0.1"), e.getMessage());
        assertTrue(policy.connectPortAllowed(443));
        assertFalse(policy.connectPortAllowed(22));

        DestinationPolicy allowLoopback = new DestinationPolicy(
                DestinationPolicy.DEFAULT_DENY.stream().map(Cidr::parse).toList(),
                List.of(Cidr.parse("127.0.0.1")),
                Set.of(443),
                host -> List.of(InetAddress.getByName(host)));
        assertEquals(List.of(ip("127.0.0.1")), allowLoopback.resolve("127.0.0.1"));
        assertFalse(allowLoopback.allowed(ip("127.0.0.2")));
    }

    @Test
    void hopByHopFieldsAndThoseNamedByConnectionAreRemoved() {
        Headers in = Headers.of(
                "Connection", "keep-alive, X-Secret",
                "Keep-Alive", "timeout=5",
                "X-Secret", "1",
                "Proxy-Authorization", "Basic eA==",
                "Proxy-Connection", "keep-alive",
                "TE", "trailers",
                "Upgrade", "h2c",
                "Transfer-Encoding", "chunked",
                "Accept", "text/html",
                "Cache-Control", "no-cache");
        Headers out = HopByHop.strip(in);
        assertEquals(List.of("Accept", "Cache-Control"), List.copyOf(out.names()));
    }
}
