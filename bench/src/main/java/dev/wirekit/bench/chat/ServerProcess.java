package dev.wirekit.bench.chat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A chat server in its own process: Wirekit's in a JVM from this class path, or ngircd. */
final class ServerProcess implements AutoCloseable {
    final Process process;
    final InetSocketAddress address;
    private final PrintWriter in;
    private final Path dir;

    private ServerProcess(Process process, InetSocketAddress address, Path dir) {
        this.process = process;
        this.address = address;
        this.in = new PrintWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8), true);
        this.dir = dir;
    }

    /**
     * Wirekit's chat server on transport {@code transport}, same JVM flags as the echo benchmark's
     * servers. {@code transport@label} runs it from the class path in {@code -Dchat.classpath.label}
     * instead of the benchmark's own: an older build, to compare before and after in one run.
     */
    static ServerProcess wirekit(String server) throws IOException {
        int at = server.indexOf('@');
        String transport = at < 0 ? server : server.substring(0, at);
        String classPath = at < 0
                ? System.getProperty("java.class.path")
                : System.getProperty("chat.classpath." + server.substring(at + 1));
        if (classPath == null) {
            throw new IllegalArgumentException("-Dchat.classpath." + server.substring(at + 1) + " is not set");
        }
        List<String> command = new java.util.ArrayList<>(List.of(
                ProcessHandle.current().info().command().orElse("java"), "-Xms256m", "-Xmx1g", "-XX:+UseParallelGC"));
        String jfr = System.getProperty("bench.jfr"); // -Dbench.jfr=DIR records a profile of each Wirekit server
        if (jfr != null) {
            command.add("-XX:StartFlightRecording=settings=profile,filename=" + jfr + "/chat-"
                    + server.replace('@', '-') + ".jfr");
        }
        command.addAll(List.of("-cp", classPath, ChatServerMain.class.getName(), transport));
        Process p = new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        while (line != null && !line.startsWith("PORT ")) {
            line = out.readLine(); // the JVM's own notices (JFR) come first
        }
        if (line == null) {
            p.destroyForcibly();
            throw new IOException("the Wirekit chat server did not start: " + line);
        }
        return new ServerProcess(p, new InetSocketAddress("127.0.0.1", Integer.parseInt(line.substring(5))), null);
    }

    /** ngircd (Debian package ngircd) in the foreground, with a temp configuration. */
    static ServerProcess ngircd() throws IOException, InterruptedException {
        Path binary = Path.of("/usr/sbin/ngircd");
        if (!Files.isExecutable(binary)) {
            throw new IOException("ngircd is not installed (Debian package ngircd)");
        }
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        Path dir = Files.createTempDirectory("wirekit-bench-ngircd");
        Path conf = dir.resolve("ngircd.conf");
        Files.write(
                conf,
                List.of(
                        "[Global]",
                        "Name = bench.ngircd",
                        "Info = Wirekit benchmark peer",
                        "AdminInfo1 = Wirekit benchmark",
                        "Listen = 127.0.0.1",
                        "Ports = " + port,
                        "[Limits]",
                        "MaxConnections = 0",
                        "MaxConnectionsIP = 0",
                        "MaxJoins = 50",
                        "MaxNickLength = 30",
                        "MaxPenaltyTime = 0",
                        "PingTimeout = 600",
                        "[Options]",
                        "DNS = no",
                        "Ident = no",
                        "PAM = no"));
        Process p = new ProcessBuilder(binary.toString(), "-n", "-f", conf.toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("ngircd.log").toFile())
                .start();
        InetSocketAddress address = new InetSocketAddress("127.0.0.1", port);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (true) {
            try (Socket s = new Socket()) {
                s.connect(address, 1000);
                return new ServerProcess(p, address, dir);
            } catch (IOException notYet) {
                if (!p.isAlive() || System.nanoTime() > deadline) {
                    p.destroyForcibly();
                    throw new IOException("ngircd did not start: " + Files.readString(dir.resolve("ngircd.log")));
                }
                Thread.sleep(50);
            }
        }
    }

    /** The server's CPU time so far, in seconds (from /proc), or NaN where there is none. */
    double cpuSeconds() {
        return process.info().totalCpuDuration().map(d -> d.toNanos() / 1e9).orElse(Double.NaN);
    }

    @Override
    public void close() throws Exception {
        in.println("quit");
        in.close();
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        if (dir != null) {
            try (var files = Files.list(dir)) {
                for (Path f : files.toList()) {
                    Files.deleteIfExists(f);
                }
            }
            Files.deleteIfExists(dir);
        }
    }
}
