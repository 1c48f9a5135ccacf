package dev.wirekit.scanner.internal;

import java.util.concurrent.locks.LockSupport;

/** Monotonic time and waiting on it; tests replace it with a clock that moves only when told. */
public interface Ticker {

    /** Nanoseconds from an arbitrary origin, like {@link System#nanoTime()}. */
    long nanoTime();

    /** Waits until {@link #nanoTime()} reaches {@code deadline}. */
    void sleepUntil(long deadline) throws InterruptedException;

    /** The system's monotonic clock, waiting by parking the thread. */
    static Ticker system() {
        return new Ticker() {
            @Override
            public long nanoTime() {
                return System.nanoTime();
            }

            @Override
            public void sleepUntil(long deadline) throws InterruptedException {
                long left;
                while ((left = deadline - System.nanoTime()) > 0) {
                    LockSupport.parkNanos(this, left);
                    if (Thread.interrupted()) {
                        throw new InterruptedException();
                    }
                }
            }
        };
    }
}
