package dev.wirekit.scanner.internal;

import java.util.concurrent.atomic.AtomicLong;

/**
 * A token bucket (as a generic cell rate algorithm): at most {@code rate} permits per second on
 * average, with bursts of up to {@code burst} permits after a quiet spell. Thread-safe and
 * lock-free; callers that must wait do so on their own thread.
 */
public final class RateLimiter {
    private final Ticker ticker;
    private final long interval;
    private final long tolerance;
    /** The theoretical arrival time: when the bucket would be full again, were nothing more taken. */
    private final AtomicLong tat;

    /**
     * @param perSecond permits per second, positive
     * @param burst permits that may be taken at once after a quiet spell, at least 1
     */
    public RateLimiter(double perSecond, int burst, Ticker ticker) {
        if (!(perSecond > 0) || Double.isInfinite(perSecond)) {
            throw new IllegalArgumentException("rate must be positive: " + perSecond);
        }
        if (burst < 1) {
            throw new IllegalArgumentException("burst < 1: " + burst);
        }
        this.ticker = ticker;
        this.interval = Math.max(1, Math.round(1e9 / perSecond));
        this.tolerance = interval * (burst - 1);
        this.tat = new AtomicLong(ticker.nanoTime());
    }

    /** The burst the scanner allows at {@code perSecond}: a tenth of a second's worth, 1 to 100. */
    public static int defaultBurst(double perSecond) {
        return (int) Math.max(1, Math.min(100, perSecond / 10));
    }

    /** Takes one permit, waiting until it is due. */
    public void acquire() throws InterruptedException {
        long now;
        long start;
        long current;
        do {
            current = tat.get();
            now = ticker.nanoTime();
            start = current - now > 0 ? current : now;
        } while (!tat.compareAndSet(current, start + interval));
        long due = start - tolerance;
        if (due - now > 0) {
            ticker.sleepUntil(due);
        }
    }
}
