package dev.wirekit.bench.http;

import dev.wirekit.api.Server;
import dev.wirekit.api.Transport;
import dev.wirekit.api.TransportOptions;
import dev.wirekit.http.server.HttpServer;
import dev.wirekit.http.server.StaticFiles;
import dev.wirekit.proxy.ForwardProxy;
import dev.wirekit.spi.DriverConfig;
import dev.wirekit.spi.TransportDriver;
import dev.wirekit.spi.TransportProvider;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

/**
 * Wirekit's HTTP server (NIO transport) against nginx with the same number of workers (event loops
 * vs worker processes), in one run, with wrk: requests/s for a small static file, throughput for a
 * 100 MB file; and the proxy's cache hits against the origin served directly. Prints the figures
 * and the ratios.
 *
 * <pre>
 * ./mvnw -q -pl bench -am verify -DskipTests -Dmaven.javadoc.skip -Pbench-http \
 *     -Dbench.args="--duration 10 --connections 64"
 * </pre>
 */
public final class HttpBench {
    private HttpBench() {}

    public static void main(String[] args) throws Exception {
        int duration = intArg(args, "--duration", 10);
        int warmup = intArg(args, "--warmup", 5);
        int connections = intArg(args, "--connections", 64);
        int workers = intArg(args, "--workers", Runtime.getRuntime().availableProcessors());
        int threads = intArg(args, "--wrk-threads", 1);
        String only = stringArg(args, "--only", "all");
        int rounds = intArg(args, "--rounds", 3);
        int outboundMb = intArg(args, "--outbound-mb", 0);
        require("wrk");
        require("nginx");
        Path work = Files.createTempDirectory("wirekit-http-bench");
        Path root = Files.createDirectory(work.resolve("www"));
        Path nginxDir = Files.createDirectory(work.resolve("nginx"));
        byte[] small = new byte[1024];
        new Random(1).nextBytes(small);
        Files.write(root.resolve("small.bin"), small);
        try (RandomAccessFile big = new RandomAccessFile(root.resolve("big.bin").toFile(), "rw")) {
            byte[] block = new byte[1 << 20];
            new Random(2).nextBytes(block);
            for (int i = 0; i < 100; i++) {
                big.write(block);
            }
        }
        System.out.printf(
                "HTTP benchmark: %d cores, %d workers each, wrk -t%d -c%d, %d rounds of %d s alternating"
                        + " (after %d s warm-up), outbound window %s%n",
                Runtime.getRuntime().availableProcessors(),
                workers,
                threads,
                connections,
                rounds,
                duration,
                warmup,
                outboundMb > 0 ? outboundMb + " MiB" : "the transport's default");
        try (Transport transport = nio(workers);
                NginxProcess nginx = NginxProcess.start(root, nginxDir, workers)) {
            HttpServer http =
                    HttpServer.builder().staticFiles("/", StaticFiles.of(root)).build();
            ForwardProxy proxy = ForwardProxy.builder()
                    .allowDestinations(List.of("127.0.0.1"))
                    .build();
            try (Server wirekit =
                            http.start(transport, new InetSocketAddress("127.0.0.1", 0), TransportOptions.defaults());
                    Server proxyServer = proxy.start(
                            transport, new InetSocketAddress("127.0.0.1", 0), TransportOptions.defaults())) {
                String w = "http://127.0.0.1:" + wirekit.localAddress().getPort();
                String n = "http://127.0.0.1:" + nginx.plainPort;
                String origin = "http://127.0.0.1:" + nginx.cachingPort;
                String p = "http://127.0.0.1:" + proxyServer.localAddress().getPort();
                Duration d = Duration.ofSeconds(duration);
                Duration wu = Duration.ofSeconds(warmup);

                Wrk.Result ws = null;
                Wrk.Result ns = null;
                Wrk.Result wb = null;
                Wrk.Result nb = null;
                Wrk.Result ph = null;
                Wrk.Result od = null;
                if (only.equals("all") || only.equals("small")) {
                    Wrk.run(w + "/small.bin", threads, connections, wu, null, work);
                    Wrk.run(n + "/small.bin", threads, connections, wu, null, work);
                    Wrk.Result[] pair = alternate(
                            rounds,
                            () -> Wrk.run(w + "/small.bin", threads, connections, d, null, work),
                            () -> Wrk.run(n + "/small.bin", threads, connections, d, null, work));
                    ws = pair[0];
                    ns = pair[1];
                }
                if (only.equals("all") || only.equals("large")) {
                    Wrk.run(w + "/big.bin", 1, 4, wu, null, work);
                    Wrk.Result[] pair = alternate(
                            rounds,
                            () -> Wrk.run(w + "/big.bin", 1, 4, d, null, work),
                            () -> Wrk.run(n + "/big.bin", 1, 4, d, null, work));
                    wb = pair[0];
                    nb = pair[1];
                }
                if (only.equals("all") || only.equals("proxy")) {
                    Wrk.run(p, threads, connections, wu, origin + "/small.bin", work);
                    Wrk.Result[] pair = alternate(
                            rounds,
                            () -> Wrk.run(p, threads, connections, d, origin + "/small.bin", work),
                            () -> Wrk.run(origin + "/small.bin", threads, connections, d, null, work));
                    ph = pair[0];
                    od = pair[1];
                }
                System.out.println();
                System.out.printf("%-44s %14s %14s %8s%n", "measure", "wirekit", "peer", "ratio");
                if (ws != null) {
                    row("small file (1 KiB), requests/s vs nginx", ws.requestsPerSecond(), ns.requestsPerSecond());
                }
                if (wb != null) {
                    row(
                            "large file (100 MB), MiB/s vs nginx",
                            wb.bytesPerSecond() / (1 << 20),
                            nb.bytesPerSecond() / (1 << 20));
                }
                if (ph != null) {
                    row("proxy cache hits, requests/s vs origin", ph.requestsPerSecond(), od.requestsPerSecond());
                }
                System.out.println();
                System.out.printf("targets: small >= 1.00x, large >= 0.90x%n");
                System.out.printf("proxy cache: %s%n", proxy.cacheStats());
                for (Wrk.Result r : java.util.Arrays.asList(ws, ns, wb, nb, ph, od)) {
                    if (r != null && !r.errors().isEmpty()) {
                        System.out.println("wrk reported: " + r.errors());
                    }
                }
                System.out.println("wirekit server: " + wirekit.stats());
            }
        } finally {
            try (Stream<Path> all = Files.walk(work)) {
                for (Path f : all.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(f);
                }
            }
        }
    }

