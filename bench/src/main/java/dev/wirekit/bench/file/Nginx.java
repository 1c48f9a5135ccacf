package dev.wirekit.bench.file;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * nginx serving a directory over HTTP from a temporary configuration: {@code daemon off}, sendfile
 * on, no access log, as many workers as processors. Closing stops it.
 */
final class Nginx implements AutoCloseable {
    private final Process process;
    final InetSocketAddress address;

    private Nginx(Process process, InetSocketAddress address) {
        this.process = process;
        this.address = address;
    }

    static boolean available() {
        return Files.isExecutable(Path.of("/usr/sbin/nginx"));
    }

    static Nginx serve(Path root, Path work) throws IOException, InterruptedException {
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        Files.createDirectories(work);
        String conf = """
                daemon off;
                worker_processes auto;
                pid %1$s/nginx.pid;
                error_log %1$s/error.log warn;
                events { worker_connections 256; }
                http {
                    access_log off;
                    sendfile on;
                    tcp_nopush on;
                    default_type application/octet-stream;
                    client_body_temp_path %1$s/body;
                    proxy_temp_path %1$s/proxy;
                    fastcgi_temp_path %1$s/fastcgi;
                    uwsgi_temp_path %1$s/uwsgi;
                    scgi_temp_path %1$s/scgi;
                    server {
                        listen 127.0.0.1:%2$d;
                        root %3$s;
                    }
                }
                """.formatted(work, port, root);
        Path file = Files.writeString(work.resolve("nginx.conf"), conf);
        Process p = new ProcessBuilder("/usr/sbin/nginx", "-p", work.toString(), "-c", file.toString())
                .redirectErrorStream(true)
                .redirectOutput(work.resolve("stdout.log").toFile())
                .start();
        InetSocketAddress address = new InetSocketAddress("127.0.0.1", port);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            try (Socket s = new Socket()) {
                s.connect(address, 200);
                return new Nginx(p, address);
            } catch (IOException e) {
                if (!p.isAlive() || System.nanoTime() > deadline) {
                    p.destroyForcibly();
                    throw new IOException("nginx did not start: " + Files.readString(work.resolve("error.log")));
                }
                Thread.sleep(20);
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy(); // SIGTERM: nginx stops at once
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
