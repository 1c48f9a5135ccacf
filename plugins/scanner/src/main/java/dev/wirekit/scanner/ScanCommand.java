package dev.wirekit.scanner;

import dev.wirekit.scanner.internal.ProgressPrinter;
import dev.wirekit.scanner.internal.Ticker;
import dev.wirekit.spi.CommandContext;
import dev.wirekit.spi.CommandProvider;
import dev.wirekit.spi.CommandSpec;
import dev.wirekit.spi.OptionSpec;
import dev.wirekit.spi.OptionValues;
import dev.wirekit.spi.ParameterSpec;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code wirekit scan HOST... [-p PORTS] [--banners] [--json FILE] [--jsonl FILE] [-v]}: scans the
 * hosts, prints a table, and writes JSON and JSON Lines reports. Every argument is checked before
 * anything is sent.
 */
public final class ScanCommand implements CommandProvider {
    @Override
    public CommandSpec command() {
        return CommandSpec.builder(
                        "scan",
                        "scan TCP ports of hosts you may scan: open, closed or filtered; banners and"
                                + " services with --banners")
                .parameter(new ParameterSpec(
                        "targets",
                        "host names, IPv4/IPv6 addresses or CIDR ranges (required: nothing is scanned by default)",
                        true,
                        true))
                .option(OptionSpec.string(
                                "ports",
                                "ports: 22,80,8000-8100, - for all, or service names such as http,ssh",
                                PortScanner.DEFAULT_PORTS.toString())
                        .withAliases("-p"))
                .option(OptionSpec.flag(
                        "banners", "read what open ports say, send the safe probes when silent, and identify services"))
                .option(OptionSpec.path("json", "write the JSON report to this file (- for standard output)", null))
                .option(OptionSpec.path(
                        "jsonl", "stream JSON Lines events to this file while scanning (- for standard output)", null))
                .option(OptionSpec.flag("verbose", "show progress, and why each port got its state")
                        .withAliases("-v"))
                .option(OptionSpec.integer(
                        "rate", "most connection attempts per second; 0 for no limit", PortScanner.DEFAULT_RATE))
                .option(OptionSpec.integer(
                        "concurrency",
                        "most ports in progress at once (each holds a socket)",
                        PortScanner.DEFAULT_CONCURRENCY))
                .option(OptionSpec.duration(
                        "timeout", "how long one connection attempt waits", PortScanner.DEFAULT_TIMEOUT))
                .option(OptionSpec.integer(
                        "retries", "more attempts for a port that did not answer", PortScanner.DEFAULT_RETRIES))
                .option(OptionSpec.duration(
                        "banner-timeout",
                        "how long to wait for a greeting and for each probe's answer",
                        PortScanner.DEFAULT_BANNER_TIMEOUT))
                .option(OptionSpec.integer(
                        "max-banner", "most bytes read from one exchange", PortScanner.DEFAULT_MAX_BANNER_BYTES))
                .option(OptionSpec.string(
                        "probes",
                        "what may be sent to silent open ports: http,tls, or none to only listen",
                        "http,tls"))
                .option(OptionSpec.string("show", "the states listed port by port: open, closed, filtered", "open"))
                .option(OptionSpec.flag(
                        "all", "list every port, whatever its state (same as --show open,closed,filtered)"))
                .option(OptionSpec.path("match-file", "more service-match rules, tried before the built-in ones", null))
                .option(OptionSpec.integer(
                        "max-hosts", "most addresses the targets may hold together", Targets.DEFAULT_MAX_HOSTS))
                .action(ScanCommand::run)
                .build();
    }

