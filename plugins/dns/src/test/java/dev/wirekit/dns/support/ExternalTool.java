package dev.wirekit.dns.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs command-line peers (dig, dnsmasq, dnsperf) found on the PATH, always with a deadline. */
public final class ExternalTool {
    private ExternalTool() {}

    /** True when {@code name} is an executable on the PATH (or in /usr/sbin, where dnsmasq lives). */
    public static boolean available(String name) {
        return find(name) != null;
    }

    /** The executable's path, or null. */
    public static Path find(String name) {
        List<String> dirs =
                new ArrayList<>(List.of(System.getenv().getOrDefault("PATH", "").split(":")));
        dirs.add("/usr/sbin");
        dirs.add("/sbin");
        for (String dir : dirs) {
            if (dir.isEmpty()) {
                continue;
            }
            Path p = Path.of(dir, name);
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }

    /** What a finished command printed, and its exit code. */
    public record Result(int exitCode, String out, String err) {}

    /**
     * Runs {@code command} to completion, killing it after {@code timeoutSeconds}.
     *
     * @throws AssertionError when it does not finish in time
     */
    public static Result run(List<String> command, long timeoutSeconds) throws IOException, InterruptedException {
        Path out = Files.createTempFile("wirekit-tool", ".out");
        Path err = Files.createTempFile("wirekit-tool", ".err");
        try {
            Process p = new ProcessBuilder(command)
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile())
                    .start();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                p.waitFor(10, TimeUnit.SECONDS);
                throw new AssertionError(String.join(" ", command) + " did not finish in " + timeoutSeconds + " s");
            }
            return new Result(
                    p.exitValue(),
                    Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
