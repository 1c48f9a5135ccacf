package dev.wirekit.http.internal.client;

import java.net.URI;
import java.util.Locale;

/**
 * Where a request goes: scheme, host and port (RFC 6454); connections are pooled per origin.
 *
 * @param scheme {@code http} or {@code https}
 * @param host the host, lower case, IPv6 literals without brackets
 * @param port the port, the scheme's default when the URI names none
 */
record Origin(String scheme, String host, int port) {

    static Origin of(URI uri) {
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port = uri.getPort() >= 0 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
        return new Origin(scheme, host, port);
    }

    boolean secure() {
        return scheme.equals("https");
    }

    /** The Host field's value: the port only when it is not the scheme's default. */
    String hostField() {
        String h = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
        boolean defaultPort = secure() ? port == 443 : port == 80;
        return defaultPort ? h : h + ":" + port;
    }

    @Override
    public String toString() {
        return scheme + "://" + hostField();
    }
}
