package dev.wirekit.dns.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResolvConfTest {

    @Test
    void readsNameserversAndOptions() {
        ResolvConf c = ResolvConf.parse("""
                # generated
                search example.test
                nameserver 192.0.2.53
                nameserver   2001:db8::53%eth0
                nameserver not-an-address
                options ndots:2 timeout:3 attempts:4 rotate
                ; comment
                """);
        assertEquals(
                List.of(new InetSocketAddress("192.0.2.53", 53), new InetSocketAddress("2001:db8::53", 53)),
                c.servers());
        assertEquals(Duration.ofSeconds(3), c.timeout());
        assertEquals(4, c.attempts());
        assertTrue(c.rotate());
    }

    @Test
    void capsOptionsAsGlibcDoes() {
        ResolvConf c = ResolvConf.parse("options timeout:99 attempts:0\n");
        assertEquals(Duration.ofSeconds(30), c.timeout());
        assertEquals(1, c.attempts());
    }

    @Test
    void withoutNameserversTheLocalHostIsAsked(@TempDir Path dir) throws Exception {
        assertEquals(53, ResolvConf.parse("search x\n").servers().get(0).getPort());
        assertTrue(ResolvConf.parse("").servers().get(0).getAddress().isLoopbackAddress());
        assertEquals(ResolvConf.defaults(), ResolvConf.load(dir.resolve("missing")));
        Path f = dir.resolve("resolv.conf");
        Files.writeString(f, "nameserver 198.51.100.1\n");
        assertEquals(
                List.of(new InetSocketAddress("198.51.100.1", 53)),
                ResolvConf.load(f).servers());
    }

    @Test
    void networkListsParseCidr() throws Exception {
        NetworkList n = NetworkList.parse(List.of("192.0.2.0/25", "2001:db8::/32", "198.51.100.7"));
        assertTrue(n.contains(java.net.InetAddress.getByName("192.0.2.127")));
        assertTrue(!n.contains(java.net.InetAddress.getByName("192.0.2.128")));
        assertTrue(n.contains(java.net.InetAddress.getByName("2001:db8:ffff::1")));
        assertTrue(n.contains(java.net.InetAddress.getByName("198.51.100.7")));
        assertTrue(!n.contains(java.net.InetAddress.getByName("198.51.100.8")));
        assertTrue(NetworkList.parse(List.of("none")).isEmpty());
        assertTrue(NetworkList.parse(List.of("any")).contains(java.net.InetAddress.getByName("203.0.113.9")));
    }
}
