package dev.wirekit.bench.http;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Runs wrk (Debian package {@code wrk}) and reads its requests/s and transfer/s. */
final class Wrk {
    private static final Pattern RPS = Pattern.compile("Requests/sec:\\s+([0-9.]+)");
    private static final Pattern TRANSFER = Pattern.compile("Transfer/sec:\\s+([0-9.]+)([KMG]?B)");
    private static final Pattern ERRORS = Pattern.compile("Non-2xx or 3xx responses: (\\d+)|Socket errors: (.*)");

    /** What one run measured. */
    record Result(double requestsPerSecond, double bytesPerSecond, String errors) {}

    private Wrk() {}

    /**
     * Runs {@code wrk -t threads -c connections -d duration url}, with a Lua script that sends the
     * absolute-form {@code proxyTarget} when it is not null (requests through a proxy).
     */
    static Result run(String url, int threads, int connections, Duration duration, String proxyTarget, Path work)
            throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(
                "wrk", "-t" + threads, "-c" + connections, "-d" + duration.toSeconds() + "s", "--timeout", "10s"));
        if (proxyTarget != null) {
            Path script = work.resolve("proxy.lua");
            Files.writeString(script, "wrk.path = \"" + proxyTarget + "\"\n");
            cmd.add("-s");
            cmd.add(script.toString());
        }
        cmd.add(url);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(duration.toSeconds() + 60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("wrk failed: " + out);
        }
        Matcher rps = RPS.matcher(out);
        Matcher transfer = TRANSFER.matcher(out);
        if (!rps.find() || !transfer.find()) {
            throw new IOException("cannot read wrk's output: " + out);
        }
        double scale = switch (transfer.group(2).toUpperCase(Locale.ROOT)) {
            case "KB" -> 1024;
            case "MB" -> 1024 * 1024;
            case "GB" -> 1024.0 * 1024 * 1024;
            default -> 1;
        };
        StringBuilder errors = new StringBuilder();
        Matcher e = ERRORS.matcher(out);
        while (e.find()) {
            errors.append(e.group().strip()).append("; ");
        }
        return new Result(
                Double.parseDouble(rps.group(1)), Double.parseDouble(transfer.group(1)) * scale, errors.toString());
    }
}