    private static int run(CommandContext context) throws IOException, InterruptedException {
        OptionValues v = context.values();
        if (v.list("targets").stream().allMatch(String::isBlank)) {
            throw new IllegalArgumentException(
                    "no target given: name the hosts, addresses or CIDR ranges to scan (nothing is scanned by default)");
        }
        if (!context.clientOptions().layers().isEmpty()) {
            // the scanner speaks to many services, most not TLS; --banners reads TLS certificates itself
            throw new IllegalArgumentException("the TLS options do not apply to a scan: --banners sends a TLS"
                    + " ClientHello to silent ports and reports the certificate without trusting it");
        }
        Path json = v.path("json");
        Path jsonl = v.path("jsonl");
        boolean jsonToStdout = isStdout(json);
        boolean jsonlToStdout = isStdout(jsonl);
        if (jsonToStdout && jsonlToStdout) {
            throw new IllegalArgumentException("--json and --jsonl cannot both write to standard output");
        }
        checkWritable("--json", json);
        checkWritable("--jsonl", jsonl);
        PortScanner.Builder builder = PortScanner.builder()
                .ports(v.string("ports"))
                .rate(v.integer("rate"))
                .concurrency(v.integer("concurrency"))
                .timeout(v.duration("timeout"))
                .retries(v.integer("retries"))
                .banners(v.flag("banners"))
                .bannerTimeout(v.duration("banner-timeout"))
                .maxBannerBytes(v.integer("max-banner"))
                .probes(probes(v.string("probes")))
                .list(v.flag("all") ? EnumSet.allOf(PortState.class) : states(v.string("show")))
                .maxHosts(v.integer("max-hosts"));
        if (v.path("match-file") != null) {
            builder.matchTable(MatchTable.load(v.path("match-file")).then(MatchTable.builtIn()));
        }
        builder.target(v.list("targets").toArray(String[]::new));
        // build() checks and resolves the targets; the transport sends nothing until scan()
        PortScanner scanner = builder.transport(context.transport()).build();

        List<ScanListener> listeners = new ArrayList<>();
        if (v.flag("verbose")) {
            listeners.add(new ProgressPrinter(context.err(), Ticker.system(), Duration.ofSeconds(1)));
        }
        OutputStream jsonlOut = null;
        ScanReports.JsonLines lines = null;
        try {
            if (jsonl != null) {
                jsonlOut = jsonlToStdout ? context.out() : Files.newOutputStream(jsonl);
                lines = ScanReports.jsonLines(jsonlOut);
                listeners.add(lines);
            }
            ScanResult result = scanner.scan(all(listeners));
            if (lines != null && lines.failure() != null) {
                context.err()
                        .println("wirekit scan: writing " + jsonl + " failed: "
                                + lines.failure().getMessage());
            }
            if (json != null) {
                if (jsonToStdout) {
                    ScanReports.writeJson(result, context.out());
                } else {
                    try (OutputStream out = Files.newOutputStream(json)) {
                        ScanReports.writeJson(result, out);
                    }
                }
            }
            PrintStream tableOut = jsonToStdout || jsonlToStdout ? context.err() : context.out();
            tableOut.print(ScanReports.table(result));
            tableOut.flush();
            return 0;
        } finally {
            if (jsonlOut != null && !jsonlToStdout) {
                jsonlOut.close();
            }
        }
    }

    private static boolean isStdout(Path p) {
        return p != null && p.toString().equals("-");
    }

    private static void checkWritable(String option, Path p) {
        if (p == null || isStdout(p)) {
            return;
        }
        Path parent = p.toAbsolutePath().getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            throw new IllegalArgumentException(option + " " + p + ": the directory " + parent + " does not exist");
        }
        if (Files.isDirectory(p)) {
            throw new IllegalArgumentException(option + " " + p + ": is a directory");
        }
    }

    static Set<Probe> probes(String text) {
        Set<Probe> probes = EnumSet.noneOf(Probe.class);
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.equals("none")) {
            return probes;
        }
        for (String part : t.split("\\s*,\\s*")) {
            try {
                probes.add(Probe.fromLabel(part));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("option --probes: " + e.getMessage() + ", or none");
            }
        }
        return probes;
    }

    static Set<PortState> states(String text) {
        Set<PortState> states = EnumSet.noneOf(PortState.class);
        for (String part : text.trim().split("\\s*,\\s*")) {
            try {
                states.add(PortState.fromLabel(part));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("option --show: " + e.getMessage());
            }
        }
        return states;
    }

    private static ScanListener all(List<ScanListener> listeners) {
        if (listeners.isEmpty()) {
            return null;
        }
        if (listeners.size() == 1) {
            return listeners.get(0);
        }
        return new ScanListener() {
            @Override
            public void started(java.time.Instant at, List<Target> targets, ScanSettings settings) {
                listeners.forEach(l -> l.started(at, targets, settings));
            }

            @Override
            public void portDone(PortResult result) {
                listeners.forEach(l -> l.portDone(result));
            }

            @Override
            public void finished(ScanResult result) {
                listeners.forEach(l -> l.finished(result));
            }
        };
    }
}
