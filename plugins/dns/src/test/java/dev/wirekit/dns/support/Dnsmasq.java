package dev.wirekit.dns.support;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real dnsmasq (Debian package {@code dnsmasq-base}) on a loopback port with a temporary
 * configuration, in the foreground, stopped by {@link #close()}. It serves local records only: no
 * upstream servers, no /etc/hosts, nothing read from /etc.
 */
public final class Dnsmasq implements AutoCloseable {
    private final Process process;
    private final Path dir;
    private final int port;

    private Dnsmasq(Process process, Path dir, int port) {
        this.process = process;
        this.dir = dir;
        this.port = port;
    }

    /** Skips the calling test when dnsmasq is not installed. */
    public static void assumeInstalled() {
        assumeTrue(ExternalTool.available("dnsmasq"), "dnsmasq is not installed (Debian package dnsmasq-base)");
    }

    /**
     * Starts dnsmasq with {@code configLines} (dnsmasq.conf syntax: {@code host-record=...},
     * {@code txt-record=...}, {@code local=/example.test/}) and waits until it answers.
     */
    public static Dnsmasq start(List<String> configLines) throws IOException, InterruptedException {
        assumeInstalled();
        Path dir = Files.createTempDirectory("wirekit-dnsmasq");
        Path conf = dir.resolve("dnsmasq.conf");
        Files.write(conf, configLines, StandardCharsets.UTF_8);
        IOException last = null;
        for (int attempt = 0; attempt < 5; attempt++) {
            int port = FreePort.udpAndTcp();
            List<String> cmd = new ArrayList<>(List.of(
                    ExternalTool.find("dnsmasq").toString(),
                    "--keep-in-foreground",
                    "--conf-file=" + conf,
                    "--port=" + port,
                    "--listen-address=127.0.0.1",
                    "--bind-interfaces",
                    "--no-resolv",
                    "--no-hosts",
                    "--no-poll",
                    "--user=root",
                    "--pid-file=" + dir.resolve("pid"),
                    "--log-facility=-"));
            Process p = new ProcessBuilder(cmd)
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve("log").toFile())
                    .start();
            Dnsmasq d = new Dnsmasq(p, dir, port);
            if (d.awaitReady()) {
                return d;
            }
            String log = Files.exists(dir.resolve("log")) ? Files.readString(dir.resolve("log")) : "";
            d.close(false);
            last = new IOException("dnsmasq did not start on port " + port + ": " + log);
        }
        deleteQuietly(dir);
        throw last;
    }

    /** Polls with a real query until dnsmasq answers (or exits), for at most 10 s. */
    private boolean awaitReady() throws IOException {
        byte[] query = {0x12, 0x34, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 1}; // ". A"
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        try (DatagramSocket s = new DatagramSocket()) {
            s.setSoTimeout(100);
            while (System.nanoTime() < deadline && process.isAlive()) {
                s.send(new DatagramPacket(query, query.length, new InetSocketAddress("127.0.0.1", port)));
                try {
                    DatagramPacket reply = new DatagramPacket(new byte[512], 512);
                    s.receive(reply);
                    return true;
                } catch (SocketTimeoutException | java.net.PortUnreachableException notYet) {
                    // not listening yet
                }
            }
        }
        return false;
    }

    public int port() {
        return port;
    }

    public InetSocketAddress address() {
        return new InetSocketAddress("127.0.0.1", port);
    }

    @Override
    public void close() {
        close(true);
    }

    private void close(boolean deleteDir) {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        if (deleteDir) {
            deleteQuietly(dir);
        }
    }

    private static void deleteQuietly(Path dir) {
        try (var files = Files.list(dir)) {
            for (Path f : files.toList()) {
                Files.deleteIfExists(f);
            }
            Files.deleteIfExists(dir);
        } catch (IOException ignored) {
            // a temp directory left behind is harmless
        }
    }
}
