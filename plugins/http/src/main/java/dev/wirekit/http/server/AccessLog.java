package dev.wirekit.http.server;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * Where the server writes one line per request, in the Common Log Format:
 *
 * <pre>
 * 127.0.0.1 - - [10/Oct/2025:13:55:36 +0000] "GET /index.html HTTP/1.1" 200 2326
 * </pre>
 *
 * <p>Lines are written from many connections' threads at once; implementations must be
 * thread-safe. The server closes its access log when it closes.
 */
public interface AccessLog extends AutoCloseable {

    /** Writes one line (without its line ending). */
    void write(String line);

    /** Releases what the log holds (a file); nothing by default. */
    @Override
    default void close() {}

    /** No access log (the server then does not even format the lines). */
    static AccessLog none() {
        return NoAccessLog.INSTANCE;
    }

    /** Whether lines are written at all; false only for {@link #none()}. */
    default boolean enabled() {
        return true;
    }

    /** Every line to {@code sink} (a test collects them in a list). */
    static AccessLog to(Consumer<String> sink) {
        Objects.requireNonNull(sink, "sink");
        return sink::accept;
    }

    /** Every line to {@code logger} at INFO. */
    static AccessLog toLogger(System.Logger logger) {
        Objects.requireNonNull(logger, "logger");
        return line -> logger.log(System.Logger.Level.INFO, line);
    }

    /**
     * Lines appended to {@code file} (created if absent), each written through to the file before
     * the request completes, so the log is whole even if the process dies.
     *
     * @throws UncheckedIOException when the file cannot be opened for appending
     */
    static AccessLog toFile(Path file) {
        BufferedWriter writer;
        try {
            writer = Files.newBufferedWriter(
                    file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the access log " + file, e);
        }
        ReentrantLock lock = new ReentrantLock();
        System.Logger errors = System.getLogger("dev.wirekit.http.access");
        return new AccessLog() {
            private boolean failed;

            @Override
            public void write(String line) {
                lock.lock();
                try {
                    writer.write(line);
                    writer.write('\n');
                    writer.flush();
                } catch (IOException e) {
                    if (!failed) {
                        failed = true;
                        errors.log(System.Logger.Level.ERROR, "cannot write the access log " + file + ": " + e);
                    }
                } finally {
                    lock.unlock();
                }
            }

            @Override
            public void close() {
                lock.lock();
                try {
                    writer.close();
                } catch (IOException e) {
                    errors.log(System.Logger.Level.WARNING, "closing the access log " + file + ": " + e);
                } finally {
                    lock.unlock();
                }
            }
        };
    }
}
