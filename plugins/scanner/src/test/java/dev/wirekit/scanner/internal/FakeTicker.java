package dev.wirekit.scanner.internal;

/** Time that moves only when someone waits for it; counts the waits. */
final class FakeTicker implements Ticker {
    private long now;
    private int sleeps;

    FakeTicker(long start) {
        this.now = start;
    }

    synchronized void advance(long nanos) {
        now += nanos;
    }

    synchronized int sleeps() {
        return sleeps;
    }

    @Override
    public synchronized long nanoTime() {
        return now;
    }

    @Override
    public synchronized void sleepUntil(long deadline) {
        sleeps++;
        now = Math.max(now, deadline);
    }
}
