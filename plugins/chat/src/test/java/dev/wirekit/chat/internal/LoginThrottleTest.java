package dev.wirekit.chat.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {
    private Instant now = Instant.parse("2026-01-01T00:00:00Z");
    private final InstantSource clock = () -> now;
    private final LoginThrottle throttle = new LoginThrottle(3, Duration.ofSeconds(10), Duration.ofMinutes(15), clock);

    private static InetAddress ip(String s) throws Exception {
        return InetAddress.getByName(s);
    }

    @Test
    void theAttackerIsSlowedToACrawlTheOwnerWaitsSecondsAtMost() throws Exception {
        InetAddress attacker = ip("192.0.2.66");
        InetAddress owner = ip("198.51.100.7");
        for (int i = 0; i < 3; i++) {
            assertEquals(Duration.ZERO, throttle.wait("alice", attacker), "free failures");
            throttle.failed("alice", attacker);
        }
        for (int i = 0; i < 20; i++) {
            now = now.plus(throttle.wait("alice", attacker)); // the attacker waits out every back-off
            throttle.failed("alice", attacker);
        }
        assertEquals(
                Duration.ofMinutes(15), throttle.wait("alice", attacker), "the attacker's back-off reaches the cap");
        Duration ownerWait = throttle.wait("alice", owner);
        assertTrue(ownerWait.compareTo(Duration.ofSeconds(10)) <= 0, "the owner waits at most 10 s: " + ownerWait);
        now = now.plus(ownerWait);
        assertEquals(Duration.ZERO, throttle.wait("Alice", owner), "then may try; names fold case");
        throttle.succeeded("alice", owner);
        assertEquals(Duration.ZERO, throttle.wait("alice", owner));
        assertTrue(throttle.wait("alice", attacker).toMinutes() >= 14, "the attacker's own back-off remains");
    }

    @Test
    void oneAddressGuessingManyAccountsIsSlowedToo() throws Exception {
        InetAddress sprayer = ip("203.0.113.9");
        for (int i = 0; i < 12; i++) {
            throttle.failed("user" + i, sprayer);
        }
        assertTrue(
                throttle.wait("fresh-account", sprayer).toSeconds() >= 4,
                "per address: " + throttle.wait("fresh-account", sprayer));
        assertEquals(
                Duration.ZERO, throttle.wait("fresh-account", ip("203.0.113.10")), "other addresses are unaffected");
    }

    @Test
    void ipv6CountsPerSlash64() throws Exception {
        for (int i = 1; i <= 12; i++) {
            throttle.failed("bob", ip("2001:db8:1:2::" + Integer.toHexString(i)));
        }
        assertTrue(throttle.wait("carol", ip("2001:db8:1:2::ffff")).toSeconds() > 0, "same /64");
        assertEquals(Duration.ZERO, throttle.wait("carol", ip("2001:db8:1:3::1")), "another /64");
    }
}
