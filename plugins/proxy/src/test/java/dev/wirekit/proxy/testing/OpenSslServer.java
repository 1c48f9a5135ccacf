package dev.wirekit.proxy.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.wirekit.http.testing.Tools;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * {@code openssl s_server -www} (Debian package {@code openssl}) on a free loopback port with a
 * throwaway self-signed certificate: a TLS origin for CONNECT tests. Stopped on close.
 */
public final class OpenSslServer implements AutoCloseable {
    private final Process process;
    private final Path dir;
    private final int port;

    private OpenSslServer(Process process, Path dir, int port) {
        this.process = process;
        this.dir = dir;
        this.port = port;
    }

    public static void assumeInstalled() {
        assumeTrue(Tools.installed("openssl"), "openssl is not installed (Debian package openssl)");
    }

    public static OpenSslServer start() throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("wirekit-openssl");
        Path key = dir.resolve("key.pem");
        Path cert = dir.resolve("cert.pem");
        Process gen = new ProcessBuilder(
                        "openssl",
                        "req",
                        "-x509",
                        "-newkey",
                        "ec",
                        "-pkeyopt",
                        "ec_paramgen_curve:prime256v1",
                        "-nodes",
                        "-keyout",
                        key.toString(),
                        "-out",
                        cert.toString(),
                        "-days",
                        "1",
                        "-subj",
                        "/CN=localhost")
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("gen.log").toFile())
                .start();
        if (!gen.waitFor(30, TimeUnit.SECONDS) || gen.exitValue() != 0) {
            throw new IOException("openssl req failed: " + Files.readString(dir.resolve("gen.log")));
        }
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Process p = new ProcessBuilder(
                        "openssl",
                        "s_server",
                        "-accept",
                        "127.0.0.1:" + port,
                        "-www",
                        "-cert",
                        cert.toString(),
                        "-key",
                        key.toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("server.log").toFile())
                .redirectInput(ProcessBuilder.Redirect.PIPE)
                .start();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) {
                throw new IOException("openssl s_server exited: " + Files.readString(dir.resolve("server.log")));
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return new OpenSslServer(p, dir, port);
            } catch (IOException notYet) {
                p.waitFor(20, TimeUnit.MILLISECONDS);
            }
        }
        p.destroyForcibly();
        throw new IOException("openssl s_server did not listen within 10 s");
    }

    public int port() {
        return port;
    }

    @Override
    public void close() throws IOException {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path f : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(f);
            }
        }
    }
}
