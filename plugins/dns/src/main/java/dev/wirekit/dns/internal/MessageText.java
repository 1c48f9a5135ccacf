package dev.wirekit.dns.internal;

import dev.wirekit.dns.DnsMessage;
import dev.wirekit.dns.DnsQuestion;
import dev.wirekit.dns.DnsRecord;
import dev.wirekit.dns.Edns;
import dev.wirekit.dns.EdnsOption;
import java.util.HexFormat;
import java.util.List;

/** A message in {@code dig}'s layout: header line, flags line, EDNS pseudo-section, sections. */
public final class MessageText {
    private MessageText() {}

    public static String format(DnsMessage m) {
        StringBuilder sb = new StringBuilder(256);
        sb.append(";; ->>HEADER<<- opcode: ")
                .append(m.opcode())
                .append(", status: ")
                .append(m.rcode())
                .append(", id: ")
                .append(m.id())
                .append('\n');
        sb.append(";; flags:")
                .append(flags(m))
                .append("; QUERY: ")
                .append(m.questions().size());
        sb.append(", ANSWER: ").append(m.answers().size());
        sb.append(", AUTHORITY: ").append(m.authorities().size());
        sb.append(", ADDITIONAL: ").append(m.additionals().size() + (m.edns().isPresent() ? 1 : 0));
        sb.append('\n');
        m.edns().ifPresent(e -> edns(sb, e));
        if (!m.questions().isEmpty()) {
            sb.append("\n;; QUESTION SECTION:\n");
            for (DnsQuestion q : m.questions()) {
                sb.append(';')
                        .append(q.name())
                        .append("\t\t\t")
                        .append(q.recordClass())
                        .append('\t')
                        .append(q.type());
                sb.append('\n');
            }
        }
        section(sb, "ANSWER", m.answers());
        section(sb, "AUTHORITY", m.authorities());
        section(sb, "ADDITIONAL", m.additionals());
        return sb.toString();
    }

    /** The header flags as dig lists them: {@code " qr aa rd ra"}. */
    public static String flags(DnsMessage m) {
        StringBuilder f = new StringBuilder();
        if (m.response()) {
            f.append(" qr");
        }
        if (m.authoritative()) {
            f.append(" aa");
        }
        if (m.truncated()) {
            f.append(" tc");
        }
        if (m.recursionDesired()) {
            f.append(" rd");
        }
        if (m.recursionAvailable()) {
            f.append(" ra");
        }
        if (m.authenticData()) {
            f.append(" ad");
        }
        if (m.checkingDisabled()) {
            f.append(" cd");
        }
        return f.toString();
    }

    private static void edns(StringBuilder sb, Edns e) {
        sb.append("\n;; OPT PSEUDOSECTION:\n; EDNS: version: ")
                .append(e.version())
                .append(", flags:")
                .append(e.dnssecOk() ? " do" : "")
                .append("; udp: ")
                .append(e.udpPayloadSize())
                .append('\n');
        for (EdnsOption o : e.options()) {
            sb.append("; OPTION ")
                    .append(o.code())
                    .append(": ")
                    .append(HexFormat.of().formatHex(o.data()))
                    .append('\n');
        }
    }

    private static void section(StringBuilder sb, String name, List<DnsRecord> records) {
        if (records.isEmpty()) {
            return;
        }
        sb.append("\n;; ").append(name).append(" SECTION:\n");
        for (DnsRecord r : records) {
            sb.append(r).append('\n');
        }
    }
}
