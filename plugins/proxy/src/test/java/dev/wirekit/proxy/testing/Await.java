package dev.wirekit.proxy.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits for a condition with a deadline, without sleeping blindly. */
public final class Await {
    private Await() {}

    /** Polls {@code condition} every few milliseconds until it holds or {@code timeout} passes. */
    public static void until(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Object monitor = new Object();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout + " waiting for: " + what);
            }
            synchronized (monitor) {
                monitor.wait(5);
            }
        }
    }
}
