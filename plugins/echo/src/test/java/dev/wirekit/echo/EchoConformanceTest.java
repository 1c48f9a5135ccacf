package dev.wirekit.echo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wirekit.api.Server;
import dev.wirekit.api.Transport;
import dev.wirekit.spi.DeployContext;
import dev.wirekit.spi.OptionValues;
import dev.wirekit.spi.Protocol;
import dev.wirekit.testkit.SamePort;
import dev.wirekit.testkit.wire.SuiteReport;
import dev.wirekit.testkit.wire.WireSuites;
import dev.wirekit.testkit.wire.WireTarget;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The testkit's echo suite against Wirekit's echo on both transports, and against a third-party echo
 * server (socat): the same rules, whoever wrote the server. Also checks the reports parse. (ncat's
 * {@code --exec} relay is not used: it passes E-1, E-2 and E-4 but fails E-5, and sometimes E-3,
 * depending on timing, which would make this test flaky; see testkit/SPEC.md.)
 */
class EchoConformanceTest {

    private static SuiteReport check(Transport client, InetSocketAddress server, boolean udp, Path reports)
            throws Exception {
        WireTarget target = WireTarget.of(server, client);
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        SuiteReport report = WireSuites.run(
                "echo",
                udp ? target.withDatagrams() : target,
                reports,
                new PrintStream(console, true, StandardCharsets.UTF_8));
        assertTrue(report.successful(), report.failures() + console.toString(StandardCharsets.UTF_8));
        return report;
    }

    @ParameterizedTest
    @ValueSource(strings = {"blocking", "nio"})
    void wirekitEchoPassesOverTcpAndUdp(String name, @TempDir Path reports) throws Exception {
        OptionValues defaults = OptionValues.parse(new EchoProvider().options(), Map.of());
        try (Transport transport = Transport.load(name);
                Server both = SamePort.start(
                        a -> new EchoProvider().create(defaults).start(DeployContext.of(transport, a, Protocol.TCP)),
                        a -> new EchoProvider().create(defaults).start(DeployContext.of(transport, a, Protocol.UDP)))) {
            SuiteReport report = check(transport, both.localAddress(), true, reports);
            assertEquals(List.of("E-1", "E-2", "E-3", "E-4", "E-5", "E-6"), report.rules(SuiteReport.Status.PASSED));
            assertReportsParse(reports, 6);
        }
    }

    @Test
    void socatEchoPasses(@TempDir Path reports) throws Exception {
        int port = freePort();
        assertThirdPartyPasses(
                List.of("socat", "TCP-LISTEN:" + port + ",bind=127.0.0.1,reuseaddr,fork", "PIPE"), port, reports);
    }

    private static void assertThirdPartyPasses(List<String> command, int port, Path reports) throws Exception {
        SuiteReport report = runAgainst(command, port, reports);
        assertTrue(report.successful(), report.failures());
        assertEquals(List.of("E-1", "E-2", "E-3", "E-4", "E-5"), report.rules(SuiteReport.Status.PASSED));
        assertEquals(List.of("E-6"), report.rules(SuiteReport.Status.SKIPPED), "UDP was not declared");
    }

    private static SuiteReport runAgainst(List<String> command, int port, Path reports) throws Exception {
        assumeTrue(onPath(command.get(0)), command.get(0) + " is not installed (CI installs it)");
        Process peer = new ProcessBuilder(command).redirectErrorStream(true).start();
        try (Transport transport = Transport.load("nio")) {
            awaitListening(port);
            return WireSuites.run(
                    "echo",
                    WireTarget.of(new InetSocketAddress("127.0.0.1", port), transport),
                    reports,
                    new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        } finally {
            peer.destroy();
            peer.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static void assertReportsParse(Path reports, int rules) throws Exception {
        JsonNode json = WireSuites.json()
                .readTree(reports.resolve("wirekit-testkit-echo.json").toFile());
        assertEquals("echo", json.get("suite").asText());
        assertEquals(
                rules,
                json.get("passed").asInt()
                        + json.get("failed").asInt()
                        + json.get("skipped").asInt());
        assertEquals(rules, json.get("rules").size());
        assertTrue(json.hasNonNull("testkitVersion") && json.hasNonNull("started") && json.has("testkitSha256"));
        Path xml;
        try (var files = Files.list(reports)) {
            xml = files.filter(p -> p.getFileName().toString().startsWith("TEST-"))
                    .findFirst()
                    .orElseThrow();
        }
        String report = Files.readString(xml);
        assertTrue(report.startsWith("<?xml") && report.strip().endsWith("</testsuite>"), "JUnit XML is complete");
        assertTrue(report.contains(" tests=\"" + rules + "\""), "JUnit XML counts the rules:\n" + report);
        assertEquals(rules, report.split("<testcase ", -1).length - 1, "one testcase per rule");
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static void awaitListening(int port) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (true) {
            try (java.net.Socket s = new java.net.Socket("127.0.0.1", port)) {
                return;
            } catch (java.net.ConnectException notYet) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("the peer did not start listening on " + port);
                }
                Thread.onSpinWait();
            }
        }
    }

    private static boolean onPath(String tool) {
        String path = System.getenv("PATH");
        return path != null
                && java.util.Arrays.stream(path.split(":")).anyMatch(d -> Files.isExecutable(Path.of(d, tool)));
    }
}
