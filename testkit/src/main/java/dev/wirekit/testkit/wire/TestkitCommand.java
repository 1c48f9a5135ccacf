package dev.wirekit.testkit.wire;

import dev.wirekit.spi.CommandContext;
import dev.wirekit.spi.CommandProvider;
import dev.wirekit.spi.CommandSpec;
import dev.wirekit.spi.OptionSpec;
import dev.wirekit.spi.ParameterSpec;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;

/**
 * {@code wirekit testkit SUITE --target HOST:PORT}: checks any live server — Wirekit's or anyone's —
 * against a wire suite, with a line per rule, JUnit XML and a JSON summary. Without a suite, lists
 * the suites. Exit code 0 when no rule failed, 1 when one did.
 */
public final class TestkitCommand implements CommandProvider {
    @Override
    public CommandSpec command() {
        return CommandSpec.builder("testkit", "check a live server against a conformance suite (echo, time, calc, ...)")
                .parameter(ParameterSpec.optional("suite", "the suite to run; without it, list the suites"))
                .option(OptionSpec.string("target", "the server to check, host:port", null))
                .option(OptionSpec.flag("udp", "also check the protocol over UDP at the same port"))
                .option(OptionSpec.path(
                        "report-dir", "where to write JUnit XML and the JSON summary", "testkit-reports"))
                .option(OptionSpec.duration("timeout", "the longest wait for any one answer", Duration.ofSeconds(10)))
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
                context.values().duration("timeout"));
        Path reports = context.values().path("report-dir");
        SuiteReport report = WireSuites.run(suite, wire, reports, context.out());
        return report.successful() ? 0 : 1;
    }
}
