package dev.wirekit.cli;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A {@code wirekit} command running in its own JVM, as a user starts it; killed when closed. */
final class CliProcess implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("listening on (.*) \\(");

    final Process process;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

    private CliProcess(Process process) {
        this.process = process;
        Thread.ofVirtual().start(() -> {
            try (BufferedReader r =
                    new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    lines.add(line);
                }
            } catch (IOException ignored) {
                // the process ended
            }
        });
    }

    /** Starts {@code wirekit args...} on the class path of this test. */
    static CliProcess start(String... args) throws IOException {
        return start(List.of("-cp", System.getProperty("java.class.path"), "dev.wirekit.cli.Main"), args);
    }

    /** The {@code java} launcher of the JVM running this test. */
    private static String java() {
        return System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
    }

    /** Starts a JVM with {@code launch} (class path or module path and main) and then {@code args}. */
    static CliProcess start(List<String> launch, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(java());
        command.addAll(launch);
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        return new CliProcess(pb.start());
    }

    /**
     * Starts {@code wirekit args...} on the class path of this test in a shell that first lowers the
     * limit of open files to {@code maxOpenFiles} ({@code ulimit -n}), as a crowded host would.
     */
    static CliProcess startWithOpenFileLimit(int maxOpenFiles, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                "bash",
                "-c",
                "ulimit -n " + maxOpenFiles + " && exec \"$0\" \"$@\"",
                java(),
                "-cp",
                System.getProperty("java.class.path"),
                "dev.wirekit.cli.Main"));
        command.addAll(List.of(args));
        return new CliProcess(
                new ProcessBuilder(command).redirectErrorStream(true).start());
    }

    /** The next line of output that contains {@code text}, skipping others; fails after {@code timeout}. */
    String awaitLineContaining(String text, Duration timeout) throws InterruptedException {
        return awaitLine(line -> line.contains(text), "no line with \"" + text + "\" within " + timeout, timeout);
    }

    /** The next line of output that {@code wanted} accepts, skipping others; fails after {@code timeout}. */
    private String awaitLine(java.util.function.Predicate<String> wanted, String failure, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        StringBuilder seen = new StringBuilder();
        while (System.nanoTime() < deadline) {
            String line = lines.poll(Math.max(1, (deadline - System.nanoTime()) / 1_000_000), TimeUnit.MILLISECONDS);
            if (line == null) {
                break;
            }
            if (wanted.test(line)) {
                return line;
            }
            seen.append(line).append('\n');
        }
        throw new AssertionError("wirekit printed " + failure + "; it printed:\n" + seen);
    }

    /** The next line of output, failing after {@code timeout}. */
    String nextLine(Duration timeout) throws InterruptedException {
        String line = lines.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (line == null) {
            throw new AssertionError("no output from wirekit within " + timeout);
        }
        return line;
    }

    /** Waits for the "listening on ..." line and returns the endpoints it names ("tcp 127.0.0.1:4242"). */
    List<String> awaitListening(Duration timeout) throws InterruptedException {
        String line =
                awaitLine(l -> LISTENING.matcher(l).find(), "no \"listening on\" line within " + timeout, timeout);
        Matcher m = LISTENING.matcher(line);
        m.find();
        return List.of(m.group(1).split(", "));
    }

    /** Everything printed until the process exits; fails if it runs longer than {@code timeout}. */
    String outputUntilExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("wirekit did not exit within " + timeout);
        }
        StringBuilder sb = new StringBuilder();
        String line;
        while ((line = lines.poll(2, TimeUnit.SECONDS)) != null) {
            sb.append(line).append('\n');
        }
        return sb.toString();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
