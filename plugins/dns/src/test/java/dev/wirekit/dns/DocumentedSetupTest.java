package dev.wirekit.dns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wirekit.api.Server;
import dev.wirekit.api.Transport;
import dev.wirekit.spi.DeployContext;
import dev.wirekit.spi.OptionValues;
import dev.wirekit.spi.Protocol;
import dev.wirekit.spi.Providers;
import dev.wirekit.spi.ServiceProvider;
import dev.wirekit.testkit.doubles.CommandHarness;
import dev.wirekit.testkit.wire.SuiteReport;
import dev.wirekit.testkit.wire.TestkitCommand;
import dev.wirekit.testkit.wire.WireSuites;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The setup testkit/README.md documents, as the CLI runs it: {@code wirekit serve dns --zone
 * testkit/setups/dns/example.test.zone}, then {@code wirekit testkit dns --target ...} with no facts
 * given, passes every rule and writes its reports.
 */
class DocumentedSetupTest {
    private static final Path ZONE = Path.of("../../testkit/setups/dns/example.test.zone");

    @Test
    void theDocumentedZonePassesTheSuiteWithDefaultFacts(@TempDir Path reports) throws Exception {
        assertTrue(Files.isRegularFile(ZONE), "the documented zone file is at " + ZONE.toAbsolutePath());
        ServiceProvider dns = Providers.service("dns");
        OptionValues options = OptionValues.parse(dns.options(), Map.of("zone", List.of(ZONE.toString())));
        try (Transport transport = Transport.load("nio");
                Server server = dns.create(options)
                        .start(DeployContext.of(
                                transport, new InetSocketAddress("127.0.0.1", 0), Protocol.UDP, Protocol.TCP))) {
            CommandHarness.Result result = CommandHarness.run(
                    new TestkitCommand().command(),
                    transport,
                    Map.of(
                            "suite",
                            "dns",
                            "target",
                            "127.0.0.1:" + server.localAddress().getPort(),
                            "report-dir",
                            reports.toString()),
                    "");
            assertEquals(0, result.exitCode(), result.out() + result.err());
            assertTrue(result.out().contains("17 rules: 17 passed, 0 failed, 0 skipped"), result.out());
            SuiteReport report = WireSuites.json()
                    .readValue(reports.resolve("wirekit-testkit-dns.json").toFile(), SuiteReport.class);
            assertEquals(17, report.passed());
            assertTrue(Files.exists(reports.resolve("TEST-wirekit-testkit-dns.xml")), "JUnit XML");
        }
    }
}
