package dev.wirekit.bench.chat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Chat fan-out: 1,000 IRC clients in 10 channels (100 members each) against Wirekit's chat server on
 * the NIO and the blocking transport and against ngircd, in one run, with the same load generator.
 * At each offered rate of channel messages (spread evenly over all clients) it measures the fan-out
 * sustained — deliveries arriving per second during the measured window; each message goes to the 99
 * other members — and the delivery latency from send to arrival (p50, p99; stragglers are waited for
 * up to 5 s).
 *
 * <p>All three servers run at once, each in its own process with its own 1,000 clients (idle between
 * turns); for every rate the servers take turns for several rounds, the first one rotating, and the
 * table reports each server's median round — the figure a busy shared machine disturbs least — with
 * the Wirekit / ngircd ratios.
 *
 * <p>Arguments: {@code [seconds per turn, default 8] [rates, default 250,500,1000,2000] [rounds,
 * default 3] [clients, default 1000] [channels, default 10]}. Needs {@code ulimit -n} of at least
 * 6.5 times the clients (three servers, client and server sockets).
 */
public final class ChatBenchmark {
    /**
     * The servers compared; {@code -Dchat.servers=wirekit-nio} runs a subset (to profile one, with
     * -Dbench.jfr), and {@code wirekit-nio@old} one from the class path in {@code -Dchat.classpath.old}.
     */
    private static final List<String> SERVERS =
            List.of(System.getProperty("chat.servers", "wirekit-nio,wirekit-blocking,ngircd")
                    .split(","));

    public static void main(String[] args) throws Exception {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 8;
        List<Integer> rates = new ArrayList<>();
        for (String r : (args.length > 1 ? args[1] : "250,500,1000,2000").split(",")) {
            rates.add(Integer.parseInt(r.trim()));
        }
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        int clients = args.length > 3 ? Integer.parseInt(args[3]) : 1000;
        int channels = args.length > 4 ? Integer.parseInt(args[4]) : 10;

        Map<String, ServerProcess> processes = new LinkedHashMap<>();
        Map<String, ChatLoad> loads = new LinkedHashMap<>();
        try {
            for (String server : SERVERS) {
                ServerProcess p = server.equals("ngircd")
                        ? ServerProcess.ngircd()
                        : ServerProcess.wirekit(server.substring("wirekit-".length()));
                processes.put(server, p);
                long t0 = System.nanoTime();
                loads.put(server, ChatLoad.connect(p.address, clients, channels));
                System.err.printf(
                        Locale.ROOT,
                        "%-17s %d clients joined %d channels in %.1f s%n",
                        server,
                        clients,
                        channels,
                        (System.nanoTime() - t0) / 1e9);
            }
            Map<String, Map<Integer, List<ChatLoad.Result>>> results = new LinkedHashMap<>();
            for (int rate : rates) {
                for (int round = 0; round < rounds; round++) {
                    for (int k = 0; k < SERVERS.size(); k++) {
                        String server = SERVERS.get((k + round) % SERVERS.size());
                        ServerProcess p = processes.get(server);
                        double cpuBefore = p.cpuSeconds();
                        ChatLoad.Result r = loads.get(server).run(rate, 3, seconds);
                        results.computeIfAbsent(server, s -> new LinkedHashMap<>())
                                .computeIfAbsent(rate, x -> new ArrayList<>())
                                .add(r);
                        System.err.printf(
                                Locale.ROOT,
                                "round %d %-17s %,6d msg/s offered (%,.0f sent): fan-out %,9.0f/s, %,d of %,d"
                                        + " delivered, p50 %.2f ms, p99 %.2f ms, max %.1f ms, server CPU %.0f%%%n",
                                round + 1,
                                server,
                                rate,
                                r.sentPerSecond(),
                                r.fanOutPerSecond(),
                                r.delivered(),
                                r.expected(),
                                r.p50(),
                                r.p99(),
                                r.max(),
                                100 * (p.cpuSeconds() - cpuBefore) / (seconds + 3));
                    }
                }
            }
            table(results, rates, rounds, clients, channels, seconds);
        } finally {
            for (ChatLoad load : loads.values()) {
                load.close();
            }
            for (ServerProcess p : processes.values()) {
                p.close();
            }
        }
    }

    private static void table(
            Map<String, Map<Integer, List<ChatLoad.Result>>> results,
            List<Integer> rates,
            int rounds,
            int clients,
            int channels,
            double seconds) {
        System.out.printf(
                Locale.ROOT,
                "%n%d clients in %d channels (%d members each), %.0f s per turn after 3 s warm-up, median of %d rounds%n%n",
                clients,
                channels,
                clients / channels,
                seconds,
                rounds);
        if (!SERVERS.equals(List.of("wirekit-nio", "wirekit-blocking", "ngircd"))) {
            for (String server : SERVERS) { // a subset: no ratios
                for (int rate : rates) {
                    List<ChatLoad.Result> runs = results.get(server).get(rate);
                    System.out.printf(
                            Locale.ROOT,
                            "%-17s %,6d msg/s: fan-out %,9.0f/s, p99 %.1f ms%n",
                            server,
                            rate,
                            median(runs.stream()
                                    .map(ChatLoad.Result::fanOutPerSecond)
                                    .toList()),
                            median(runs.stream().map(ChatLoad.Result::p99).toList()));
                }
            }
            return;
        }
        System.out.println("| offered msg/s | fan-out/s offered | Wirekit NIO fan-out/s (p99 ms) | Wirekit blocking"
                + " fan-out/s (p99 ms) | ngircd fan-out/s (p99 ms) | NIO / ngircd | blocking / ngircd |");
        System.out.println("|---:|---:|---:|---:|---:|---:|---:|");
        for (int rate : rates) {
            double[] fanOut = new double[SERVERS.size()];
            double[] p99 = new double[SERVERS.size()];
            for (int s = 0; s < SERVERS.size(); s++) {
                List<ChatLoad.Result> runs = results.get(SERVERS.get(s)).get(rate);
                fanOut[s] = median(
                        runs.stream().map(ChatLoad.Result::fanOutPerSecond).toList());
                p99[s] = median(runs.stream().map(ChatLoad.Result::p99).toList());
            }
            System.out.printf(
                    Locale.ROOT,
                    "| %,d | %,.0f | %,.0f (%.1f) | %,.0f (%.1f) | %,.0f (%.1f) | %.2f | %.2f |%n",
                    rate,
                    rate * (clients / channels - 1.0),
                    fanOut[0],
                    p99[0],
                    fanOut[1],
                    p99[1],
                    fanOut[2],
                    p99[2],
                    fanOut[0] / fanOut[2],
                    fanOut[1] / fanOut[2]);
        }
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted(Comparator.naturalOrder()).toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
