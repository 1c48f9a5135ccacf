package dev.wirekit.bench.echo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Splits the CPUs this process may use between the servers and the load generator, so a server is
 * measured on cores of its own instead of competing with the load it is measured with: the servers
 * start under {@code taskset} on the upper half, this JVM (the load generator) pins itself to the
 * lower half. A pinned server JVM sizes itself to its share (event loops, virtual-thread carriers
 * and GC threads all follow {@code availableProcessors}). Off with {@code -Dbench.pin=false}, and
 * unavailable without Linux, {@code taskset} or at least two CPUs.
 */
record CpuSplit(String generator, String servers, int serverCpus) {

    static Optional<CpuSplit> detect() {
        if (!Boolean.parseBoolean(System.getProperty("bench.pin", "true"))) {
            return Optional.empty();
        }
        List<Integer> cpus = allowedCpus();
        if (cpus.size() < 2 || !hasTaskset()) {
            return Optional.empty();
        }
        int half = cpus.size() / 2;
        return Optional.of(
                new CpuSplit(join(cpus.subList(0, half)), join(cpus.subList(half, cpus.size())), cpus.size() - half));
    }

    /** The command prefix that starts a server on the servers' CPUs. */
    List<String> serverPrefix() {
        return List.of("taskset", "-c", servers);
    }

    /** Pins every thread of this JVM (and those it starts later) to the load generator's CPUs. */
    void pinThisProcess() throws IOException, InterruptedException {
        Process p = new ProcessBuilder(
                        "taskset",
                        "-a",
                        "-cp",
                        generator,
                        Long.toString(ProcessHandle.current().pid()))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        if (p.waitFor() != 0) {
            throw new IOException("taskset could not pin the load generator to CPUs " + generator);
        }
    }

    private static List<Integer> allowedCpus() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Cpus_allowed_list:")) {
                    return parseList(line.substring(line.indexOf(':') + 1).strip());
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, or unreadable: no split
        }
        return List.of();
    }

    /** Parses a Linux CPU list such as {@code 0-3,6,8-9}. */
    static List<Integer> parseList(String list) {
        List<Integer> cpus = new ArrayList<>();
        for (String part : list.split(",")) {
            if (part.isBlank()) {
                continue;
            }
            int dash = part.indexOf('-');
            int from = Integer.parseInt(
                    part.substring(0, dash < 0 ? part.length() : dash).strip());
            int to = dash < 0 ? from : Integer.parseInt(part.substring(dash + 1).strip());
            for (int c = from; c <= to; c++) {
                cpus.add(c);
            }
        }
        return cpus;
    }

    private static String join(List<Integer> cpus) {
        return String.join(",", cpus.stream().map(String::valueOf).toList());
    }

    private static boolean hasTaskset() {
        try {
            return new ProcessBuilder("taskset", "-V")
                            .redirectErrorStream(true)
                            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                            .start()
                            .waitFor()
                    == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
