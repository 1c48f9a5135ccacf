package dev.wirekit.chat.internal;

import java.time.InstantSource;

/**
 * A token bucket: holds up to {@code burst} tokens, refilled at {@code rate} per second by the
 * injected clock. Not thread-safe: one per client, used from that client's serial callbacks.
 */
public final class TokenBucket {
    private final double burst;
    private final double ratePerNano;
    private final InstantSource clock;
    private double tokens;
    private long last;

    public TokenBucket(int burst, double ratePerSecond, InstantSource clock) {
        this.burst = burst;
        this.ratePerNano = ratePerSecond / 1e9;
        this.clock = clock;
        this.tokens = burst;
        this.last = nanos();
    }

    /** Takes a token if there is one. */
    public boolean tryTake() {
        refill();
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }

    /** Whole seconds until the next token (at least 1 when none is there now). */
    public long secondsUntilNext() {
        refill();
        return tokens >= 1 ? 0 : Math.max(1, (long) Math.ceil((1 - tokens) / ratePerNano / 1e9));
    }

    private void refill() {
        long now = nanos();
        if (now > last) {
            tokens = Math.min(burst, tokens + (now - last) * ratePerNano);
        }
        last = now;
    }

    private long nanos() {
        java.time.Instant i = clock.instant();
        return i.getEpochSecond() * 1_000_000_000L + i.getNano();
    }
}
