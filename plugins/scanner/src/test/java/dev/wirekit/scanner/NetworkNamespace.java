package dev.wirekit.scanner;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * A network namespace made for one test class: {@code wk-scan-<random>}, joined to the root
 * namespace by a veth pair with a private /30 (10.200.x.y) and an IPv6 /126 (fd57:...), so the test
 * JVM reaches it while nothing else on the machine is touched. Listeners are started inside with
 * {@code ip netns exec}. {@link #close()} stops them and deletes the namespace (and with it the
 * veth pair).
 */
final class NetworkNamespace implements AutoCloseable {
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(30);

    final String name;
    final InetAddress hostSide;
    final InetAddress inside;
    final InetAddress inside6;
    final Path dir;
    private final String hostLink;
    private final List<Process> processes = new ArrayList<>();
    private boolean closed;

    private NetworkNamespace(
            String name, String hostLink, InetAddress hostSide, InetAddress inside, InetAddress inside6)
            throws IOException {
        this.name = name;
        this.hostLink = hostLink;
        this.hostSide = hostSide;
        this.inside = inside;
        this.inside6 = inside6;
        this.dir = Files.createTempDirectory(name + "-");
    }

    /** Why namespaces cannot be used here, or empty when they can. */
    static Optional<String> unavailable() {
        if (!isRoot()) {
            return Optional.of("network namespaces need root (CI runs as root); skipped");
        }
        for (String tool : List.of("ip", "ss")) {
            if (!onPath(tool)) {
                return Optional.of("'" + tool + "' (iproute2) is not installed; skipped");
            }
        }
        return Optional.empty();
    }

    static boolean onPath(String tool) {
        for (String dir : System.getenv()
                .getOrDefault("PATH", "/usr/bin:/bin:/usr/sbin:/sbin")
                .split(":")) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return Files.isExecutable(Path.of("/usr/sbin", tool)) || Files.isExecutable(Path.of("/sbin", tool));
    }

    private static boolean isRoot() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Uid:")) {
                    return line.split("\\s+")[1].equals("0");
                }
            }
        } catch (IOException e) {
            return false;
        }
        return false;
    }

    /** Creates a namespace with a free address pair. */
    static NetworkNamespace create() throws IOException, InterruptedException {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int attempt = 0; attempt < 10; attempt++) {
            String id = HexFormat.of().toHexDigits(random.nextInt());
            int x = random.nextInt(256);
            int y = random.nextInt(64) * 4;
            InetAddress host = InetAddress.getByName("10.200." + x + "." + (y + 1));
            if (run("ip", "-4", "-o", "addr", "show").contains(" " + host.getHostAddress() + "/")) {
                continue; // another namespace took this pair
            }
            String name = "wk-scan-" + id;
            String hostLink = "wks" + id;
            String v6 = "fd57:776b:" + HexFormat.of().toHexDigits((short) x) + ":"
                    + HexFormat.of().toHexDigits((short) y) + "::";
            NetworkNamespace ns = new NetworkNamespace(
                    name,
                    hostLink,
                    host,
                    InetAddress.getByName("10.200." + x + "." + (y + 2)),
                    InetAddress.getByName(v6 + "2"));
            try {
                run("ip", "netns", "add", name);
                run("ip", "link", "add", hostLink, "type", "veth", "peer", "name", "wkn" + id);
                run("ip", "link", "set", "wkn" + id, "netns", name);
                run("ip", "addr", "add", host.getHostAddress() + "/30", "dev", hostLink);
                run("ip", "-6", "addr", "add", v6 + "1/126", "dev", hostLink, "nodad");
                run("ip", "link", "set", hostLink, "up");
                run("ip", "-n", name, "link", "set", "lo", "up");
                run("ip", "-n", name, "addr", "add", ns.inside.getHostAddress() + "/30", "dev", "wkn" + id);
                run("ip", "-n", name, "-6", "addr", "add", v6 + "2/126", "dev", "wkn" + id, "nodad");
                run("ip", "-n", name, "link", "set", "wkn" + id, "up");
            } catch (IOException | RuntimeException e) {
                ns.close();
                throw e;
            }
            Runtime.getRuntime().addShutdownHook(new Thread(ns::close));
            return ns;
        }
        throw new IOException("no free 10.200.x.y/30 found for a test namespace");
    }

    /** Runs {@code command} inside the namespace and waits for it; its output, or an exception. */
    String exec(String... command) throws IOException, InterruptedException {
        List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", name));
        full.addAll(List.of(command));
        return run(full.toArray(String[]::new));
    }

    /** Starts {@code command} inside the namespace; it is stopped by {@link #close()}. */
    synchronized Process start(String label, String... command) throws IOException {
        List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", name));
        full.addAll(List.of(command));
        Process p = new ProcessBuilder(full)
                .redirectOutput(dir.resolve(label + ".out").toFile())
                .redirectError(dir.resolve(label + ".err").toFile())
                .start();
        processes.add(p);
        return p;
    }

    /** Waits until something inside listens on TCP {@code port}. */
    void awaitListening(int port, Process process) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + COMMAND_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("the listener for port " + port + " exited: "
                        + process.info().commandLine().orElse("?"));
            }
            String listening = exec("ss", "-Htln", "sport = :" + port);
            if (!listening.isBlank()) {
                return;
            }
            process.waitFor(50, TimeUnit.MILLISECONDS); // poll: wakes early if the listener dies
        }
        throw new IOException("nothing listens on port " + port + " after " + COMMAND_TIMEOUT);
    }

    /** Runs a command in the root namespace; its standard output, or an exception with its errors. */
    static String run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException(String.join(" ", command) + " did not finish in " + COMMAND_TIMEOUT);
        }
        String text = new String(out, StandardCharsets.UTF_8);
        if (p.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed (" + p.exitValue() + "): " + text.strip());
        }
        return text;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (Process p : processes) {
            p.descendants().forEach(ProcessHandle::destroy);
            p.destroy();
        }
        for (Process p : processes) {
            try {
                if (!p.waitFor(5, TimeUnit.SECONDS)) {
                    p.descendants().forEach(ProcessHandle::destroyForcibly);
                    p.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            // any process left inside (a forked child) is killed with the namespace's pids
            for (String pid : run("ip", "netns", "pids", name).split("\\s+")) {
                if (!pid.isBlank()) {
                    ProcessHandle.of(Long.parseLong(pid.trim())).ifPresent(ProcessHandle::destroyForcibly);
                }
            }
        } catch (IOException | InterruptedException | RuntimeException ignored) {
            // the namespace may not exist
        }
        try {
            run("ip", "netns", "del", name);
        } catch (IOException | InterruptedException ignored) {
            // already gone, or never made
        }
        try {
            run("ip", "link", "del", hostLink);
        } catch (IOException | InterruptedException ignored) {
            // deleting the namespace took the veth pair with it
        }
    }
}
