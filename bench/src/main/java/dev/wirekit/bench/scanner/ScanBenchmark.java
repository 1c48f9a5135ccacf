package dev.wirekit.bench.scanner;

import dev.wirekit.api.Transport;
import dev.wirekit.scanner.PortScanner;
import dev.wirekit.scanner.ScanResult;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * All 65,535 ports of one host in a network namespace of its own, with five services listening
 * (SSH-like and SMTP-like greetings, HTTP, TLS, a silent port): Wirekit's scanner against
 * {@code nmap -sT -T4 -p-} on the same host, in one run, rounds interleaved, open-port sets compared
 * every round. Needs root, iproute2, socat, openssl and nmap.
 *
 * <p>Wirekit is timed two ways: the scan in this (warm) JVM, and a whole fresh JVM running one scan
 * ({@link ScanOnce}), JVM start included — what a user of {@code wirekit scan} waits for. nmap is
 * timed as a process. Arguments: {@code [rounds, default 7] [concurrency, default 4096]}.
 */
public final class ScanBenchmark {
    private static final List<Integer> SERVICES = List.of(22, 25, 80, 443, 9999);

    private ScanBenchmark() {}

    /** The scanner as the benchmark runs it: every port, no rate limit (nmap -T4 has none). */
    static PortScanner scanner(Transport transport, String address, int concurrency) {
        return PortScanner.builder()
                .transport(transport)
                .target(address)
                .ports("-")
                .rate(0)
                .concurrency(concurrency)
                .timeout(Duration.ofMillis(1250)) // nmap -T4's largest round-trip timeout
                .retries(1)
                .build();
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 7;
        int concurrency = args.length > 1 ? Integer.parseInt(args[1]) : 4096;
        try (Namespace ns = Namespace.create();
                Transport transport = Transport.load("nio")) {
            startServices(ns);
            String address = ns.inside.getHostAddress();
            PortScanner scanner = scanner(transport, address, concurrency);
            List<Double> nmap = new ArrayList<>();
            List<Double> warm = new ArrayList<>();
            List<Double> cold = new ArrayList<>();
            System.err.printf(
                    Locale.ROOT,
                    "target %s in namespace %s, services on %s, %d rounds%n",
                    address,
                    ns.name,
                    SERVICES,
                    rounds);
            for (int round = 0; round < rounds; round++) {
                // alternate who goes first, so neither always meets a warmer or cooler machine
                boolean nmapFirst = round % 2 == 0;
                if (nmapFirst) {
                    nmap.add(nmap(address));
                }
                warm.add(wirekit(scanner));
                cold.add(freshJvm(address, concurrency));
                if (!nmapFirst) {
                    nmap.add(nmap(address));
                }
                System.err.printf(
                        Locale.ROOT,
                        "round %d: nmap %.3f s, wirekit %.3f s (fresh JVM %.3f s)%n",
                        round + 1,
                        last(nmap),
                        last(warm),
                        last(cold));
            }
            double n = median(nmap);
            double w = median(warm);
            double c = median(cold);
            System.out.printf(
                    Locale.ROOT,
                    "%n%d rounds, 65,535 ports, %d services open, concurrency %d, %d cores%n%n",
                    rounds,
                    SERVICES.size(),
                    concurrency,
                    Runtime.getRuntime().availableProcessors());
            System.out.println("| scanner | median wall time | best | ratio to nmap (median) |");
            System.out.println("|---|---:|---:|---:|");
            System.out.printf(Locale.ROOT, "| nmap -sT -T4 -p- | %.3f s | %.3f s | 1.00 |%n", n, min(nmap));
            System.out.printf(
                    Locale.ROOT, "| Wirekit scan (warm JVM) | %.3f s | %.3f s | %.2f |%n", w, min(warm), w / n);
            System.out.printf(
                    Locale.ROOT,
                    "| Wirekit scan (fresh JVM, start included) | %.3f s | %.3f s | %.2f |%n",
                    c,
                    min(cold),
                    c / n);
            System.out.printf(
                    Locale.ROOT,
                    "%nload average at the end: %.2f%n",
                    ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
    }

    private static void startServices(Namespace ns) throws Exception {
        Path dir = ns.dir;
        Files.writeString(
                dir.resolve("ssh.sh"), "printf 'SSH-2.0-OpenSSH_9.2p1 Debian-2\\r\\n'; exec cat >/dev/null\n");
        Files.writeString(
                dir.resolve("smtp.sh"), "printf '220 bench.invalid ESMTP Postfix\\r\\n'; exec cat >/dev/null\n");
        Files.writeString(
                dir.resolve("http.sh"),
                "read line; printf 'HTTP/1.1 200 OK\\r\\nServer: bench\\r\\nContent-Length: 0\\r\\n\\r\\n'\n");
        Files.writeString(dir.resolve("silent.sh"), "exec cat >/dev/null\n");
        Namespace.run(
                "openssl",
                "req",
                "-x509",
                "-newkey",
                "ec",
                "-pkeyopt",
                "ec_paramgen_curve:prime256v1",
                "-nodes",
                "-keyout",
                dir.resolve("key.pem").toString(),
                "-out",
                dir.resolve("cert.pem").toString(),
                "-days",
                "2",
                "-subj",
                "/CN=bench.invalid");
        ns.listen(22, socat(22, dir.resolve("ssh.sh")));
        ns.listen(25, socat(25, dir.resolve("smtp.sh")));
        ns.listen(80, socat(80, dir.resolve("http.sh")));
        ns.listen(9999, socat(9999, dir.resolve("silent.sh")));
        ns.listen(
                443,
                "openssl",
                "s_server",
                "-accept",
                "443",
                "-cert",
                dir.resolve("cert.pem").toString(),
                "-key",
                dir.resolve("key.pem").toString(),
                "-quiet");
    }

    private static String[] socat(int port, Path script) {
        return new String[] {"socat", "TCP-LISTEN:" + port + ",fork,reuseaddr", "EXEC:sh " + script};
    }

    private static double nmap(String address) throws Exception {
        long start = System.nanoTime();
        String out = Namespace.run("nmap", "-sT", "-T4", "-p-", "-n", "-Pn", "-oG", "-", address);
        double seconds = (System.nanoTime() - start) / 1e9;
        Matcher m = Pattern.compile("(\\d+)/open/").matcher(out);
        TreeSet<Integer> open = new TreeSet<>();
        while (m.find()) {
            open.add(Integer.parseInt(m.group(1)));
        }
        check("nmap", open);
        return seconds;
    }

    private static double wirekit(PortScanner scanner) throws Exception {
        long start = System.nanoTime();
        ScanResult r = scanner.scan();
        double seconds = (System.nanoTime() - start) / 1e9;
        check(
                "wirekit",
                Arrays.stream(r.openPorts(r.targets().get(0).target()))
                        .boxed()
                        .collect(Collectors.toCollection(TreeSet::new)));
        return seconds;
    }

    private static double freshJvm(String address, int concurrency) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        long start = System.nanoTime();
        String out = Namespace.run(
                java,
                "--enable-native-access=ALL-UNNAMED", // as the wirekit launcher does
                "-cp",
                System.getProperty("java.class.path"),
                ScanOnce.class.getName(),
                address,
                Integer.toString(concurrency));
        double seconds = (System.nanoTime() - start) / 1e9;
        String ports = out.strip().lines().reduce((a, b) -> b).orElse("").split(" ")[0];
        check(
                "wirekit (fresh JVM)",
                Arrays.stream(ports.split(","))
                        .filter(s -> !s.isBlank())
                        .map(Integer::parseInt)
                        .collect(Collectors.toCollection(TreeSet::new)));
        return seconds;
    }

    private static void check(String who, TreeSet<Integer> open) {
        if (!open.equals(new TreeSet<>(SERVICES))) {
            throw new IllegalStateException(who + " found open " + open + ", expected " + SERVICES);
        }
    }

    private static double last(List<Double> values) {
        return values.get(values.size() - 1);
    }

    private static double median(List<Double> values) {
        double[] sorted =
                values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static double min(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
    }
}
