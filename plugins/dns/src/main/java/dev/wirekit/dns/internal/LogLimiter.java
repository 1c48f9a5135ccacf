package dev.wirekit.dns.internal;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * One log line per interval at most, with a count of the lines held back since the last one: bad
 * input arriving in a flood must not flood the log too. One instance per kind of event, per server.
 */
public final class LogLimiter {
    private static final long INTERVAL_NANOS = 1_000_000_000L;

    private final System.Logger log;
    private final System.Logger.Level level;
    private final AtomicLong next = new AtomicLong(System.nanoTime());
    private final AtomicLong suppressed = new AtomicLong();

    public LogLimiter(System.Logger log, System.Logger.Level level) {
        this.log = log;
        this.level = level;
    }

    public void log(Supplier<String> message) {
        if (!log.isLoggable(level)) {
            return;
        }
        long now = System.nanoTime();
        long at = next.get();
        if (now - at >= 0 && next.compareAndSet(at, now + INTERVAL_NANOS)) {
            long more = suppressed.getAndSet(0);
            log.log(level, message.get() + (more > 0 ? " (and " + more + " more like it in the last second)" : ""));
        } else {
            suppressed.incrementAndGet();
        }
    }
}
