package dev.wirekit.tls.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.wirekit.api.Server;
import dev.wirekit.api.Transport;
import dev.wirekit.api.TransportOptions;
import dev.wirekit.echo.EchoProvider;
import dev.wirekit.spi.DeployContext;
import dev.wirekit.spi.OptionValues;
import dev.wirekit.spi.Protocol;
import dev.wirekit.testkit.SamePort;
import dev.wirekit.testkit.pki.PemFiles;
import dev.wirekit.testkit.wire.SuiteReport;
import dev.wirekit.testkit.wire.WireSuites;
import dev.wirekit.testkit.wire.WireTarget;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The testkit's echo wire suite over TLS (and DTLS for UDP): against Wirekit's echo service on both
 * transports, and against a third-party TLS echo server (socat's OpenSSL listener) with a
 * certificate from the testkit's PKI. The suite's client carries the TLS client layer in its
 * options, exactly as {@code wirekit testkit echo --tls --trust root.pem} does.
 */
class EchoOverTlsConformanceTest {

    private static WireTarget tlsTarget(InetSocketAddress address, Transport transport, boolean udp) {
        return new WireTarget(
                address,
                transport,
                TlsOptions.with(TlsOptions.TLS_CLIENT),
                TlsOptions.with(TlsOptions.DTLS_CLIENT),
                udp,
                Duration.ofSeconds(15));
    }

    private static SuiteReport run(WireTarget target, Path reports) throws Exception {
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        SuiteReport report =
                WireSuites.run("echo", target, reports, new PrintStream(console, true, StandardCharsets.UTF_8));
        assertTrue(report.successful(), report.failures() + console.toString(StandardCharsets.UTF_8));
        return report;
    }

    @ParameterizedTest
    @ValueSource(strings = {"blocking", "nio"})
    void wirekitEchoPassesOverTlsAndDtls(String name, @TempDir Path reports) throws Exception {
        OptionValues defaults = OptionValues.parse(new EchoProvider().options(), Map.of());
        TransportOptions tls = TlsOptions.with(TlsOptions.TLS_SERVER);
        TransportOptions dtls = TlsOptions.with(TlsOptions.DTLS_SERVER);
        try (Transport transport = Transport.load(name);
                Server both = SamePort.start(
                        a -> new EchoProvider()
                                .create(defaults)
                                .start(new DeployContext(transport, a, Set.of(Protocol.TCP), tls, dtls)),
                        a -> new EchoProvider()
                                .create(defaults)
                                .start(new DeployContext(transport, a, Set.of(Protocol.UDP), tls, dtls)))) {
            SuiteReport report = run(tlsTarget(both.localAddress(), transport, true), reports);
            assertEquals(List.of("E-1", "E-2", "E-3", "E-4", "E-5", "E-6"), report.rules(SuiteReport.Status.PASSED));
        }
    }

    @Test
    void socatTlsEchoPasses(@TempDir Path dir) throws Exception {
        assumeTrue(onPath("socat"), "socat is not installed (CI installs the Debian package socat)");
        PemFiles server = TlsOptions.SERVER.writePem(dir, "server");
        int port = freePort();
        Process socat = new ProcessBuilder(
                        "socat",
                        "OPENSSL-LISTEN:" + port + ",bind=127.0.0.1,reuseaddr,fork,cert=" + server.certificateChain()
                                + ",key=" + server.privateKey() + ",verify=0",
                        "PIPE")
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("socat.log").toFile())
                .start();
        try (Transport transport = Transport.load("nio")) {
            awaitListening(port, socat, dir.resolve("socat.log"));
            SuiteReport report = run(tlsTarget(new InetSocketAddress("127.0.0.1", port), transport, false), dir);
            assertEquals(List.of("E-1", "E-2", "E-3", "E-4", "E-5"), report.rules(SuiteReport.Status.PASSED));
            assertEquals(List.of("E-6"), report.rules(SuiteReport.Status.SKIPPED), "UDP was not declared");
        } finally {
            socat.destroy();
            if (!socat.waitFor(10, TimeUnit.SECONDS)) {
                socat.destroyForcibly();
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** Waits (bounded) until socat accepts connections; fails with its output if it exits first. */
    private static void awaitListening(int port, Process peer, Path log) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (true) {
            try (Socket s = new Socket("127.0.0.1", port)) {
                return;
            } catch (java.net.ConnectException notYet) {
                if (!peer.isAlive() || System.nanoTime() > deadline) {
                    throw new AssertionError("socat did not start listening on " + port + ": " + Files.readString(log));
                }
            }
            try {
                peer.onExit().get(10, TimeUnit.MILLISECONDS); // a bounded wait between attempts
            } catch (java.util.concurrent.TimeoutException stillRunning) {
                // poll again
            }
        }
    }

    private static boolean onPath(String tool) {
        String path = System.getenv("PATH");
        return path != null
                && java.util.Arrays.stream(path.split(":")).anyMatch(d -> Files.isExecutable(Path.of(d, tool)));
    }
}
