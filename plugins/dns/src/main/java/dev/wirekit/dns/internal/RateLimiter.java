package dev.wirekit.dns.internal;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.time.InstantSource;

/**
 * Response rate limiting per client network (the idea of BIND's RRL): each client address, cut to
 * a prefix, has a token bucket that refills at {@code perSecond} and holds at most that many. A
 * response over the rate is dropped, except every {@code slip}-th, which is sent as an empty
 * truncated answer so that a real client behind a spoofed flood can still get through over TCP.
 *
 * <p>Memory is bounded: buckets live in a fixed-size table indexed by a hash of the prefix. A
 * bucket idle long enough to be full again is taken over by whichever client needs it; two busy
 * clients that collide share one bucket (the limit errs on the strict side). Thread-safe; time
 * comes from the injected clock.
 */
public final class RateLimiter {
    /** What to do with one response. */
    public enum Verdict {
        SEND,
        DROP,
        /** Send a minimal truncated response instead of the real one. */
        SLIP
    }

    private static final class Bucket {
        long prefixHigh;
        long prefixLow;
        boolean used;
        double tokens;
        long lastMillis;
        long limited;
    }

    private final int perSecond;
    private final int slip;
    private final int ipv4Prefix;
    private final int ipv6Prefix;
    private final InstantSource clock;
    private final Bucket[] table;

    /**
     * @param perSecond responses per second per client prefix (also the burst); must be positive
     * @param slip every slip-th limited response is sent truncated; 0 drops them all
     * @param ipv4Prefix how many leading bits of an IPv4 address name a client (32: each address)
     * @param ipv6Prefix the same for IPv6 (64 by default: one host usually holds a whole /64)
     * @param tableSize the number of buckets, a power of two
     */
    public RateLimiter(int perSecond, int slip, int ipv4Prefix, int ipv6Prefix, InstantSource clock, int tableSize) {
        if (perSecond <= 0) {
            throw new IllegalArgumentException("perSecond <= 0: " + perSecond);
        }
        if (Integer.bitCount(tableSize) != 1) {
            throw new IllegalArgumentException("tableSize must be a power of two: " + tableSize);
        }
        this.perSecond = perSecond;
        this.slip = slip;
        this.ipv4Prefix = ipv4Prefix;
        this.ipv6Prefix = ipv6Prefix;
        this.clock = clock;
        this.table = new Bucket[tableSize];
        for (int i = 0; i < tableSize; i++) {
            table[i] = new Bucket();
        }
    }

    /** Whether a response to {@code client} may go out now; takes one token when it may. */
    public Verdict check(InetAddress client) {
        byte[] a = client.getAddress();
        int bits = client instanceof Inet4Address ? ipv4Prefix : ipv6Prefix;
        long high = 0;
        long low = 0;
        for (int i = 0; i < a.length; i++) {
            int keep = Math.max(0, Math.min(8, bits - 8 * i));
            int b = a[i] & (0xFF << (8 - keep)) & 0xFF;
            if (i < 8) {
                high = (high << 8) | b;
            } else {
                low = (low << 8) | b;
            }
        }
        high ^= a.length; // IPv4 and IPv6 prefixes never share a key
        long h = high * 0x9E3779B97F4A7C15L ^ low * 0xC2B2AE3D27D4EB4FL;
        Bucket bucket = table[(int) (h ^ (h >>> 29)) & (table.length - 1)];
        long now = clock.millis();
        synchronized (bucket) {
            refill(bucket, now);
            if (!bucket.used || bucket.prefixHigh != high || bucket.prefixLow != low) {
                if (!bucket.used || bucket.tokens >= perSecond) {
                    bucket.used = true;
                    bucket.prefixHigh = high;
                    bucket.prefixLow = low;
                    bucket.tokens = perSecond;
                    bucket.limited = 0;
                }
            }
            if (bucket.tokens >= 1) {
                bucket.tokens -= 1;
                return Verdict.SEND;
            }
            bucket.limited++;
            return slip > 0 && bucket.limited % slip == 0 ? Verdict.SLIP : Verdict.DROP;
        }
    }

    private void refill(Bucket b, long now) {
        if (!b.used) {
            b.lastMillis = now;
            return;
        }
        long elapsed = now - b.lastMillis;
        if (elapsed > 0) {
            b.tokens = Math.min(perSecond, b.tokens + elapsed * perSecond / 1000.0);
            b.lastMillis = now;
        }
    }
}
