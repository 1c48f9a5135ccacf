package dev.wirekit.dns.internal;

import dev.wirekit.dns.DnsResponse;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/** A response printed the way {@code dig} prints one. */
final class DigOutput {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern(
                    "EEE MMM d HH:mm:ss 'UTC' yyyy", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private DigOutput() {}

    static String response(List<String> words, DnsResponse r, Instant when) {
        StringBuilder sb = new StringBuilder(512);
        sb.append("\n; <<>> wirekit dns lookup <<>> ")
                .append(String.join(" ", words))
                .append('\n');
        sb.append(";; Got answer:\n");
        sb.append(MessageText.format(r.message()));
        InetSocketAddress s = r.server();
        String host = s.getAddress() != null ? s.getAddress().getHostAddress() : s.getHostString();
        sb.append('\n');
        sb.append(";; Query time: ").append(r.elapsed().toMillis()).append(" msec\n");
        sb.append(";; SERVER: ")
                .append(host)
                .append('#')
                .append(s.getPort())
                .append('(')
                .append(host)
                .append(") (")
                .append(r.tcp() ? "TCP" : "UDP")
                .append(")\n");
        sb.append(";; WHEN: ").append(WHEN.format(when)).append('\n');
        sb.append(";; MSG SIZE  rcvd: ").append(r.size()).append("\n\n");
        return sb.toString();
    }
}
