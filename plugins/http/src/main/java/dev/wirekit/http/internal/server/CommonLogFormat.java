package dev.wirekit.http.internal.server;

import java.net.InetSocketAddress;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * One access log line in the Common Log Format: {@code host ident authuser [date] "request"
 * status bytes}. The request line is escaped so a client cannot forge log lines.
 */
final class CommonLogFormat {
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ROOT);

    private CommonLogFormat() {}

    static String line(InetSocketAddress client, ZonedDateTime time, String requestLine, int status, long bytes) {
        StringBuilder sb = new StringBuilder(128);
        sb.append(
                client == null || client.getAddress() == null
                        ? "-"
                        : client.getAddress().getHostAddress());
        sb.append(" - - [").append(DATE.format(time)).append("] \"");
        if (requestLine == null) {
            sb.append('-');
        } else {
            escape(requestLine, sb);
        }
        sb.append("\" ").append(status).append(' ');
        sb.append(bytes > 0 ? Long.toString(bytes) : "-");
        return sb.toString();
    }

    private static void escape(String s, StringBuilder sb) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                sb.append('\\').append(c);
            } else if (c < 0x20 || c >= 0x7F) {
                sb.append(String.format("\\x%02X", (int) c & 0xFF));
            } else {
                sb.append(c);
            }
        }
    }
}
