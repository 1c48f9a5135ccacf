package dev.wirekit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.wirekit.api.SecurityInfo;
import dev.wirekit.api.Server;
import dev.wirekit.api.Transport;
import dev.wirekit.api.TransportOptions;
import dev.wirekit.http.server.HttpServer;
import dev.wirekit.spi.OptionValues;
import dev.wirekit.tls.TlsSettings;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * TLS by configuration alone, as a user does it: {@code wirekit cert create}, then {@code wirekit
 * serve echo --cert --key}, answered over TLS by OpenSSL, by {@code wirekit echo --trust} (TCP, and
 * UDP over DTLS), and certified by {@code wirekit testkit echo --trust}.
 */
class TlsEndToEndTest {
    private static final Duration START = Duration.ofSeconds(60);

    @TempDir
    static Path dir;

    private static Path cert;
    private static Path key;

    @BeforeAll
    static void certificate() throws Exception {
        cert = dir.resolve("cert.pem");
        key = dir.resolve("key.pem");
        try (CliProcess create = CliProcess.start(
                "cert", "create", "--out", cert.toString(), "--key-out", key.toString(), "--cn", "localhost")) {
            String output = create.outputUntilExit(START);
            assertEquals(0, create.process.exitValue(), output);
        }
        assertTrue(Files.readString(cert).contains("BEGIN CERTIFICATE"));
    }

    private static int port(List<String> endpoints, String protocol) {
        for (String e : endpoints) {
            if (e.startsWith(protocol + " ")) {
                return Integer.parseInt(e.substring(e.lastIndexOf(':') + 1));
            }
        }
        throw new AssertionError("no " + protocol + " endpoint in " + endpoints);
    }

    @ParameterizedTest
    @ValueSource(strings = {"blocking", "nio"})
    void serveEchoOverTlsAndDtls(String transport) throws Exception {
        try (CliProcess server = CliProcess.start(
                "serve",
                "echo",
                "--port",
                "0",
                "--transport",
                transport,
                "--cert",
                cert.toString(),
                "--key",
                key.toString())) {
            List<String> endpoints = server.awaitListening(START);
            int tcp = port(endpoints, "tcp");
            int udp = port(endpoints, "udp");

            try (CliProcess client = CliProcess.start(
                    "echo",
                    "127.0.0.1:" + tcp,
                    "--transport",
                    transport,
                    "--trust",
                    cert.toString(),
                    "--sni",
                    "localhost",
                    "over",
                    "tls")) {
                assertEquals("over tls\n", client.outputUntilExit(START));
                assertEquals(0, client.process.exitValue());
            }

            try (CliProcess client = CliProcess.start(
                    "echo",
                    "127.0.0.1:" + udp,
                    "--udp",
                    "--transport",
                    transport,
                    "--trust",
                    cert.toString(),
                    "dtls")) {
                assertEquals("dtls\n", client.outputUntilExit(START));
                assertEquals(0, client.process.exitValue());
            }

            // the system trust store does not know a self-made certificate: refused, and said why
            try (CliProcess client = CliProcess.start("echo", "127.0.0.1:" + tcp, "--tls", "untrusted")) {
                String output = client.outputUntilExit(START);
                assertNotEquals(0, client.process.exitValue(), output);
                assertTrue(output.toLowerCase(java.util.Locale.ROOT).contains("trust"), output);
            }

            if (onPath("openssl")) {
                for (String version : List.of("-tls1_3", "-tls1_2")) {
                    assertEquals("openssl says hello", opensslEcho(tcp, version, "openssl says hello"), version);
                }
            }

            server.process.destroy();
            assertTrue(server.process.waitFor(30, TimeUnit.SECONDS), "the server did not stop on SIGTERM");
        }
    }

