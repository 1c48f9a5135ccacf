package dev.wirekit.chat;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** A real IRC server (ngircd, Debian package {@code ngircd}) on a loopback port, for one test. */
final class Ngircd implements AutoCloseable {
    private final Process process;
    final InetSocketAddress address;
    /** The TLS port's address, or null when started without a certificate. */
    final InetSocketAddress tlsAddress;

    final Path log;

    private Ngircd(Process process, InetSocketAddress address, InetSocketAddress tlsAddress, Path log) {
        this.process = process;
        this.address = address;
        this.tlsAddress = tlsAddress;
        this.log = log;
    }

    static Path binary() {
        for (String candidate : new String[] {"/usr/sbin/ngircd", "/usr/bin/ngircd", "/usr/local/sbin/ngircd"}) {
            if (Files.isExecutable(Path.of(candidate))) {
                return Path.of(candidate);
            }
        }
        return null;
    }

    /** Starts ngircd in the foreground with a temp configuration; skips the test when it is not installed. */
    static Ngircd start(Path dir) throws IOException, InterruptedException {
        return start(dir, null);
    }

    /**
     * As {@link #start(Path)}, with a TLS port too when {@code certificate} is given (its PEM files are
     * written into {@code dir}).
     */
    static Ngircd start(Path dir, ChatPki.Issued certificate) throws IOException, InterruptedException {
        Path binary = binary();
        assumeTrue(binary != null, "ngircd is not installed (Debian package ngircd)");
        int port = freePort();
        int tlsPort = certificate == null ? 0 : freePort();
        String ssl = "";
        if (certificate != null) {
            Path[] pem = certificate.writePem(dir, "ngircd");
            ssl = String.join("\n", "[SSL]", "CertFile = " + pem[0], "KeyFile = " + pem[1], "Ports = " + tlsPort, "");
        }
        Path conf = dir.resolve("ngircd.conf");
        Files.writeString(
                conf,
                String.join(
                        "\n",
                        "[Global]",
                        "Name = irc.ngircd.test",
                        "Info = Wirekit test peer",
                        "AdminInfo1 = Wirekit tests",
                        "Listen = 127.0.0.1",
                        "Ports = " + port,
                        "MotdPhrase = Wirekit test peer",
                        "[Limits]",
                        "MaxConnectionsIP = 0",
                        "MaxNickLength = 30",
                        "MaxJoins = 50",
                        "PingTimeout = 600",
                        // No penalty delays: the suite sends commands faster than a person types.
                        "MaxPenaltyTime = 0",
                        "[Options]",
                        "DNS = no",
                        "Ident = no",
                        "PAM = no",
                        ssl));
        Path log = dir.resolve("ngircd.log");
        Process process = new ProcessBuilder(binary.toString(), "-n", "-f", conf.toString())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
        InetSocketAddress tlsAddress =
                certificate == null ? null : new InetSocketAddress(InetAddress.getLoopbackAddress(), tlsPort);
        Ngircd ngircd = new Ngircd(process, address, tlsAddress, log);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (true) {
            try (Socket s = new Socket();
                    Socket t = new Socket()) {
                s.connect(address, 1000);
                if (tlsAddress != null) {
                    t.connect(tlsAddress, 1000);
                }
                return ngircd;
            } catch (IOException notYet) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    ngircd.close();
                    throw new IOException(
                            "ngircd did not start listening on " + address + ": " + Files.readString(log));
                }
                process.waitFor(20, TimeUnit.MILLISECONDS); // poll with a deadline while it starts
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
