package dev.wirekit.bench.chat;

/**
 * Delivery latencies in a log-scale histogram (about 1% resolution from 1 µs to minutes): counts
 * without keeping every sample, so a million deliveries cost a few kilobytes. Not thread-safe: one per
 * reader thread, merged at the end.
 */
final class Latencies {
    private static final double BASE = Math.log(1.01);
    private static final int BUCKETS = 2600;

    private final long[] counts = new long[BUCKETS];
    private long total;

    void record(long nanos) {
        double micros = Math.max(1, nanos / 1000.0);
        int bucket = (int) Math.min(BUCKETS - 1, Math.log(micros) / BASE);
        counts[bucket]++;
        total++;
    }

    void add(Latencies other) {
        for (int i = 0; i < BUCKETS; i++) {
            counts[i] += other.counts[i];
        }
        total += other.total;
    }

    long count() {
        return total;
    }

    /** The latency below which {@code fraction} of the samples fall, in milliseconds. */
    double percentileMillis(double fraction) {
        if (total == 0) {
            return Double.NaN;
        }
        long wanted = (long) Math.ceil(fraction * total);
        long seen = 0;
        for (int i = 0; i < BUCKETS; i++) {
            seen += counts[i];
            if (seen >= wanted) {
                return Math.exp((i + 1) * BASE) / 1000.0;
            }
        }
        return Double.POSITIVE_INFINITY;
    }
}
