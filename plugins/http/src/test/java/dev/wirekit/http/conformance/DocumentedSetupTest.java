package dev.wirekit.http.conformance;

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
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The setup testkit/README.md documents, as the CLI runs it: {@code wirekit serve http --root
 * testkit/setups/http}, then {@code wirekit testkit http --target ...} with no facts given, passes
 * every rule and writes its reports.
 */
class DocumentedSetupTest {
    private static final Path ROOT = Path.of("../../testkit/setups/http");

    @Test
    void theDocumentedRootPassesTheSuiteWithDefaultFacts(@TempDir Path reports) throws Exception {
        assertTrue(Files.isRegularFile(ROOT.resolve("hello.txt")), "the documented root is " + ROOT.toAbsolutePath());
        ServiceProvider http = Providers.service("http");
        OptionValues options = OptionValues.parse(http.options(), Map.of("root", ROOT.toString()));
        try (Transport transport = Transport.load("nio");
                Server server = http.create(options)
                        .start(DeployContext.of(transport, new InetSocketAddress("127.0.0.1", 0), Protocol.TCP))) {
            CommandHarness.Result result = CommandHarness.run(
                    new TestkitCommand().command(),
                    transport,
                    Map.of(
                            "suite",
                            "http",
                            "target",
                            "127.0.0.1:" + server.localAddress().getPort(),
                            "report-dir",
                            reports.toString()),
                    "");
            assertEquals(0, result.exitCode(), result.out() + result.err());
            assertTrue(result.out().contains("27 rules: 27 passed, 0 failed, 0 skipped"), result.out());
            SuiteReport report = WireSuites.json()
                    .readValue(reports.resolve("wirekit-testkit-http.json").toFile(), SuiteReport.class);
            assertEquals(27, report.passed());
        }
    }
}
