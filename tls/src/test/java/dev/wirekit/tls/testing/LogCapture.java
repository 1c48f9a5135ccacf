package dev.wirekit.tls.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Captures what a {@code System.Logger} (backed by java.util.logging) writes, so tests can assert on
 * the one log line a failure produces. Close to detach.
 */
public final class LogCapture extends Handler implements AutoCloseable {
    private final Logger logger;
    private final List<LogRecord> records = new ArrayList<>();

    private LogCapture(String name) {
        this.logger = Logger.getLogger(name);
        setLevel(Level.ALL);
        logger.addHandler(this);
    }

    /** Captures the connection log ({@code dev.wirekit.connection}). */
    public static LogCapture connections() {
        return new LogCapture("dev.wirekit.connection");
    }

    /** Captures the TLS module's own log ({@code dev.wirekit.tls}). */
    public static LogCapture tls() {
        return new LogCapture("dev.wirekit.tls");
    }

    @Override
    public synchronized void publish(LogRecord record) {
        records.add(record);
        notifyAll();
    }

    /** The formatted messages so far. */
    public synchronized List<String> lines() {
        List<String> out = new ArrayList<>();
        for (LogRecord r : records) {
            out.add(r.getLevel() + " " + r.getMessage());
        }
        return out;
    }

    /** The lines that satisfy {@code filter}. */
    public List<String> lines(Predicate<String> filter) {
        return lines().stream().filter(filter).toList();
    }

    /** Waits until a line satisfies {@code filter}; returns it, or fails listing what was logged. */
    public synchronized String await(Predicate<String> filter, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            for (String line : lines()) {
                if (filter.test(line)) {
                    return line;
                }
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("no matching log line within " + timeout + "; logged: " + lines());
            }
            wait(Math.max(1, left / 1_000_000));
        }
    }

    @Override
    public void flush() {}

    @Override
    public void close() {
        logger.removeHandler(this);
    }
}
