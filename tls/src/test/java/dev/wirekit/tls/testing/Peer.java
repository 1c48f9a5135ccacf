package dev.wirekit.tls.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * An external program started by a test (openssl s_client/s_server): its output lines are
 * collected as they come, so a test can wait for a line with a deadline. Closing destroys it.
 */
public final class Peer implements AutoCloseable {
    private final Process process;
    private final LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final List<String> seen = java.util.Collections.synchronizedList(new ArrayList<>());

    private Peer(Process process) {
        this.process = process;
        pump(process.getInputStream(), "out: ");
        pump(process.getErrorStream(), "err: ");
    }

    /** True when {@code command} can be run (found on the PATH). */
    public static boolean available(String command) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, command))) {
                return true;
            }
        }
        return false;
    }

    public static Peer start(List<String> command) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command);
        return new Peer(pb.start());
    }

    private void pump(InputStream in, String prefix) {
        Thread.ofVirtual().start(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    lines.add(prefix + line);
                    seen.add(prefix + line);
                }
            } catch (IOException ignored) {
                // the process ended
            }
        });
    }

    /** Waits for an output line (prefixed {@code out: } or {@code err: }) matching {@code filter}. */
    public String await(Predicate<String> filter, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            String line = left > 0 ? lines.poll(left, TimeUnit.NANOSECONDS) : null;
            if (line == null) {
                throw new AssertionError("no matching line within " + timeout + "; the peer said: " + seen);
            }
            if (filter.test(line)) {
                return line;
            }
        }
    }

    /** Everything the peer printed so far. */
    public List<String> output() {
        synchronized (seen) {
            return List.copyOf(seen);
        }
    }

    public OutputStream stdin() {
        return process.getOutputStream();
    }

    public void send(String text) throws IOException {
        process.getOutputStream().write(text.getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().flush();
    }

    /** Waits for the process to exit; returns its status, or fails after {@code timeout}. */
    public int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("the peer did not exit within " + timeout + "; it said: " + seen);
        }
        return process.exitValue();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
