package dev.wirekit.bench.scanner;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * A network namespace for the benchmark: {@code wk-scanb-<random>}, a veth pair to the root
 * namespace with a private /30 in 10.201.0.0/16, listeners started inside, all removed by close().
 */
final class Namespace implements AutoCloseable {
    final String name;
    final InetAddress inside;
    final Path dir;
    private final String hostLink;
    private final List<Process> processes = new ArrayList<>();

    private Namespace(String name, String hostLink, InetAddress inside) throws IOException {
        this.name = name;
        this.hostLink = hostLink;
        this.inside = inside;
        this.dir = Files.createTempDirectory(name + "-");
    }

    static Namespace create() throws IOException, InterruptedException {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        String id = HexFormat.of().toHexDigits(random.nextInt());
        int x = random.nextInt(256);
        int y = random.nextInt(64) * 4;
        String host = "10.201." + x + "." + (y + 1);
        Namespace ns =
                new Namespace("wk-scanb-" + id, "wkb" + id, InetAddress.getByName("10.201." + x + "." + (y + 2)));
        try {
            run("ip", "netns", "add", ns.name);
            run("ip", "link", "add", ns.hostLink, "type", "veth", "peer", "name", "wkc" + id);
            run("ip", "link", "set", "wkc" + id, "netns", ns.name);
            run("ip", "addr", "add", host + "/30", "dev", ns.hostLink);
            run("ip", "link", "set", ns.hostLink, "up");
            run("ip", "-n", ns.name, "link", "set", "lo", "up");
            run("ip", "-n", ns.name, "addr", "add", ns.inside.getHostAddress() + "/30", "dev", "wkc" + id);
            run("ip", "-n", ns.name, "link", "set", "wkc" + id, "up");
        } catch (IOException | RuntimeException e) {
            ns.close();
            throw e;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(ns::close));
        return ns;
    }

    /** Starts {@code command} inside and waits until something listens on {@code port}. */
    void listen(int port, String... command) throws IOException, InterruptedException {
        List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", name));
        full.addAll(List.of(command));
        Process p = new ProcessBuilder(full)
                .redirectOutput(dir.resolve(port + ".out").toFile())
                .redirectError(dir.resolve(port + ".err").toFile())
                .start();
        processes.add(p);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (run("ip", "netns", "exec", name, "ss", "-Htln", "sport = :" + port)
                .isBlank()) {
            if (!p.isAlive() || System.nanoTime() > deadline) {
                throw new IOException("the listener on port " + port + " did not start: " + String.join(" ", command));
            }
            p.waitFor(20, TimeUnit.MILLISECONDS);
        }
    }

    static String run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IOException(String.join(" ", command) + " failed: " + new String(out, StandardCharsets.UTF_8));
        }
        return new String(out, StandardCharsets.UTF_8);
    }

    @Override
    public synchronized void close() {
        for (Process p : processes) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
        processes.clear();
        try {
            for (String pid : run("ip", "netns", "pids", name).split("\\s+")) {
                if (!pid.isBlank()) {
                    ProcessHandle.of(Long.parseLong(pid.trim())).ifPresent(ProcessHandle::destroyForcibly);
                }
            }
            run("ip", "netns", "del", name);
        } catch (IOException | InterruptedException | RuntimeException ignored) {
            // already gone
        }
    }
}
