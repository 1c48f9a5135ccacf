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
import java.util.Optional;

/**
 * Echo throughput of Wirekit NIO, Wirekit blocking and Netty 4.2's NIO echo server, side by side in
 * one run, with the same load generator; prints a table and the ratios the issue sets targets for
 * (NIO >= 1.0x Netty on every load; blocking >= 0.8x NIO). Then the idle cost: heap growth of the
 * Wirekit NIO server holding 10,000 idle connections.
 *
 * <p>Each server runs in its own JVM with the same flags, all three at once; the load generator runs
 * here. Per load the servers take turns for several rounds, the first one rotating; the table shows
 * each server's median round and the median of the per-round ratios, with their range. Arguments:
 * {@code [seconds per turn, default 5] [connections, default 50] [idle connections, default 10000]
 * [rounds, default 3]}.
 *
 * <p>By default the machine's CPUs are split ({@link CpuSplit}): the servers run on the upper half,
 * the load generator on the lower half, so each server is measured on cores of its own and sizes
 * itself to them (one event loop or carrier per core it has). {@code -Dbench.pin=false} runs
 * everything on all CPUs instead, each server with one loop per core of the machine.
 */
public final class EchoBenchmark {
    private static final String[] ALL_SERVERS = {"wirekit-nio", "wirekit-blocking", "netty"};

    /** {@code -Dbench.servers=wirekit-nio,netty}: only these servers (for profiling one). */
    private static final String[] SERVERS =
            System.getProperty("bench.servers", String.join(",", ALL_SERVERS)).split(",");

    private record Load(String name, int size, int depth) {}

    private static final Load[] ALL_LOADS = {
        new Load("ping-pong 64 B", 64, 1),
        new Load("pipelined 64 B (x16)", 64, 16),
        new Load("ping-pong 64 KiB", 64 * 1024, 1),
        new Load("pipelined 64 KiB (x4)", 64 * 1024, 4),
    };

    /** {@code -Dbench.loads=3,4}: only these loads, numbered from 1 (for profiling one). */
    private static final Load[] LOADS = java.util.Arrays.stream(
                    System.getProperty("bench.loads", "1,2,3,4").split(","))
            .map(i -> ALL_LOADS[Integer.parseInt(i.strip()) - 1])
            .toArray(Load[]::new);

    public static void main(String[] args) throws Exception {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 5;
        int connections = args.length > 1 ? Integer.parseInt(args[1]) : 50;
        int idle = args.length > 2 ? Integer.parseInt(args[2]) : 10_000;
        int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 3;
        // All servers run at once (idle while not measured); per load they take turns for several
        // rounds, who goes first rotating, so load from elsewhere on a shared machine touches all
        // alike. Each figure is the server's median round; each ratio the median of the rounds' ratios.
        Optional<CpuSplit> split = CpuSplit.detect();
        int serverCpus =
                split.map(CpuSplit::serverCpus).orElse(Runtime.getRuntime().availableProcessors());
        if (split.isPresent()) {
            split.get().pinThisProcess();
        }
        Map<String, ServerProcess> processes = new LinkedHashMap<>();
        try {
            for (String server : SERVERS) {
                processes.put(server, ServerProcess.start(server, split));
            }
            List<String[]> rows = new ArrayList<>();
            List<String[]> cpuRows = new ArrayList<>();
            for (Load load : LOADS) {
                Map<String, List<Double>> rates = new LinkedHashMap<>();
                Map<String, List<Double>> cpu = new LinkedHashMap<>();
                Map<String, List<Double>> generatorBusy = new LinkedHashMap<>();
                Map<String, List<Double>> serverBusy = new LinkedHashMap<>();
                List<Double> nioOverNetty = new ArrayList<>();
                List<Double> blockingOverNio = new ArrayList<>();
                for (int round = 0; round < rounds; round++) {
                    Map<String, Double> thisRound = new LinkedHashMap<>();
                    for (int k = 0; k < SERVERS.length; k++) {
                        String server = SERVERS[(round + k) % SERVERS.length];
                        long cpuBefore = processes.get(server).cpuNanos();
                        long turnStart = System.nanoTime();
                        LoadGenerator.Result r = LoadGenerator.run(
                                processes.get(server).address,
                                connections,
                                load.size(),
                                load.depth(),
                                round == 0 ? 2 : 1,
                                seconds);
                        // server CPU per message: the efficiency measure when the load generator, not
                        // the server, is the limit (warm-up included: it is part of the turn)
                        long turnNanos = System.nanoTime() - turnStart;
                        long serverCpu = processes.get(server).cpuNanos() - cpuBefore;
                        double cpuPerMessage = serverCpu / 1e3 / r.messages();
                        // how much of the CPUs it had the server used over its turn (1.0: it was the limit)
                        serverBusy
                                .computeIfAbsent(server, x -> new ArrayList<>())
                                .add(serverCpu / (double) turnNanos / serverCpus);
                        cpu.computeIfAbsent(server, x -> new ArrayList<>()).add(cpuPerMessage);
                        generatorBusy
                                .computeIfAbsent(server, x -> new ArrayList<>())
                                .add(r.generatorBusy());
                        thisRound.put(server, r.messagesPerSecond());
                        rates.computeIfAbsent(server, x -> new ArrayList<>()).add(r.messagesPerSecond());
                        System.err.printf(
                                Locale.ROOT,
                                "round %d %-17s %-22s %,12.0f msg/s %,9.1f MB/s  load generator busy %3.0f%%,"
                                        + " server busy %3.0f%%%n",
                                round + 1,
                                server,
                                load.name(),
                                r.messagesPerSecond(),
                                r.megabytesPerSecond(),
                                r.generatorBusy() * 100,
                                serverBusy.get(server).getLast() * 100);
                    }
                    nioOverNetty.add(ratio(thisRound, "wirekit-nio", "netty"));
                    blockingOverNio.add(ratio(thisRound, "wirekit-blocking", "wirekit-nio"));
                }
                rows.add(new String[] {
                    load.name(),
                    String.format(Locale.ROOT, "%,.0f", median(rates, "wirekit-nio")),
                    String.format(Locale.ROOT, "%,.0f", median(rates, "wirekit-blocking")),
                    String.format(Locale.ROOT, "%,.0f", median(rates, "netty")),
                    String.format(Locale.ROOT, "%.2f (%s)", median(nioOverNetty), spread(nioOverNetty)),
                    String.format(Locale.ROOT, "%.2f (%s)", median(blockingOverNio), spread(blockingOverNio)),
                });
                cpuRows.add(new String[] {
                    load.name(),
                    String.format(Locale.ROOT, "%.2f", median(cpu, "wirekit-nio")),
                    String.format(Locale.ROOT, "%.2f", median(cpu, "wirekit-blocking")),
                    String.format(Locale.ROOT, "%.2f", median(cpu, "netty")),
                    String.format(Locale.ROOT, "%.2f", median(cpu, "netty") / median(cpu, "wirekit-nio")),
                    String.format(Locale.ROOT, "%.2f", median(cpu, "wirekit-nio") / median(cpu, "wirekit-blocking")),
                    percentages(generatorBusy),
                    percentages(serverBusy),
                });
            }
            System.out.printf(
                    Locale.ROOT,
                    "%n%d connections, %d rounds of %.0f s per load and server, %s;"
                            + " median round, median ratio (range)%n%n",
                    connections,
                    rounds,
                    seconds,
                    split.map(c -> "servers on CPUs " + c.servers() + " (" + c.serverCpus()
                                    + " loops or carriers each), load generator on CPUs " + c.generator())
                            .orElse("not pinned, " + Runtime.getRuntime().availableProcessors()
                                    + " loops or carriers per server"));
            System.out.println(
                    "| load | Wirekit NIO msg/s | Wirekit blocking msg/s | Netty msg/s | NIO / Netty | blocking / NIO |");
            System.out.println("|---|---:|---:|---:|---:|---:|");
            for (String[] row : rows) {
                System.out.println("| " + String.join(" | ", row) + " |");
            }
            System.out.printf(
                    Locale.ROOT,
                    "%nServer CPU time per message (microseconds, median round; efficiency ratios: higher is"
                            + " better for the first named)%n%n");
            System.out.println(
                    "| load | Wirekit NIO | Wirekit blocking | Netty | NIO efficiency / Netty | blocking efficiency / NIO"
                            + " | load generator busy (NIO / blocking / Netty) | server busy (NIO / blocking / Netty) |");
            System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|");
            for (String[] row : cpuRows) {
                System.out.println("| " + String.join(" | ", row) + " |");
            }
        } finally {
            for (ServerProcess p : processes.values()) {
                p.close();
            }
        }
        idleCost(idle);
    }

