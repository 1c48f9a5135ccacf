package dev.wirekit.scanner.internal;

import dev.wirekit.scanner.PortResult;
import dev.wirekit.scanner.PortState;
import dev.wirekit.scanner.ScanResult;
import dev.wirekit.scanner.TargetSummary;
import dev.wirekit.scanner.TlsInfo;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The human report: one table per target, nmap's layout, banners and TLS details under their port. */
public final class TableFormatter {
    private static final int BANNER_WIDTH = 100;

    private TableFormatter() {}

    public static String format(ScanResult result) {
        StringBuilder out = new StringBuilder();
        for (TargetSummary summary : result.targets()) {
            List<PortResult> ports = result.ports().stream()
                    .filter(p -> p.target().equals(summary.target()))
                    .toList();
            out.append("Scan of ").append(summary.target().display()).append('\n');
            if (ports.isEmpty()) {
                out.append("No ports to show.\n");
            } else {
                table(out, ports);
            }
            String hidden = hidden(summary, result);
            if (!hidden.isEmpty()) {
                out.append("Not shown: ").append(hidden).append('\n');
            }
            out.append('\n');
        }
        out.append(String.format(
                Locale.ROOT,
                "Scanned %,d host%s, %,d port%s each, in %s (%s to %s).%n",
                result.targets().size(),
                result.targets().size() == 1 ? "" : "s",
                result.settings().ports().size(),
                result.settings().ports().size() == 1 ? "" : "s",
                seconds(result.elapsed()),
                result.started(),
                result.finished()));
        return out.toString();
    }

    private static void table(StringBuilder out, List<PortResult> ports) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"PORT", "STATE", "SERVICE", "VERSION", "LATENCY"});
        for (PortResult p : ports) {
            rows.add(new String[] {
                p.port() + "/tcp",
                p.state().label(),
                p.service() == null
                        ? ""
                        : p.service().displayName() + (p.service().method().equals("port") ? "?" : ""),
                p.service() == null ? "" : p.service().versionText(),
                latency(p.latency())
            });
        }
        int[] widths = new int[5];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        for (int r = 0; r < rows.size(); r++) {
            String[] row = rows.get(r);
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                line.append(row[i]);
                if (i < row.length - 1) {
                    line.append(" ".repeat(widths[i] - row[i].length() + 2));
                }
            }
            out.append(line.toString().stripTrailing()).append('\n');
            if (r > 0) {
                details(out, ports.get(r - 1));
            }
        }
    }

    private static void details(StringBuilder out, PortResult p) {
        List<String> lines = new ArrayList<>();
        if (p.tls() != null) {
            lines.add("tls: " + tls(p.tls()));
        }
        if (p.banner() != null) {
            String text = p.banner().text();
            String shown = text.length() > BANNER_WIDTH ? text.substring(0, BANNER_WIDTH) + "..." : text;
            lines.add("banner (" + p.banner().evidence() + ", " + p.banner().length() + " bytes"
                    + (p.banner().truncated() ? ", truncated" : "")
                    + (p.banner().binary() ? ", binary" : "") + "): "
                    + shown);
        }
        if (p.state() != PortState.OPEN || p.attempts() > 1) {
            lines.add("reason: " + p.reason() + (p.attempts() > 1 ? " after " + p.attempts() + " attempts" : ""));
        }
        for (int i = 0; i < lines.size(); i++) {
            out.append(i == lines.size() - 1 ? "|_ " : "|  ")
                    .append(lines.get(i))
                    .append('\n');
        }
    }

    private static String tls(TlsInfo t) {
        StringBuilder s = new StringBuilder();
        if (t.protocol() != null) {
            s.append(t.protocol()).append(' ').append(t.cipherSuite()).append("; ");
        }
        if (t.subject() != null) {
            s.append("subject ").append(t.subject()).append("; issuer ").append(t.issuer());
            if (t.selfSigned()) {
                s.append(" (self-signed)");
            }
            if (t.notBefore() != null && t.notAfter() != null) {
                s.append("; valid ")
                        .append(t.notBefore().toString(), 0, 10)
                        .append(" to ")
                        .append(t.notAfter().toString(), 0, 10);
            }
        }
        if (t.error() != null) {
            s.append("; handshake failed: ").append(t.error());
        }
        return s.toString();
    }

    private static String hidden(TargetSummary s, ScanResult result) {
        List<String> parts = new ArrayList<>();
        if (!result.settings().listed().contains(PortState.OPEN) && s.open() > 0) {
            parts.add(String.format(Locale.ROOT, "%,d open", s.open()));
        }
        if (!result.settings().listed().contains(PortState.CLOSED) && s.closed() > 0) {
            parts.add(String.format(Locale.ROOT, "%,d closed (conn-refused)", s.closed()));
        }
        if (!result.settings().listed().contains(PortState.FILTERED) && s.filtered() > 0) {
            parts.add(String.format(Locale.ROOT, "%,d filtered (no-response or unreachable)", s.filtered()));
        }
        return String.join(", ", parts);
    }

    static String latency(Duration d) {
        double ms = d.toNanos() / 1e6;
        return ms >= 1000 ? String.format(Locale.ROOT, "%.2f s", ms / 1000) : String.format(Locale.ROOT, "%.2f ms", ms);
    }

    static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.2f s", d.toNanos() / 1e9);
    }
}
