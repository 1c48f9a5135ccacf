package dev.wirekit.bench.http;

import dev.wirekit.api.Server;
import dev.wirekit.api.Transport;
import dev.wirekit.api.TransportOptions;
import dev.wirekit.http.server.HttpServer;
import dev.wirekit.http.server.StaticFiles;
import dev.wirekit.tls.KeyMaterial;
import dev.wirekit.tls.TlsLayer;
import dev.wirekit.tls.TlsServerConfig;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Comparator;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Wirekit's HTTP server over its TLS layer (NIO transport) against nginx with OpenSSL, the same
 * certificate (ECDSA P-256), the same suite (TLS 1.3, {@code TLS_AES_128_GCM_SHA256}: Wirekit's first
 * choice; OpenSSL would pick AES-256 on its own) and the same number of workers, in one run, with
 * wrk over https:
 * requests/s for a 1 KiB file on kept-alive connections (record crypto and HTTP, few handshakes)
 * and MiB/s for a 100 MB file (bulk encryption: neither side can use sendfile under TLS). Rounds
 * alternate the two servers; the mean of each is printed with the ratio.
 *
 * <pre>
 * ./mvnw -q -pl bench -am package -DskipTests dependency:build-classpath -Dmdep.outputFile=target/classpath.txt
 * java -XX:+UseParallelGC -Xmx1g -cp "bench/target/classes:$(cat bench/target/classpath.txt)" \
 *     dev.wirekit.bench.http.HttpsBench [seconds-per-round] [rounds]
 * </pre>
 */
public final class HttpsBench {
    private HttpsBench() {}

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        int workers = Runtime.getRuntime().availableProcessors();
        // wrk ends its connections with resets: one INFO line each would swamp the figures
        java.util.logging.Logger.getLogger("").setLevel(java.util.logging.Level.WARNING);
        HttpBench.require("wrk");
        HttpBench.require("nginx");
        Path work = Files.createTempDirectory("wirekit-https-bench");
        Path root = Files.createDirectory(work.resolve("www"));
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
        Path certDir = Files.createDirectory(work.resolve("cert"));
        KeyMaterial material = KeyMaterial.developmentCertificate(certDir, InstantSource.system());
        TlsLayer tls = TlsLayer.server(TlsServerConfig.builder(material)
                .applicationProtocols("http/1.1")
                .build());
        System.out.printf(
                "HTTPS benchmark: %d cores, %d workers each, %d rounds of %d s alternating, wrk -t1%n",
                Runtime.getRuntime().availableProcessors(), workers, rounds, seconds);
        Process nginx = null;
        try (Transport transport = Transport.load("nio");
                Server wirekit = HttpServer.builder()
                        .staticFiles("/", StaticFiles.of(root))
                        .build()
                        .start(
                                transport,
                                new InetSocketAddress("127.0.0.1", 0),
                                TransportOptions.builder().layer(tls).build())) {
            int nginxPort = freePort();
            nginx = startNginx(work, root, certDir, nginxPort, workers);
            String w = "https://127.0.0.1:" + wirekit.localAddress().getPort();
            String n = "https://127.0.0.1:" + nginxPort;
            Duration d = Duration.ofSeconds(seconds);
            Duration warm = Duration.ofSeconds(Math.max(3, seconds / 2));
            Wrk.run(w + "/small.bin", 1, 64, warm, null, work);
            Wrk.run(n + "/small.bin", 1, 64, warm, null, work);
            double[] small64 = alternate(rounds, d, w + "/small.bin", n + "/small.bin", 64, work, false);
            Wrk.run(w + "/big.bin", 1, 4, warm, null, work);
            double[] large = alternate(rounds, d, w + "/big.bin", n + "/big.bin", 4, work, true);
            System.out.println();
            System.out.printf("%-48s %12s %12s %8s%n", "measure (https, TLS 1.3)", "wirekit", "nginx", "ratio");
            System.out.printf(
                    "%-48s %12.0f %12.0f %7.2fx%n",
                    "small file (1 KiB), requests/s, 64 connections", small64[0], small64[1], small64[0] / small64[1]);
            System.out.printf(
                    "%-48s %12.0f %12.0f %7.2fx%n",
                    "large file (100 MB), MiB/s, 4 connections", large[0], large[1], large[0] / large[1]);
            System.out.println("wirekit server: " + wirekit.stats());
        } finally {
            if (nginx != null) {
                nginx.destroy();
                if (!nginx.waitFor(10, TimeUnit.SECONDS)) {
                    nginx.destroyForcibly();
                }
            }
            try (Stream<Path> all = Files.walk(work)) {
                for (Path f : all.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(f);
                }
            }
        }
    }

    /** Means of Wirekit's and nginx's figure (requests/s, or MiB/s when {@code bytes}). */
    private static double[] alternate(
            int rounds, Duration d, String wirekit, String nginx, int connections, Path work, boolean bytes)
            throws Exception {
        double a = 0;
        double b = 0;
        for (int i = 0; i < rounds; i++) {
            Wrk.Result ra = Wrk.run(wirekit, 1, connections, d, null, work);
            Wrk.Result rb = Wrk.run(nginx, 1, connections, d, null, work);
            double va = bytes ? ra.bytesPerSecond() / (1 << 20) : ra.requestsPerSecond();
            double vb = bytes ? rb.bytesPerSecond() / (1 << 20) : rb.requestsPerSecond();
            System.out.printf("  round %d: wirekit %.0f | nginx %.0f %s%n", i + 1, va, vb, ra.errors() + rb.errors());
            a += va;
            b += vb;
        }
        return new double[] {a / rounds, b / rounds};
    }

    private static Process startNginx(Path work, Path root, Path certDir, int port, int workers)
            throws IOException, InterruptedException {
        Path dir = Files.createDirectory(work.resolve("nginx"));
        String conf = """
                daemon off;
                master_process on;
                user root;
                worker_processes %1$d;
                pid %2$s/nginx.pid;
                error_log %2$s/error.log warn;
                events { worker_connections 4096; }
                http {
                    include /etc/nginx/mime.types;
                    default_type application/octet-stream;
                    access_log off;
                    keepalive_requests 1000000;
                    client_body_temp_path %2$s/body;
                    proxy_temp_path %2$s/proxy;
                    fastcgi_temp_path %2$s/fastcgi;
                    uwsgi_temp_path %2$s/uwsgi;
                    scgi_temp_path %2$s/scgi;
                    server {
                        listen 127.0.0.1:%3$d ssl;
                        ssl_certificate %4$s/cert.pem;
                        ssl_certificate_key %4$s/key.pem;
                        ssl_protocols TLSv1.3;
                        ssl_conf_command Ciphersuites TLS_AES_128_GCM_SHA256;
                        root %5$s;
                    }
                }
                """.formatted(workers, dir, port, certDir, root);
        Path file = dir.resolve("nginx.conf");
        Files.writeString(file, conf);
        Process p = new ProcessBuilder("nginx", "-c", file.toString(), "-p", dir.toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("nginx.out").toFile())
                .start();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) {
                throw new IOException("nginx exited: " + Files.readString(dir.resolve("nginx.out")));
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return p;
            } catch (IOException notYet) {
                p.waitFor(20, TimeUnit.MILLISECONDS);
            }
        }
        p.destroyForcibly();
        throw new IOException("nginx did not listen within 10 s");
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
