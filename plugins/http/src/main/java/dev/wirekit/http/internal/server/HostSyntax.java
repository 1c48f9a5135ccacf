package dev.wirekit.http.internal.server;

/** Checks {@code host[:port]} as sent in Host fields and targets (RFC 3986 section 3.2). */
final class HostSyntax {
    private HostSyntax() {}

    /**
     * Whether {@code authority} is {@code host} or {@code host:port}, the host a reg-name, an IPv4
     * address or a bracketed IPv6 literal.
     *
     * @param portRequired whether the port must be present (CONNECT)
     */
    static boolean isValidAuthority(String authority, boolean portRequired) {
        if (authority.isEmpty()) {
            return false;
        }
        int hostEnd;
        if (authority.charAt(0) == '[') {
            hostEnd = authority.indexOf(']');
            if (hostEnd < 0) {
                return false;
            }
            for (int i = 1; i < hostEnd; i++) {
                char c = authority.charAt(i);
                if (!(Character.digit(c, 16) >= 0 && c < 0x80 || c == ':' || c == '.')) {
                    return false;
                }
            }
            hostEnd++;
        } else {
            hostEnd = authority.indexOf(':');
            if (hostEnd < 0) {
                hostEnd = authority.length();
            }
            if (hostEnd == 0) {
                return false;
            }
            for (int i = 0; i < hostEnd; i++) {
                if (!isRegNameChar(authority.charAt(i))) {
                    return false;
                }
            }
        }
        if (hostEnd == authority.length()) {
            return !portRequired;
        }
        if (authority.charAt(hostEnd) != ':') {
            return false;
        }
        String port = authority.substring(hostEnd + 1);
        if (port.isEmpty()) {
            return !portRequired;
        }
        if (port.length() > 5) {
            return false;
        }
        for (int i = 0; i < port.length(); i++) {
            if (port.charAt(i) < '0' || port.charAt(i) > '9') {
                return false;
            }
        }
        return Integer.parseInt(port) <= 65535;
    }

    private static boolean isRegNameChar(char c) {
        return c >= 'a' && c <= 'z'
                || c >= 'A' && c <= 'Z'
                || c >= '0' && c <= '9'
                || "-._~!$&'()*+,;=%".indexOf(c) >= 0;
    }
}