    @Test
    void theEchoSuitePassesOverTls() throws Exception {
        Path reports = dir.resolve("reports");
        try (CliProcess server =
                CliProcess.start("serve", "echo", "--port", "0", "--cert", cert.toString(), "--key", key.toString())) {
            int tcp = port(server.awaitListening(START), "tcp");
            try (CliProcess testkit = CliProcess.start(
                    "testkit",
                    "echo",
                    "--target",
                    "127.0.0.1:" + tcp,
                    "--trust",
                    cert.toString(),
                    "--report-dir",
                    reports.toString())) {
                String output = testkit.outputUntilExit(Duration.ofMinutes(3));
                assertEquals(0, testkit.process.exitValue(), output);
            }
        }
        List<Path> summaries = new ArrayList<>();
        try (var files = Files.list(reports)) {
            files.filter(p -> p.getFileName().toString().endsWith(".json")).forEach(summaries::add);
        }
        assertEquals(1, summaries.size(), "one JSON summary: " + summaries);
        String summary = Files.readString(summaries.get(0));
        assertTrue(summary.matches("(?s).*\"failed\"\\s*:\\s*0\\b.*"), summary);
        assertTrue(summary.matches("(?s).*\"passed\"\\s*:\\s*[1-9].*"), summary);
    }

    @Test
    void contradictoryTlsOptionsAreAUsageError() throws Exception {
        try (CliProcess server = CliProcess.start("serve", "echo", "--port", "0", "--key", key.toString())) {
            String output = server.outputUntilExit(START);
            assertEquals(2, server.process.exitValue(), output);
            assertTrue(output.contains("--key needs --cert"), output);
        }
    }

    @Test
    void httpGetOffersHttp11AsAlpnUnlessToldOtherwise() throws Exception {
        TransportOptions tls = TlsSettings.from(OptionValues.parse(
                        TlsSettings.serverOptions(),
                        Map.of("cert", cert, "key", key, "alpn", List.of("h2", "http/1.1"))))
                .serverStreamOptions(TransportOptions.defaults());
        HttpServer http = HttpServer.builder()
                .get(
                        "/alpn",
                        (req, res) -> res.send(req.security()
                                        .flatMap(SecurityInfo::applicationProtocol)
                                        .orElse("none")
                                + "\n"))
                .build();
        try (Transport transport = Transport.load("nio");
                Server server = http.start(transport, new InetSocketAddress("127.0.0.1", 0), tls)) {
            String url = "https://localhost:" + server.localAddress().getPort() + "/alpn";
            try (CliProcess get = CliProcess.start("http", "get", url, "--trust", cert.toString())) {
                String output = get.outputUntilExit(START);
                assertEquals(0, get.process.exitValue(), output);
                assertEquals("http/1.1", output.strip().lines().toList().getLast(), output);
            }
            try (CliProcess get = CliProcess.start("http", "get", url, "--trust", cert.toString(), "--alpn", "h2")) {
                String output = get.outputUntilExit(START);
                assertEquals("h2", output.strip().lines().toList().getLast(), "--alpn replaces the default: " + output);
            }
        }
    }

    private static boolean onPath(String tool) {
        boolean found = System.getenv("PATH") != null
                && java.util.Arrays.stream(System.getenv("PATH").split(":"))
                        .anyMatch(d -> Files.isExecutable(Path.of(d, tool)));
        assumeTrue(found || !"true".equals(System.getenv("CI")), tool + " must be installed in CI");
        return found;
    }

    /** Sends one line through {@code openssl s_client} and returns the first line that comes back. */
    private static String opensslEcho(int port, String version, String line) throws Exception {
        Process p = new ProcessBuilder(List.of(
                        "openssl",
                        "s_client",
                        "-connect",
                        "127.0.0.1:" + port,
                        version,
                        "-CAfile",
                        cert.toString(),
                        "-verify_return_error",
                        "-verify_hostname",
                        "localhost",
                        "-servername",
                        "localhost",
                        "-quiet",
                        "-no_ign_eof"))
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        try {
            OutputStream stdin = p.getOutputStream();
            stdin.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            stdin.flush();
            // wait for the echo before closing our side: at the end of its input s_client closes at once
            CompletableFuture<String> reply = CompletableFuture.supplyAsync(() -> {
                try {
                    return new java.io.BufferedReader(
                                    new java.io.InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))
                            .readLine();
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            String echoed = reply.get(30, TimeUnit.SECONDS);
            stdin.close();
            assertTrue(p.waitFor(30, TimeUnit.SECONDS), "s_client did not exit after close_notify");
            return echoed;
        } finally {
            p.destroyForcibly();
        }
    }
}
