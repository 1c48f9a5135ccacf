package dev.wirekit.http.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the curl command line (Debian package {@code curl}); tests skip when it is missing. */
public final class Curl {
    private Curl() {}

    /** What one curl run produced. */
    public record Result(int exit, String out, String err) {}

    public static void assumeInstalled() {
        assumeTrue(Tools.installed("curl"), "curl is not installed (Debian package curl)");
    }

    /** Runs {@code curl -sS --max-time 20 args...}; waits at most 30 s. */
    public static Result run(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("curl", "-sS", "--max-time", "20"));
        command.addAll(List.of(args));
        Path out = Files.createTempFile("curl", ".out");
        Path err = Files.createTempFile("curl", ".err");
        try {
            Process p = new ProcessBuilder(command)
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .start();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("curl did not finish within 30 s: " + command);
            }
            return new Result(p.exitValue(), Files.readString(out, StandardCharsets.ISO_8859_1), Files.readString(err));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
