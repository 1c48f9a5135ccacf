package dev.wirekit.dns.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.wirekit.dns.DnsName;
import dev.wirekit.dns.DnsQuestion;
import dev.wirekit.dns.DnsRecord;
import dev.wirekit.dns.RData;
import dev.wirekit.dns.RecordType;
import dev.wirekit.dns.ResponseCode;
import dev.wirekit.dns.support.ManualClock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResponseCacheTest {
    private final ManualClock clock = new ManualClock();
    private final ResponseCache cache =
            new ResponseCache(3, 1 << 20, Duration.ofHours(1), Duration.ofMinutes(10), Duration.ofSeconds(5), clock);

    private static final DnsQuestion WWW = DnsQuestion.of("www.example.test", RecordType.A);
    private static final DnsRecord SOA = DnsRecord.of(
            "example.test",
            3600,
            new RData.Soa(DnsName.of("ns.example.test"), DnsName.of("h.example.test"), 1, 2, 3, 4, 120));

    private static ResponseCache.Entry positive(long... ttls) {
        List<DnsRecord> answers = new java.util.ArrayList<>();
        for (int i = 0; i < ttls.length; i++) {
            answers.add(DnsRecord.of("www.example.test", ttls[i], RData.A.of("192.0.2." + (i + 1))));
        }
        return new ResponseCache.Entry(ResponseCode.NOERROR, answers, List.of(), List.of(), 100);
    }

    @Test
    void servesWithTtlsCountingDownUntilTheSmallestExpires() {
        cache.put(WWW, positive(300, 60));
        ResponseCache.Entry fresh = cache.get(WWW);
        assertEquals(
                List.of(300L, 60L), fresh.answers().stream().map(DnsRecord::ttl).toList());
        clock.advance(Duration.ofSeconds(45));
        ResponseCache.Entry older = cache.get(DnsQuestion.of("WWW.Example.TEST", RecordType.A));
        assertEquals(
                List.of(255L, 15L), older.answers().stream().map(DnsRecord::ttl).toList(), "case-insensitive key");
        clock.advance(Duration.ofSeconds(15));
        assertNull(cache.get(WWW), "gone when the smallest TTL ran out");
    }

    @Test
    void negativeAnswersLiveForTheSoaNegativeTtl() {
        ResponseCache.Entry nx = new ResponseCache.Entry(ResponseCode.NXDOMAIN, List.of(), List.of(SOA), List.of(), 80);
        cache.put(WWW, nx);
        clock.advance(Duration.ofSeconds(119));
        assertNotNull(cache.get(WWW), "min(SOA TTL 3600, MINIMUM 120) = 120 s");
        assertEquals(1, cache.get(WWW).authorities().get(0).ttl());
        clock.advance(Duration.ofSeconds(1));
        assertNull(cache.get(WWW));
    }

    @Test
    void nodataIsNegativeAndNegativeAnswersWithoutSoaAreNotCached() {
        cache.put(WWW, new ResponseCache.Entry(ResponseCode.NOERROR, List.of(), List.of(SOA), List.of(), 80));
        assertNotNull(cache.get(WWW), "NODATA with an SOA is cached");
        DnsQuestion other = DnsQuestion.of("other.example.test", RecordType.A);
        cache.put(other, new ResponseCache.Entry(ResponseCode.NXDOMAIN, List.of(), List.of(), List.of(), 80));
        assertNull(cache.get(other), "RFC 2308 §5: no SOA, no negative caching");
    }

    @Test
    void lifetimesAreCapped() {
        ResponseCache capped = new ResponseCache(
                10, 1 << 20, Duration.ofSeconds(30), Duration.ofSeconds(10), Duration.ofSeconds(5), clock);
        capped.put(WWW, positive(86400));
        clock.advance(Duration.ofSeconds(30));
        assertNull(capped.get(WWW), "max TTL 30 s");
        DnsRecord longSoa = SOA.withTtl(86400);
        DnsQuestion q = DnsQuestion.of("nx.example.test", RecordType.A);
        capped.put(q, new ResponseCache.Entry(ResponseCode.NXDOMAIN, List.of(), List.of(longSoa), List.of(), 50));
        clock.advance(Duration.ofSeconds(10));
        assertNull(capped.get(q), "max negative TTL 10 s");
    }

    @Test
    void serverFailuresAreRememberedBriefly() {
        cache.put(WWW, new ResponseCache.Entry(ResponseCode.SERVFAIL, List.of(), List.of(), List.of(), 0));
        assertEquals(ResponseCode.SERVFAIL, cache.get(WWW).rcode());
        clock.advance(Duration.ofSeconds(5));
        assertNull(cache.get(WWW));
        cache.put(WWW, new ResponseCache.Entry(ResponseCode.REFUSED, List.of(), List.of(), List.of(), 0));
        assertNull(cache.get(WWW), "other failures are not cached");
    }

    @Test
    void theLeastRecentlyUsedGoFirstWhenFull() {
        for (int i = 0; i < 3; i++) {
            cache.put(DnsQuestion.of("h" + i + ".example.test", RecordType.A), positive(300));
        }
        cache.get(DnsQuestion.of("h0.example.test", RecordType.A)); // h1 is now the eldest
        cache.put(DnsQuestion.of("h3.example.test", RecordType.A), positive(300));
        assertEquals(3, cache.size());
        assertNull(cache.get(DnsQuestion.of("h1.example.test", RecordType.A)));
        assertNotNull(cache.get(DnsQuestion.of("h0.example.test", RecordType.A)));
    }

    @Test
    void aByteBoundEvictsToo() {
        ResponseCache small =
                new ResponseCache(100, 250, Duration.ofHours(1), Duration.ofHours(1), Duration.ZERO, clock);
        for (int i = 0; i < 5; i++) {
            small.put(DnsQuestion.of("h" + i + ".example.test", RecordType.A), positive(300)); // 100 bytes each
        }
        assertEquals(2, small.size(), "250 bytes hold two 100-byte answers");
    }
}
