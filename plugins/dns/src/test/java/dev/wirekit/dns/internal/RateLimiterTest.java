package dev.wirekit.dns.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wirekit.dns.support.ManualClock;
import java.net.InetAddress;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RateLimiterTest {
    private final ManualClock clock = new ManualClock();

    private Map<RateLimiter.Verdict, Integer> count(RateLimiter limiter, InetAddress client, int n) {
        Map<RateLimiter.Verdict, Integer> counts = new EnumMap<>(RateLimiter.Verdict.class);
        for (int i = 0; i < n; i++) {
            counts.merge(limiter.check(client), 1, Integer::sum);
        }
        return counts;
    }

    @Test
    void aBurstOverTheRateIsDroppedWithEverySecondSlipped() throws Exception {
        RateLimiter limiter = new RateLimiter(10, 2, 32, 64, clock, 1024);
        InetAddress a = InetAddress.getByName("192.0.2.1");
        Map<RateLimiter.Verdict, Integer> counts = count(limiter, a, 30);
        assertEquals(10, counts.get(RateLimiter.Verdict.SEND));
        assertEquals(10, counts.get(RateLimiter.Verdict.DROP));
        assertEquals(10, counts.get(RateLimiter.Verdict.SLIP));
    }

    @Test
    void tokensComeBackWithTime() throws Exception {
        RateLimiter limiter = new RateLimiter(10, 0, 32, 64, clock, 1024);
        InetAddress a = InetAddress.getByName("192.0.2.1");
        count(limiter, a, 10);
        assertEquals(RateLimiter.Verdict.DROP, limiter.check(a));
        clock.advance(Duration.ofMillis(500));
        assertEquals(5, count(limiter, a, 10).get(RateLimiter.Verdict.SEND), "half a second: half the rate");
    }

    @Test
    void otherClientsHaveTheirOwnBuckets() throws Exception {
        RateLimiter limiter = new RateLimiter(5, 0, 32, 64, clock, 1024);
        count(limiter, InetAddress.getByName("192.0.2.1"), 100);
        assertEquals(RateLimiter.Verdict.SEND, limiter.check(InetAddress.getByName("192.0.2.2")));
        assertEquals(RateLimiter.Verdict.SEND, limiter.check(InetAddress.getByName("2001:db8::1")));
    }

    @Test
    void aPrefixCountsAsOneClient() throws Exception {
        RateLimiter limiter = new RateLimiter(5, 0, 24, 56, clock, 1024);
        count(limiter, InetAddress.getByName("192.0.2.1"), 5);
        assertEquals(RateLimiter.Verdict.DROP, limiter.check(InetAddress.getByName("192.0.2.200")), "same /24");
        assertEquals(RateLimiter.Verdict.SEND, limiter.check(InetAddress.getByName("192.0.3.1")));
        count(limiter, InetAddress.getByName("2001:db8:0:1::1"), 5);
        assertEquals(
                RateLimiter.Verdict.DROP, limiter.check(InetAddress.getByName("2001:db8:0:1:ffff::9")), "same /56");
    }

    @Test
    void memoryIsBoundedAndIdleBucketsAreReused() throws Exception {
        RateLimiter limiter = new RateLimiter(3, 0, 32, 64, clock, 1);
        InetAddress a = InetAddress.getByName("192.0.2.1");
        InetAddress b = InetAddress.getByName("192.0.2.2");
        count(limiter, a, 3);
        assertEquals(RateLimiter.Verdict.DROP, limiter.check(b), "one bucket: a busy client's limit is shared");
        clock.advance(Duration.ofSeconds(1));
        assertEquals(3, count(limiter, b, 3).get(RateLimiter.Verdict.SEND), "a refilled bucket is taken over");
    }
}
