package dev.wirekit.testkit.wire;

import dev.wirekit.spi.CommandContext;
import dev.wirekit.spi.CommandProvider;
import dev.wirekit.spi.CommandSpec;
import dev.wirekit.spi.OptionSpec;
import dev.wirekit.spi.ParameterSpec;
import java.io.IOException;
import java.io.Reader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * {@code wirekit testkit SUITE --target HOST:PORT}: checks any live server — Wirekit's or anyone's —
 * against a wire suite, with a line per rule, JUnit XML and a JSON summary. Without a suite, lists
 * the suites; with a suite and {@code --describe}, lists its rules and facts. Facts about the
 * server's content come from {@code --facts FILE} (a properties file) and {@code --fact NAME=VALUE}
 * (repeatable, wins over the file); the rest take the suite's documented defaults. Exit code 0 when
 * no rule failed, 1 when one did.
 */
public final class TestkitCommand implements CommandProvider {
    @Override
    public CommandSpec command() {
        return CommandSpec.builder(
                        "testkit",
                        "check a live server against a conformance suite (echo, time, calc, chat, dns, http, file)")
                .parameter(ParameterSpec.optional("suite", "the suite to run; without it, list the suites"))
                .option(OptionSpec.string("target", "the server to check, host:port", null))
                .option(OptionSpec.flag("udp", "also check the protocol over UDP at the same port"))
                .option(OptionSpec.path(
                        "report-dir", "where to write JUnit XML and the JSON summary", "testkit-reports"))
                .option(OptionSpec.duration("timeout", "the longest wait for any one answer", Duration.ofSeconds(10)))
                .option(OptionSpec.list(
                        "fact", "NAME=VALUE: a fact about the server's content (repeatable; see --describe)"))
                .option(OptionSpec.path("facts", "a properties file of facts (NAME=VALUE lines)", null))
                .option(OptionSpec.list("rule", "run only this rule, such as DNS-13 (repeatable)"))
                .option(OptionSpec.flag("describe", "list the suite's rules and facts, with their defaults, and exit"))
                .action(TestkitCommand::run)
                .build();
    }

    private static int run(CommandContext context) throws Exception {
        String suite = context.values().string("suite");
        if (suite == null) {
            context.out().println("suites: " + String.join(", ", WireSuites.names()));
            context.out().println("run one with: wirekit testkit SUITE --target host:port");
            return 0;
        }
        WireSuites.suite(suite); // an unknown name is a usage error before anything connects
        if (context.values().flag("describe")) {
            describe(suite, context);
            return 0;
        }
        String target = context.values().string("target");
        if (target == null) {
            throw new IllegalArgumentException("option --target is required: the server to check, host:port");
        }
        InetSocketAddress address = context.target(target, 0);
        WireTarget wire = new WireTarget(
                address,
                context.transport(),
                context.clientOptions(),
                context.datagramClientOptions(),
                context.values().flag("udp"),
                context.values().duration("timeout"),
                facts(context));
        Path reports = context.values().path("report-dir");
        SuiteReport report = WireSuites.run(
                suite, wire, reports, context.out(), context.values().list("rule"));
        return report.successful() ? 0 : 1;
    }

    private static void describe(String suite, CommandContext context) {
        context.out().println(suite + " rules: " + String.join(", ", WireSuites.rules(suite)));
        List<Fact> facts = WireSuites.facts(suite);
        if (facts.isEmpty()) {
            context.out().println("facts: none");
            return;
        }
        context.out().println("facts (--fact NAME=VALUE; an empty value skips the rules that need it):");
        for (Fact f : facts) {
            context.out()
                    .printf(
                            "  %-16s %s (default: %s)%n",
                            f.name(), f.description(), f.defaultValue().isEmpty() ? "none" : f.defaultValue());
        }
    }

    /** The facts of {@code --facts FILE}, then of each {@code --fact NAME=VALUE}. */
    static Map<String, String> facts(CommandContext context) throws IOException {
        Map<String, String> facts = new LinkedHashMap<>();
        Path file = context.values().path("facts");
        if (file != null) {
            Properties p = new Properties();
            try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                p.load(in);
            }
            p.stringPropertyNames().forEach(name -> facts.put(name, p.getProperty(name)));
        }
        for (String fact : context.values().list("fact")) {
            int eq = fact.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("--fact takes NAME=VALUE, not '" + fact + "'");
            }
            facts.put(fact.substring(0, eq).strip(), fact.substring(eq + 1));
        }
        return facts;
    }
}
