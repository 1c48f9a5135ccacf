package dev.wirekit.chat.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.InstantSource;
import org.junit.jupiter.api.Test;

class TokenBucketTest {
    private Instant now = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void aBurstThenTheRate() {
        TokenBucket bucket = new TokenBucket(5, 2, (InstantSource) () -> now);
        for (int i = 0; i < 5; i++) {
            assertTrue(bucket.tryTake(), "burst " + i);
        }
        assertFalse(bucket.tryTake());
        assertEquals(1, bucket.secondsUntilNext());
        now = now.plusMillis(499);
        assertFalse(bucket.tryTake());
        now = now.plusMillis(1);
        assertTrue(bucket.tryTake(), "2 per second: one every 500 ms");
        now = now.plusSeconds(3600);
        for (int i = 0; i < 5; i++) {
            assertTrue(bucket.tryTake());
        }
        assertFalse(bucket.tryTake(), "never more than the burst");
    }
}
