package dev.wirekit.scanner.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class RateLimiterTest {

    @Test
    void aBurstGoesAtOnceThenOnePermitPerInterval() throws Exception {
        FakeTicker ticker = new FakeTicker(-5_000_000_000L); // nanoTime may be negative
        RateLimiter limiter = new RateLimiter(100, 10, ticker);
        for (int i = 0; i < 10; i++) {
            limiter.acquire();
        }
        assertEquals(0, ticker.sleeps(), "the burst needs no wait");
        assertEquals(-5_000_000_000L, ticker.nanoTime());
        limiter.acquire();
        assertEquals(-5_000_000_000L + 10_000_000L, ticker.nanoTime(), "the 11th waits one interval (10 ms)");
        for (int i = 0; i < 989; i++) {
            limiter.acquire();
        }
        assertEquals(-5_000_000_000L + 9_900_000_000L, ticker.nanoTime(), "1000 permits at 100/s, 10 at once");
    }

    @Test
    void quietTimeRefillsTheBucketButNoMore() throws Exception {
        FakeTicker ticker = new FakeTicker(0);
        RateLimiter limiter = new RateLimiter(1000, 5, ticker);
        for (int i = 0; i < 5; i++) {
            limiter.acquire();
        }
        ticker.advance(60_000_000_000L); // a minute of silence
        long before = ticker.nanoTime();
        for (int i = 0; i < 5; i++) {
            limiter.acquire();
        }
        assertEquals(before, ticker.nanoTime(), "a full bucket again");
        limiter.acquire();
        assertEquals(before + 1_000_000L, ticker.nanoTime(), "but only 5 deep");
    }

    @Test
    void threadsShareTheRate() throws Exception {
        FakeTicker ticker = new FakeTicker(0);
        RateLimiter limiter = new RateLimiter(1000, 1, ticker);
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            threads.add(Thread.ofVirtual().start(() -> {
                try {
                    go.await();
                    for (int i = 0; i < 250; i++) {
                        limiter.acquire();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
        }
        go.countDown();
        for (Thread t : threads) {
            t.join();
        }
        assertEquals(999_000_000L, ticker.nanoTime(), "1000 permits from 4 threads: the last at 999 ms");
    }

    @Test
    void argumentsAreChecked() {
        FakeTicker ticker = new FakeTicker(0);
        assertThrows(IllegalArgumentException.class, () -> new RateLimiter(0, 1, ticker));
        assertThrows(IllegalArgumentException.class, () -> new RateLimiter(Double.NaN, 1, ticker));
        assertThrows(IllegalArgumentException.class, () -> new RateLimiter(10, 0, ticker));
        assertEquals(1, RateLimiter.defaultBurst(5));
        assertEquals(100, RateLimiter.defaultBurst(1_000_000));
    }
}