    /** Each server's median share, in {@link #ALL_SERVERS} order: "97% / 99% / 98%". */
    private static String percentages(Map<String, List<Double>> shares) {
        return String.join(
                " / ",
                java.util.Arrays.stream(ALL_SERVERS)
                        .map(server -> String.format(Locale.ROOT, "%.0f%%", median(shares, server) * 100))
                        .toList());
    }

    /** {@code a / b} of a round, NaN when one of them was not run. */
    private static double ratio(Map<String, Double> round, String a, String b) {
        return round.getOrDefault(a, Double.NaN) / round.getOrDefault(b, Double.NaN);
    }

    private static double median(Map<String, List<Double>> values, String server) {
        return values.containsKey(server) ? median(values.get(server)) : Double.NaN;
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static String spread(List<Double> values) {
        return String.format(
                Locale.ROOT,
                "%.2f-%.2f",
                values.stream().mapToDouble(Double::doubleValue).min().orElse(0),
                values.stream().mapToDouble(Double::doubleValue).max().orElse(0));
    }

    private static void idleCost(int n) throws Exception {
        try (ServerProcess p = ServerProcess.start("wirekit-nio", Optional.empty())) {
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

        static ServerProcess start(String kind, Optional<CpuSplit> split) throws IOException {
            List<String> command =
                    new ArrayList<>(split.map(CpuSplit::serverPrefix).orElse(List.of()));
            command.addAll(List.of(
                    ProcessHandle.current().info().command().orElse("java"),
                    "-Xms256m",
                    "-Xmx1g",
                    "-XX:+UseParallelGC"));
            // -Dbench.serverJvm="-Dx=y ...": extra JVM options for every server alike (experiments)
            String extra = System.getProperty("bench.serverJvm", "").strip();
            if (!extra.isEmpty()) {
                command.addAll(List.of(extra.split("\\s+")));
            }
            command.addAll(List.of("-cp", System.getProperty("java.class.path"), EchoServers.class.getName(), kind));
            return new ServerProcess(new ProcessBuilder(command)
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start());
        }

        long cpuNanos() throws IOException {
            return ask("cpu", "CPU ");
        }

        long heap() throws IOException {
            return ask("heap", "HEAP ");
        }

        /** Sends {@code command}; returns the number after {@code answerPrefix} in the answer. */
        private long ask(String command, String answerPrefix) throws IOException {
            in.println(command);
            String line = out.readLine();
            if (line == null || !line.startsWith(answerPrefix)) {
                throw new IOException("unexpected answer to " + command + ": " + line);
            }
            return Long.parseLong(line.substring(answerPrefix.length()));
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