    private static void row(String what, double wirekit, double peer) {
        System.out.printf("%-44s %14.0f %14.0f %7.2fx%n", what, wirekit, peer, wirekit / peer);
    }

    /** The NIO transport with {@code loops} event loops. */
    private static Transport nio(int loops) {
        TransportProvider nio = java.util.ServiceLoader.load(TransportProvider.class).stream()
                .map(java.util.ServiceLoader.Provider::get)
                .filter(t -> t.name().equals("nio"))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("the nio transport is not on the class path"));
        return Transport.of(new TransportProvider() {
            @Override
            public String name() {
                return nio.name();
            }

            @Override
            public String description() {
                return nio.description();
            }

            @Override
            public int priority() {
                return nio.priority();
            }

            @Override
            public TransportDriver create(DriverConfig config) {
                return nio.create(new DriverConfig(loops, config.threadNamePrefix()));
            }
        });
    }

    /** One measurement of a run. */
    @FunctionalInterface
    private interface Run {
        Wrk.Result run() throws Exception;
    }

    /**
     * Runs {@code a} and {@code b} alternately, {@code rounds} times each, and returns the mean of
     * each: drift in the machine's load falls on both sides alike.
     */
    private static Wrk.Result[] alternate(int rounds, Run a, Run b) throws Exception {
        double[] sum = new double[4];
        StringBuilder errors = new StringBuilder();
        for (int i = 0; i < rounds; i++) {
            Wrk.Result ra = a.run();
            Wrk.Result rb = b.run();
            sum[0] += ra.requestsPerSecond();
            sum[1] += ra.bytesPerSecond();
            sum[2] += rb.requestsPerSecond();
            sum[3] += rb.bytesPerSecond();
            System.out.printf(
                    "  round %d: %.0f req/s %.0f MiB/s | %.0f req/s %.0f MiB/s%n",
                    i + 1,
                    ra.requestsPerSecond(),
                    ra.bytesPerSecond() / (1 << 20),
                    rb.requestsPerSecond(),
                    rb.bytesPerSecond() / (1 << 20));
            errors.append(ra.errors()).append(rb.errors());
        }
        return new Wrk.Result[] {
            new Wrk.Result(sum[0] / rounds, sum[1] / rounds, errors.toString()),
            new Wrk.Result(sum[2] / rounds, sum[3] / rounds, "")
        };
    }

    private static String stringArg(String[] args, String name, String otherwise) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return otherwise;
    }

    private static int intArg(String[] args, String name, int otherwise) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return Integer.parseInt(args[i + 1]);
            }
        }
        return otherwise;
    }

    /** Fails early with a clear message when a tool is missing. */
    static void require(String tool) throws IOException {
        if (Stream.of(System.getenv().getOrDefault("PATH", "").split(":"), new String[] {"/usr/sbin", "/usr/bin"})
                .flatMap(Stream::of)
                .noneMatch(dir -> Files.isExecutable(Path.of(dir, tool)))) {
            throw new IOException(tool + " is not installed");
        }
    }
}
