package dev.wirekit.file;

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
import dev.wirekit.testkit.wire.TestkitCommand;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The setups testkit/README.md documents, as the CLI runs them: {@code wirekit serve file --root DIR}
 * then {@code wirekit testkit file --target ...} with no facts; and a read-only server with
 * {@code --fact uploads=false}.
 */
class DocumentedSetupTest {
    @TempDir
    Path dir;

    private CommandHarness.Result check(Map<String, Object> serve, Map<String, Object> testkit) throws Exception {
        ServiceProvider file = Providers.service("file");
        OptionValues options = OptionValues.parse(file.options(), serve);
        try (Transport transport = Transport.load("nio");
                Server server =
                        file.create(options).start(DeployContext.of(transport, Fixtures.ANY_PORT, Protocol.TCP))) {
            Map<String, Object> values = new java.util.HashMap<>(testkit);
            values.put("suite", "file");
            values.put("target", "127.0.0.1:" + server.localAddress().getPort());
            values.put("report-dir", dir.resolve("reports").toString());
            return CommandHarness.run(new TestkitCommand().command(), transport, values, "");
        }
    }

    @Test
    void aWritableRootPassesWithDefaultFacts() throws Exception {
        Path root = Files.createDirectories(dir.resolve("root"));
        CommandHarness.Result r = check(Map.of("root", root.toString()), Map.of());
        assertEquals(0, r.exitCode(), r.out() + r.err());
        assertTrue(r.out().contains("17 rules: 16 passed, 0 failed, 1 skipped"), r.out());
        assertTrue(r.out().contains("fact 'token' is not set"), r.out());
    }

    @Test
    void aReadOnlyServerWithTheFactSkipsTheUploadRules() throws Exception {
        Path root = Files.createDirectories(dir.resolve("ro"));
        CommandHarness.Result r =
                check(Map.of("root", root.toString(), "read-only", true), Map.of("fact", List.of("uploads=false")));
        assertEquals(0, r.exitCode(), r.out() + r.err());
        assertTrue(r.out().contains("17 rules: 6 passed, 0 failed, 11 skipped"), r.out());
    }

    @Test
    void aReadOnlyServerWithoutTheFactFailsTheUploadRules() throws Exception {
        Path root = Files.createDirectories(dir.resolve("ro2"));
        CommandHarness.Result r = check(Map.of("root", root.toString(), "read-only", true), Map.of());
        assertEquals(1, r.exitCode(), r.out() + r.err());
        assertTrue(r.out().contains("FAIL  FT-4"), r.out());
    }
}
