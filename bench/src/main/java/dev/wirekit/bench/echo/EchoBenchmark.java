package dev.wirekit.bench.echo;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Echo throughput of Wirekit NIO, Wirekit blocking and Netty 4.2's NIO echo server, side by side in
 * one run, with the same load generator; prints a table and the ratios the issue sets targets for
 * (NIO >= 1.0x Netty on every load; blocking >= 0.8x NIO). Then the idle cost: heap growth of the
 * Wirekit NIO server holding 10,000 idle connections.
 *
 * <p>Each server runs in its own JVM with the same flags; the load generator runs here. Arguments:
 * {@code [seconds per load, default 8] [connections, default 50]}. Server loops: 2 (one per core).
 */
public final class EchoBenchmark {
    private static final String[] SERVERS = {"wirekit-nio", "wirekit-blocking", "netty"};

    private record Load(String name, int size, int depth) {}

    private static final Load[] LOADS = {
        new Load("ping-pong 64 B", 64, 1),
        new Load("pipelined 64 B (x16)", 64, 16),
        new Load("ping-pong 64 KiB", 64 * 1024, 1),
        new Load("pipelined 64 KiB (x4)", 64 * 1024, 4),
    };

    public static void main(String[] args) throws Exception {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 8;
        int connections = args.length > 1 ? Integer.parseInt(args[1]) : 50;
        Map<String, Map<String, LoadGenerator.Result>> results = new LinkedHashMap<>();
        for (String server : SERVERS) {
            try (ServerProcess p = ServerProcess.start(server)) {
                Map<String, LoadGenerator.Result> perLoad = new LinkedHashMap<>();
                for (Load load : LOADS) {
                    LoadGenerator.Result r =
                            LoadGenerator.run(p.address, connections, load.size(), load.depth(), 2, seconds);
                    perLoad.put(load.name(), r);
                    System.err.printf(
                            Locale.ROOT,
                            "%-17s %-22s %,12.0f msg/s %,9.1f MB/s%n",
                            server,
                            load.name(),
                            r.messagesPerSecond(),
                            r.megabytesPerSecond());
                }
                results.put(server, perLoad);
            }
        }
        System.out.printf(
                Locale.ROOT,
                "%n%d connections, %.0f s per load after 2 s warm-up, 2 server loops%n%n",
                connections,
                seconds);
        System.out.println(
                "| load | Wirekit NIO msg/s | Wirekit blocking msg/s | Netty msg/s | NIO / Netty | blocking / NIO |");
        System.out.println("|---|---:|---:|---:|---:|---:|");
        for (Load load : LOADS) {
            double nio = results.get("wirekit-nio").get(load.name()).messagesPerSecond();
            double blocking = results.get("wirekit-blocking").get(load.name()).messagesPerSecond();
            double netty = results.get("netty").get(load.name()).messagesPerSecond();
            System.out.printf(
                    Locale.ROOT,
                    "| %s | %,.0f | %,.0f | %,.0f | %.2f | %.2f |%n",
                    load.name(),
                    nio,
                    blocking,
                    netty,
                    nio / netty,
                    blocking / nio);
        }
        idleCost(args.length > 2 ? Integer.parseInt(args[2]) : 10_000);
    }

    private static void idleCost(int n) throws Exception {
        try (ServerProcess p = ServerProcess.start("wirekit-nio")) {
            long before = p.heap();
            List<SocketChannel> idle = LoadGenerator.idle(p.address, n);
            // every connection accepted and its session set up before measuring
            long after = p.heap();
            for (SocketChannel c : idle) {
                c.close();
            }
            System.out.printf(
                    Locale.ROOT,
                    "%nIdle cost: %,d idle connections on Wirekit NIO: heap %.1f MB -> %.1f MB,"
                            + " growth %.1f MB (%.0f bytes per connection)%n",
                    n,
                    before / 1e6,
                    after / 1e6,
                    (after - before) / 1e6,
                    (after - before) / (double) n);
        }
    }

    /** A server JVM started from this class path. */
    static final class ServerProcess implements AutoCloseable {
        final Process process;
        final InetSocketAddress address;
        private final BufferedReader out;
        private final PrintWriter in;

        private ServerProcess(Process process) throws IOException {
            this.process = process;
            this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            this.in = new PrintWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8), true);
            String line = out.readLine();
            if (line == null || !line.startsWith("PORT ")) {
                throw new IOException("server did not start: " + line);
            }
            this.address = new InetSocketAddress("127.0.0.1", Integer.parseInt(line.substring(5)));
        }

        static ServerProcess start(String kind) throws IOException {
            List<String> command = new ArrayList<>(List.of(
                    ProcessHandle.current().info().command().orElse("java"),
                    "-Xms256m",
                    "-Xmx1g",
                    "-XX:+UseParallelGC",
                    "-cp",
                    System.getProperty("java.class.path"),
                    EchoServers.class.getName(),
                    kind,
                    "2"));
            return new ServerProcess(new ProcessBuilder(command)
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start());
        }

        long heap() throws IOException {
            in.println("heap");
            String line = out.readLine();
            if (line == null || !line.startsWith("HEAP ")) {
                throw new IOException("unexpected answer " + line);
            }
            return Long.parseLong(line.substring(5));
        }

        @Override
        public void close() throws Exception {
            in.println("quit");
            if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }
}
