package dev.wirekit.bench.dns;

import dev.wirekit.api.Server;
import dev.wirekit.api.Transport;
import dev.wirekit.dns.DnsName;
import dev.wirekit.dns.DnsServer;
import dev.wirekit.dns.Zone;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Queries per second of Wirekit's DNS server against dnsmasq answering the same zone, both
 * authoritatively, measured by dnsperf in one run over UDP on loopback.
 *
 * <pre>
 * ./mvnw -q -pl bench -am package -DskipTests -Dmaven.javadoc.skip
 * java -cp "bench/target/classes:$(cat bench/target/classpath.txt)" dev.wirekit.bench.dns.DnsBenchmark [seconds] [transport] [rounds]
 * </pre>
 *
 * The zone has {@value #HOSTS} hosts with A and AAAA records plus MX and TXT at the apex; the query
 * mix is random over them, with one query in ten for a name that does not exist. Wirekit runs with
 * the response rate limit off (dnsmasq has none). Each server gets a warm-up run, then measured runs
 * alternate for several rounds (who goes first alternates too); the ratio reported is the median of
 * the rounds' ratios, which a busy shared machine disturbs least.
 */
public final class DnsBenchmark {
    static final int HOSTS = 200;
    private static final Pattern QPS = Pattern.compile("Queries per second:\\s+([0-9.]+)");
    private static final Pattern LOST = Pattern.compile("Queries lost:\\s+(\\d+)");

    private DnsBenchmark() {}

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 6;
        String transportName = args.length > 1 ? args[1] : "nio";
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        for (String tool : List.of("dnsperf", "dnsmasq")) {
            if (which(tool) == null) {
                System.err.println(tool + " is not installed (Debian packages dnsperf and dnsmasq-base)");
                System.exit(2);
            }
        }
        Path dir = Files.createTempDirectory("wirekit-dns-bench");
        Path queries = dir.resolve("queries.txt");
        Files.write(queries, queryMix(20_000), StandardCharsets.US_ASCII);
        Zone zone = Zone.parse(zoneText(), DnsName.of("bench.test"));
        Path dnsmasqConf = dir.resolve("dnsmasq.conf");
        Files.write(dnsmasqConf, dnsmasqConfig(), StandardCharsets.US_ASCII);

        DnsServer dns = DnsServer.builder().zone(zone).rateLimit(0).build();
        try (Transport transport = Transport.load(transportName);
                Server wirekit = dns.start(transport, new InetSocketAddress("127.0.0.1", 0));
                Dnsmasq dnsmasq = Dnsmasq.start(dnsmasqConf, dir)) {
            int ours = wirekit.localAddress().getPort();
            System.out.printf(
                    Locale.ROOT,
                    "wirekit (%s transport) on port %d, dnsmasq on port %d, %d s per run%n",
                    transportName,
                    ours,
                    dnsmasq.port,
                    seconds);
            dnsperf(queries, ours, 3); // warm-up: JIT
            dnsperf(queries, dnsmasq.port, 3);
            List<Double> ratios = new ArrayList<>();
            double bestOurs = 0;
            double bestTheirs = 0;
            for (int round = 0; round < rounds; round++) {
                // alternate who goes first, so that a change in machine load hurts both alike
                Result w;
                Result d;
                if (round % 2 == 0) {
                    w = dnsperf(queries, ours, seconds);
                    d = dnsperf(queries, dnsmasq.port, seconds);
                } else {
                    d = dnsperf(queries, dnsmasq.port, seconds);
                    w = dnsperf(queries, ours, seconds);
                }
                ratios.add(w.qps / d.qps);
                bestOurs = Math.max(bestOurs, w.qps);
                bestTheirs = Math.max(bestTheirs, d.qps);
                System.out.printf(
                        Locale.ROOT,
                        "round %d: wirekit %.0f qps (%d lost), dnsmasq %.0f qps (%d lost): %.2fx%n",
                        round + 1,
                        w.qps,
                        w.lost,
                        d.qps,
                        d.lost,
                        w.qps / d.qps);
            }
            List<Double> sorted = ratios.stream().sorted().toList();
            double median = sorted.get(sorted.size() / 2);
            System.out.printf(
                    Locale.ROOT,
                    "best: wirekit %.0f qps, dnsmasq %.0f qps (%.2fx); median of %d rounds:"
                            + " %.2fx (target >= 1.0x)%n",
                    bestOurs,
                    bestTheirs,
                    bestOurs / bestTheirs,
                    rounds,
                    median);
            System.out.println("wirekit server stats: " + dns.stats());
        } finally {
            try (var files = Files.list(dir)) {
                for (Path f : files.toList()) {
                    Files.deleteIfExists(f);
                }
            }
            Files.deleteIfExists(dir);
        }
    }

    record Result(double qps, long lost) {}

    static String zoneText() {
        StringBuilder sb = new StringBuilder("""
                $ORIGIN bench.test.
                $TTL 300
                @ IN SOA ns1 hostmaster 1 7200 3600 1209600 300
                  IN NS ns1
                  IN MX 10 mail
                  IN TXT "v=spf1 -all"
                ns1 IN A 10.0.0.53
                mail IN A 10.0.0.25
                """);
        for (int i = 0; i < HOSTS; i++) {
            sb.append("h")
                    .append(i)
                    .append(" IN A 10.1.")
                    .append(i / 250)
                    .append('.')
                    .append(i % 250)
                    .append('\n');
            sb.append("h")
                    .append(i)
                    .append(" IN AAAA 2001:db8::")
                    .append(Integer.toHexString(i + 1))
                    .append('\n');
        }
        return sb.toString();
    }

    static List<String> dnsmasqConfig() {
        List<String> c = new ArrayList<>(List.of(
                "auth-server=ns1.bench.test,127.0.0.1",
                "auth-zone=bench.test",
                "auth-soa=1,hostmaster.bench.test,7200,3600,1209600",
                "auth-ttl=300",
                "local-ttl=300",
                "cache-size=0",
                "host-record=ns1.bench.test,10.0.0.53",
                "host-record=mail.bench.test,10.0.0.25",
                "mx-host=bench.test,mail.bench.test,10",
                "txt-record=bench.test,\"v=spf1 -all\""));
        for (int i = 0; i < HOSTS; i++) {
            c.add("host-record=h" + i + ".bench.test,10.1." + (i / 250) + "." + (i % 250) + ",2001:db8::"
                    + Integer.toHexString(i + 1));
        }
        return c;
    }

    static List<String> queryMix(int n) {
        SplittableRandom r = new SplittableRandom(42);
        List<String> lines = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int pick = r.nextInt(10);
            String host = "h" + r.nextInt(HOSTS) + ".bench.test";
            lines.add(
                    switch (pick) {
                        case 0 -> "nothing" + r.nextInt(1000) + ".bench.test A";
                        case 1 -> "bench.test MX";
                        case 2 -> "bench.test TXT";
                        case 3, 4 -> host + " AAAA";
                        default -> host + " A";
                    });
        }
        return lines;
    }

    static Result dnsperf(Path queries, int port, int seconds) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(
                        "dnsperf",
                        "-s",
                        "127.0.0.1",
                        "-p",
                        Integer.toString(port),
                        "-d",
                        queries.toString(),
                        "-l",
                        Integer.toString(seconds),
                        "-q",
                        "200",
                        "-t",
                        "2")
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(seconds + 30L, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("dnsperf did not finish");
        }
        Matcher m = QPS.matcher(out);
        if (!m.find()) {
            throw new IOException("no 'Queries per second' in dnsperf's output:\n" + out);
        }
        Matcher lost = LOST.matcher(out);
        return new Result(Double.parseDouble(m.group(1)), lost.find() ? Long.parseLong(lost.group(1)) : -1);
    }

    static Path which(String tool) {
        for (String d : (System.getenv().getOrDefault("PATH", "") + ":/usr/sbin:/sbin").split(":")) {
            if (!d.isEmpty() && Files.isExecutable(Path.of(d, tool))) {
                return Path.of(d, tool);
            }
        }
        return null;
    }

    /** dnsmasq in the foreground on a free loopback port, stopped on close. */
    static final class Dnsmasq implements AutoCloseable {
        final Process process;
        final int port;

        private Dnsmasq(Process process, int port) {
            this.process = process;
            this.port = port;
        }

        static Dnsmasq start(Path conf, Path dir) throws IOException, InterruptedException {
            int port;
            try (ServerSocket s = new ServerSocket(0)) {
                port = s.getLocalPort();
            }
            Process p = new ProcessBuilder(
                            which("dnsmasq").toString(),
                            "--keep-in-foreground",
                            "--conf-file=" + conf,
                            "--port=" + port,
                            "--listen-address=127.0.0.1",
                            "--bind-interfaces",
                            "--no-resolv",
                            "--no-hosts",
                            "--no-poll",
                            "--user=root",
                            "--pid-file=" + dir.resolve("dnsmasq.pid"),
                            "--log-facility=" + dir.resolve("dnsmasq.log"))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            Dnsmasq d = new Dnsmasq(p, port);
            byte[] query = {
                1, 2, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 5, 'b', 'e', 'n', 'c', 'h', 4, 't', 'e', 's', 't', 0, 0, 6, 0, 1
            };
            try (DatagramSocket s = new DatagramSocket()) {
                s.setSoTimeout(100);
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (System.nanoTime() < deadline && p.isAlive()) {
                    s.send(new DatagramPacket(query, query.length, new InetSocketAddress("127.0.0.1", port)));
                    try {
                        s.receive(new DatagramPacket(new byte[512], 512));
                        return d;
                    } catch (SocketTimeoutException | java.net.PortUnreachableException e) {
                        // not yet
                    }
                }
            }
            d.close();
            throw new IOException("dnsmasq did not start on port " + port);
        }

        @Override
        public void close() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }
}
