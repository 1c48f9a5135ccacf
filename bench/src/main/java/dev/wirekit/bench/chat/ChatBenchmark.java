package dev.wirekit.bench.chat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Chat fan-out: 1,000 IRC clients in 10 channels (100 members each) against Wirekit's chat server on
 * the NIO and the blocking transport and against ngircd, in one run, with the same load generator.
 * At each offered rate of channel messages (spread evenly over all clients), it measures the
 * deliveries per second (each message fans out to the 99 other members) and the delivery latency
 * from send to arrival (p50, p99, max), and prints a table with Wirekit / ngircd ratios.
 *
 * <p>Each server runs in its own process; the load generator runs here. Arguments: {@code [seconds
 * per rate, default 10] [rates, default 250,500,1000,2000] [clients, default 1000] [channels,
 * default 10] [servers, default wirekit-nio,wirekit-blocking,ngircd]}. Needs {@code ulimit -n} of at least twice the clients (client and server sockets).
 */
public final class ChatBenchmark {
    private static final String[] SERVERS = {"wirekit-nio", "wirekit-blocking", "ngircd"};

    public static void main(String[] args) throws Exception {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 10;
        List<Integer> rates = new ArrayList<>();
        for (String r : (args.length > 1 ? args[1] : "250,500,1000,2000").split(",")) {
            rates.add(Integer.parseInt(r.trim()));
        }
        int clients = args.length > 2 ? Integer.parseInt(args[2]) : 1000;
        int channels = args.length > 3 ? Integer.parseInt(args[3]) : 10;
        List<String> servers = args.length > 4 ? List.of(args[4].split(",")) : List.of(SERVERS);
        Map<String, List<ChatLoad.Result>> results = new LinkedHashMap<>();
        for (String server : servers) {
            try (ServerProcess p = server.equals("ngircd")
                    ? ServerProcess.ngircd()
                    : ServerProcess.wirekit(server.substring("wirekit-".length()))) {
                long t0 = System.nanoTime();
                try (ChatLoad load = ChatLoad.connect(p.address, clients, channels)) {
                    System.err.printf(
                            Locale.ROOT,
                            "%-17s %d clients joined %d channels in %.1f s%n",
                            server,
                            clients,
                            channels,
                            (System.nanoTime() - t0) / 1e9);
                    List<ChatLoad.Result> perRate = new ArrayList<>();
                    for (int rate : rates) {
                        double cpuBefore = p.cpuSeconds();
                        ChatLoad.Result r = load.run(rate, 3, seconds);
                        perRate.add(r);
                        System.err.printf(
                                Locale.ROOT,
                                "%-17s %,6d msg/s offered: %,9.0f deliveries/s (%,d of %,d expected), p50 %.2f ms, p99 %.2f ms, max %.1f ms, server CPU %.0f%%%n",
                                server,
                                rate,
                                r.deliveredPerSecond(),
                                r.delivered(),
                                r.expected(),
                                r.p50(),
                                r.p99(),
                                r.max(),
                                100 * (p.cpuSeconds() - cpuBefore) / (seconds + 3 + 0.01));
                    }
                    results.put(server, perRate);
                }
            }
        }
        if (!results.keySet().containsAll(List.of(SERVERS))) {
            return; // a partial run: the lines above are the result
        }
        System.out.printf(
                Locale.ROOT,
                "%n%d clients in %d channels (%d members each), %.0f s per rate after 3 s warm-up%n%n",
                clients,
                channels,
                clients / channels,
                seconds);
        System.out.println("| offered msg/s | fan-out/s expected | Wirekit NIO deliveries/s (p99 ms) | Wirekit blocking"
                + " deliveries/s (p99 ms) | ngircd deliveries/s (p99 ms) | NIO / ngircd | blocking / ngircd |");
        System.out.println("|---:|---:|---:|---:|---:|---:|---:|");
        for (int i = 0; i < rates.size(); i++) {
            ChatLoad.Result nio = results.get("wirekit-nio").get(i);
            ChatLoad.Result blocking = results.get("wirekit-blocking").get(i);
            ChatLoad.Result ngircd = results.get("ngircd").get(i);
            System.out.printf(
                    Locale.ROOT,
                    "| %,d | %,.0f | %,.0f (%.1f) | %,.0f (%.1f) | %,.0f (%.1f) | %.2f | %.2f |%n",
                    rates.get(i),
                    nio.expected() / nio.seconds(),
                    nio.deliveredPerSecond(),
                    nio.p99(),
                    blocking.deliveredPerSecond(),
                    blocking.p99(),
                    ngircd.deliveredPerSecond(),
                    ngircd.p99(),
                    nio.deliveredPerSecond() / ngircd.deliveredPerSecond(),
                    blocking.deliveredPerSecond() / ngircd.deliveredPerSecond());
        }
    }
}
