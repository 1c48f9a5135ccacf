package dev.wirekit.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wirekit.api.Transport;
import dev.wirekit.api.TransportOptions;
import dev.wirekit.spi.OptionValues;
import dev.wirekit.testkit.doubles.CommandHarness;
import dev.wirekit.testkit.wire.SuiteReport;
import dev.wirekit.testkit.wire.TestkitCommand;
import dev.wirekit.testkit.wire.WireSuites;
import dev.wirekit.testkit.wire.WireTarget;
import dev.wirekit.tls.TlsSettings;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The testkit's chat suite against Wirekit's server (both transports) and against ngircd. */
class ChatConformanceTest {
    private static final List<String> ALL =
            IntStream.rangeClosed(1, 26).mapToObj(i -> "CH-" + i).toList();
    private static final List<String> REQUIRED = ALL.subList(0, 22);

    private static SuiteReport run(WireTarget target) throws Exception {
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        SuiteReport report =
                WireSuites.run("chat", target, null, new PrintStream(console, true, StandardCharsets.UTF_8));
        assertTrue(report.successful(), report.failures() + "\n" + console.toString(StandardCharsets.UTF_8));
        return report;
    }

    @ParameterizedTest
    @ValueSource(strings = {"blocking", "nio"})
    void wirekitPassesEveryRule(String transport) throws Exception {
        // Plaintext logins allowed so that the SASL rule (which needs an offered mechanism) runs too.
        ChatServerConfig config = ChatFixture.config().allowPlaintextLogin(true).build();
        try (ChatFixture f = ChatFixture.start(transport, config)) {
            SuiteReport report = run(WireTarget.of(f.address, f.transport));
            assertEquals(ALL, report.rules(SuiteReport.Status.PASSED));
        }
    }

    /**
     * {@code wirekit testkit chat --target host:port --tls --trust ca.crt} against Wirekit's server on
     * a TLS listener, run as the CLI runs it: the testkit command with the client options the CLI's TLS
     * settings make. Default login policy: SASL PLAIN is offered because the connection is TLS.
     */
    @ParameterizedTest
    @ValueSource(strings = {"blocking", "nio"})
    void wirekitPassesEveryRuleOverTls(String transport, @TempDir Path dir) throws Exception {
        ChatPki pki = ChatPki.create();
        try (ChatFixture f = ChatFixture.start(transport, ChatFixture.config().build(), pki.serverOptions())) {
            TransportOptions tls = TlsSettings.from(OptionValues.parse(
                            TlsSettings.clientOptions(),
                            Map.of(
                                    "tls",
                                    "true",
                                    "trust",
                                    List.of(pki.writeCaPem(dir).toString()))))
                    .clientStreamOptions(TransportOptions.defaults());
            CommandHarness.Result r = CommandHarness.run(
                    new TestkitCommand().command(),
                    f.transport,
                    tls,
                    Map.of(
                            "suite",
                            "chat",
                            "target",
                            "127.0.0.1:" + f.address.getPort(),
                            "report-dir",
                            dir.resolve("reports").toString()),
                    "");
            assertEquals(0, r.exitCode(), r.out() + r.err());
            assertTrue(r.out().contains("chat suite against 127.0.0.1:" + f.address.getPort() + " (tls)"), r.out());
            assertTrue(
                    r.out().contains(ALL.size() + " rules: " + ALL.size() + " passed, 0 failed, 0 skipped"), r.out());
            for (String rule : ALL) {
                assertTrue(r.out().contains("PASS  " + rule + " "), rule + " passed:\n" + r.out());
            }
        }
    }

    /** The suite's TLS path against a third-party TLS server: ngircd's own TLS port (GnuTLS or OpenSSL). */
    @Test
    void ngircdPassesTheRulesItSupportsOverTls(@TempDir Path dir) throws Exception {
        ChatPki pki = ChatPki.create();
        try (Ngircd ngircd = Ngircd.start(dir, pki.rsaServer());
                Transport transport = Transport.load("nio")) {
            WireTarget target = new WireTarget(
                    ngircd.tlsAddress,
                    transport,
                    pki.clientOptions(),
                    TransportOptions.defaults(),
                    false,
                    java.time.Duration.ofSeconds(10));
            SuiteReport report = run(target);
            assertEquals(REQUIRED, report.rules(SuiteReport.Status.PASSED), "every required rule, over TLS");
        }
    }

    @Test
    void ngircdPassesTheRulesItSupports(@TempDir Path dir) throws Exception {
        try (Ngircd ngircd = Ngircd.start(dir);
                Transport transport = Transport.load("nio")) {
            SuiteReport report = run(WireTarget.of(ngircd.address, transport));
            assertEquals(REQUIRED, report.rules(SuiteReport.Status.PASSED), "every required rule");
            assertEquals(
                    List.of("CH-23", "CH-24", "CH-25", "CH-26"),
                    report.rules(SuiteReport.Status.SKIPPED),
                    "ngircd 26 announces neither UTF8ONLY nor sasl, server-time, echo-message");
        }
    }
}
