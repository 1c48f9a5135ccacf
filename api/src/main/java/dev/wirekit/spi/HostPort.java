package dev.wirekit.spi;

import java.net.InetSocketAddress;

/** Parses the {@code host:port} arguments of commands. */
public final class HostPort {
    private HostPort() {}

    /**
     * Parses {@code host:port}, {@code [v6-address]:port}, a bare host or IPv6 literal (then
     * {@code defaultPort}, which must be 1-65535 for that to be allowed). The host is not resolved.
     *
     * @throws IllegalArgumentException with a message for the user
     */
    public static InetSocketAddress parse(String text, int defaultPort) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("no target given: expected host:port");
        }
        String host;
        String port = null;
        String t = text.trim();
        if (t.startsWith("[")) {
            int close = t.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("'" + text + "': missing ']' after an IPv6 address");
            }
            host = t.substring(1, close);
            String after = t.substring(close + 1);
            if (!after.isEmpty()) {
                if (!after.startsWith(":")) {
                    throw new IllegalArgumentException("'" + text + "': expected ':port' after ']'");
                }
                port = after.substring(1);
            }
        } else if (t.indexOf(':') != t.lastIndexOf(':')) {
            host = t; // a bare IPv6 literal
        } else {
            int colon = t.indexOf(':');
            host = colon < 0 ? t : t.substring(0, colon);
            port = colon < 0 ? null : t.substring(colon + 1);
        }
        if (host.isEmpty()) {
            throw new IllegalArgumentException("'" + text + "': no host before the port");
        }
        int p;
        if (port == null) {
            if (defaultPort <= 0 || defaultPort > 65535) {
                throw new IllegalArgumentException("'" + text + "': no port given (expected host:port)");
            }
            p = defaultPort;
        } else {
            try {
                p = Integer.parseInt(port);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + text + "': port '" + port + "' is not a number");
            }
            if (p < 1 || p > 65535) {
                throw new IllegalArgumentException("'" + text + "': port " + p + " is outside 1-65535");
            }
        }
        return InetSocketAddress.createUnresolved(host, p);
    }
}
