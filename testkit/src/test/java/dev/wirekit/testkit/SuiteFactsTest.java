package dev.wirekit.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wirekit.api.Transport;
import dev.wirekit.testkit.doubles.CommandHarness;
import dev.wirekit.testkit.netty.NettyTransportProvider;
import dev.wirekit.testkit.wire.Fact;
import dev.wirekit.testkit.wire.SuiteReport;
import dev.wirekit.testkit.wire.TestkitCommand;
import dev.wirekit.testkit.wire.WireSuites;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Facts and rule selection as {@code wirekit testkit} takes them. Every case here is decided before
 * the suite talks to the target (the port is never listened on), so none needs a server: the suites
 * themselves are run against real servers by the plugins' tests.
 */
class SuiteFactsTest {
    private final Transport transport = Transport.of(new NettyTransportProvider());

    @AfterEach
    void close() {
        transport.close();
    }

    private CommandHarness.Result run(Map<String, Object> values) throws Exception {
        Map<String, Object> all = new HashMap<>(values);
        all.putIfAbsent("target", "127.0.0.1:9");
        return CommandHarness.run(new TestkitCommand().command(), transport, all, "");
    }

    @Test
    void everySuiteIsListedAndHasNumberedRules() throws Exception {
        assertTrue(
                run(Map.of()).out().contains("dns, http, file"), run(Map.of()).out());
        assertEquals(IntStream.rangeClosed(1, 17).mapToObj(i -> "DNS-" + i).toList(), WireSuites.rules("dns"));
        assertEquals(IntStream.rangeClosed(1, 27).mapToObj(i -> "HTTP-" + i).toList(), WireSuites.rules("http"));
        assertEquals(IntStream.rangeClosed(1, 17).mapToObj(i -> "FT-" + i).toList(), WireSuites.rules("file"));
    }

    @Test
    void describeListsTheRulesAndTheFactsWithTheirDefaults() throws Exception {
        CommandHarness.Result r = run(Map.of("suite", "dns", "describe", true));
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().startsWith("dns rules: DNS-1, DNS-2, DNS-3,"), r.out());
        for (Fact f : WireSuites.facts("dns")) {
            assertTrue(r.out().contains(f.name()) && r.out().contains(f.defaultValue()), f + " in " + r.out());
        }
        assertTrue(run(Map.of("suite", "file", "describe", true)).out().contains("token"), "file facts");
        assertTrue(run(Map.of("suite", "echo", "describe", true)).out().contains("facts: none"), "echo has none");
    }

    @Test
    void anUnknownFactStopsTheRunNamingTheSuitesFacts() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> run(Map.of("suite", "http", "fact", List.of("hots=x"))));
        assertEquals(
                "the http suite has no fact 'hots'; its facts are: path, body, body-file, missing", e.getMessage());
        IllegalArgumentException malformed = assertThrows(
                IllegalArgumentException.class, () -> run(Map.of("suite", "http", "fact", List.of("path"))));
        assertTrue(malformed.getMessage().contains("NAME=VALUE"), malformed.getMessage());
    }

    @Test
    void anUnknownRuleStopsTheRunNamingTheSuitesRules() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> run(Map.of("suite", "dns", "rule", List.of("DNS-99"))));
        assertTrue(
                e.getMessage().startsWith("the dns suite has no rule 'DNS-99'; its rules are: DNS-1, DNS-2"),
                e.getMessage());
    }

    /**
     * A fact given empty is missing: the rule that needs it is skipped, naming the fact. {@code --fact}
     * wins over {@code --facts FILE}, which wins over the default.
     */
    @Test
    void aMissingFactSkipsItsRulesAndCommandLineFactsWinOverTheFile(@TempDir Path dir) throws Exception {
        Path facts = Files.writeString(dir.resolve("facts.properties"), "outside = www.example.com\nlarge=\n");
        CommandHarness.Result r = run(Map.of(
                "suite", "dns",
                "facts", facts.toString(),
                "fact", List.of("outside="),
                "rule", List.of("DNS-8", "DNS-14"),
                "report-dir", dir.resolve("reports").toString()));
        assertEquals(0, r.exitCode(), r.out());
        assertTrue(r.out().contains("2 rules: 0 passed, 0 failed, 2 skipped"), r.out());
        assertTrue(r.out().contains("fact 'large' is not set (--fact large=...)"), "from the file: " + r.out());
        assertTrue(r.out().contains("fact 'outside' is not set (--fact outside=...)"), "--fact wins: " + r.out());
        SuiteReport report = WireSuites.json()
                .readValue(dir.resolve("reports/wirekit-testkit-dns.json").toFile(), SuiteReport.class);
        assertEquals(List.of("DNS-8", "DNS-14"), report.rules(SuiteReport.Status.SKIPPED));
    }
}
