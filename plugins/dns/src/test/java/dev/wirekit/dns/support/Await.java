package dev.wirekit.dns.support;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Polls a condition until it holds or a generous deadline passes: waiting without sleeping blindly. */
public final class Await {
    private Await() {}

    public static void until(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            Thread.onSpinWait();
            Thread.yield();
        }
    }
}
