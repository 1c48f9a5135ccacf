package dev.wirekit.testkit;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * The timeouts every verification uses, in one place, and helpers that wait on conditions rather
 * than sleeping. The default wait is 15 s, generous for slow shared CI machines; set the system
 * property {@code wirekit.testkit.timeout} (for example {@code 30s}) to change it.
 */
public class TestEnvironment {
    private final Duration timeout;

    public TestEnvironment() {
        String configured = System.getProperty("wirekit.testkit.timeout");
        this.timeout = configured == null
                ? Duration.ofSeconds(15)
                : dev.wirekit.spi.OptionValues.parseDuration("wirekit.testkit.timeout", configured);
    }

    public TestEnvironment(Duration timeout) {
        this.timeout = timeout;
    }

    /** How long any single wait may take before the rule fails. */
    public Duration timeout() {
        return timeout;
    }

    /** Waits for {@code latch}; fails naming {@code what} when the timeout passes. */
    public void await(String what, CountDownLatch latch) {
        try {
            if (!latch.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("timed out after " + timeout + " waiting for " + what);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted waiting for " + what, e);
        }
    }

    /** The value of {@code future}; fails naming {@code what} when the timeout passes. */
    public <T> T await(String what, Future<T> future) throws Exception {
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("timed out after " + timeout + " waiting for " + what);
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw e;
        }
    }

    /**
     * Polls {@code condition} until it holds, backing off from 50 µs to 10 ms between polls; fails
     * naming {@code what} when the timeout passes. For state that has no event to wait on (a
     * counter in server statistics).
     */
    public void awaitTrue(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        long pause = 50_000;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("timed out after " + timeout + " waiting for " + what);
            }
            LockSupport.parkNanos(pause);
            pause = Math.min(pause * 2, 10_000_000);
        }
    }
}
