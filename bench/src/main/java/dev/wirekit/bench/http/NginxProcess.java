package dev.wirekit.bench.http;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * nginx started for a benchmark: two servers on free loopback ports over one directory, one plain
 * (the static-file peer) and one adding {@code Cache-Control: max-age=3600} (the proxy's origin).
 */
final class NginxProcess implements AutoCloseable {
    private final Process process;
    final int plainPort;
    final int cachingPort;

    private NginxProcess(Process process, int plainPort, int cachingPort) {
        this.process = process;
        this.plainPort = plainPort;
        this.cachingPort = cachingPort;
    }

    static NginxProcess start(Path root, Path dir, int workers) throws IOException, InterruptedException {
        int plain = freePort();
        int caching = freePort();
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
                    sendfile on;
                    tcp_nopush on;
                    keepalive_requests 1000000;
                    client_body_temp_path %2$s/body;
                    proxy_temp_path %2$s/proxy;
                    fastcgi_temp_path %2$s/fastcgi;
                    uwsgi_temp_path %2$s/uwsgi;
                    scgi_temp_path %2$s/scgi;
                    server { listen 127.0.0.1:%3$d; root %5$s; }
                    server { listen 127.0.0.1:%4$d; root %5$s; location / { expires 1h; } }
                }
                """.formatted(workers, dir, plain, caching, root);
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
            if (listening(plain) && listening(caching)) {
                return new NginxProcess(p, plain, caching);
            }
            p.waitFor(20, TimeUnit.MILLISECONDS);
        }
        p.destroyForcibly();
        throw new IOException("nginx did not start within 10 s");
    }

    private static boolean listening(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }
}
