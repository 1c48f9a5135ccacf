package dev.wirekit.scanner.internal;

import dev.wirekit.scanner.PortResult;
import dev.wirekit.scanner.PortState;
import dev.wirekit.scanner.ScanListener;
import dev.wirekit.scanner.ScanResult;
import dev.wirekit.scanner.ScanSettings;
import dev.wirekit.scanner.Target;
import dev.wirekit.scanner.TargetSummary;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * {@code wirekit scan --verbose}: what the scan is about to do, every port that is not closed (and
 * closed ones when they are listed) with why it got its state, progress at most once per interval,
 * and a summary per target.
 */
public final class ProgressPrinter implements ScanListener {
    private final PrintStream out;
    private final Ticker ticker;
    private final long interval;
    private long total;
    private long done;
    private long open;
    private long startNanos;
    private long lastPrint;
    private ScanSettings settings;

    public ProgressPrinter(PrintStream out, Ticker ticker, Duration interval) {
        this.out = out;
        this.ticker = ticker;
        this.interval = interval.toNanos();
    }

    @Override
    public void started(Instant at, List<Target> targets, ScanSettings s) {
        settings = s;
        total = (long) targets.size() * s.ports().size();
        startNanos = ticker.nanoTime();
        lastPrint = startNanos;
        out.printf(
                Locale.ROOT,
                "scan: %,d host%s x %,d port%s = %,d connection attempts; rate %s, concurrency %,d, timeout %s,"
                        + " %d retr%s; banners %s%n",
                targets.size(),
                targets.size() == 1 ? "" : "s",
                s.ports().size(),
                s.ports().size() == 1 ? "" : "s",
                total,
                s.rate() == 0 ? "unlimited" : String.format(Locale.ROOT, "%,d/s", s.rate()),
                s.concurrency(),
                TableFormatter.latency(s.timeout()),
                s.retries(),
                s.retries() == 1 ? "y" : "ies",
                s.banners()
                        ? "on (probes: "
                                + s.probes().stream()
                                        .map(p -> p.label())
                                        .sorted()
                                        .toList() + ")"
                        : "off");
    }

    @Override
    public void portDone(PortResult p) {
        done++;
        if (p.state() == PortState.OPEN) {
            open++;
        }
        if (p.state() != PortState.CLOSED || settings.listed().contains(PortState.CLOSED)) {
            out.println(p.endpoint() + " " + p.state().label() + ": " + why(p));
        }
        long now = ticker.nanoTime();
        if (now - lastPrint >= interval && done < total) {
            lastPrint = now;
            double seconds = (now - startNanos) / 1e9;
            out.printf(
                    Locale.ROOT,
                    "progress: %,d of %,d ports (%.1f%%), %,d open, %,.0f ports/s%n",
                    done,
                    total,
                    100.0 * done / Math.max(1, total),
                    open,
                    done / Math.max(seconds, 1e-9));
        }
    }

    @Override
    public void finished(ScanResult result) {
        for (TargetSummary s : result.targets()) {
            out.printf(
                    Locale.ROOT,
                    "done: %s: %,d open, %,d closed (they answered with a reset), %,d filtered (no answer or"
                            + " unreachable)%n",
                    s.target().display(),
                    s.open(),
                    s.closed(),
                    s.filtered());
        }
    }

    /** Why a port got its state, in words. */
    static String why(PortResult p) {
        String after = TableFormatter.latency(p.latency());
        String attempts = p.attempts() > 1 ? " (attempt " + p.attempts() + ")" : "";
        String text = switch (p.reason()) {
            case "syn-ack" -> "the connection was accepted in " + after + attempts;
            case "conn-refused" -> "a reset came back after " + after + attempts;
            case "no-response" ->
                "no answer within " + after + " on each of " + p.attempts() + " attempt"
                        + (p.attempts() == 1 ? "" : "s");
            case "host-unreach" -> "an ICMP host-unreachable came back after " + after;
            case "net-unreach" -> "the network is unreachable";
            case "prohibited" -> "the local system refused to send (a firewall rule, or a broadcast address)";
            default -> p.reason();
        };
        if (p.service() != null) {
            text += "; " + p.service().displayName()
                    + (p.service().versionText().isEmpty()
                            ? ""
                            : " " + p.service().versionText())
                    + (p.service().method().equals("port") ? " (by port number only)" : "");
        }
        return text;
    }
}
