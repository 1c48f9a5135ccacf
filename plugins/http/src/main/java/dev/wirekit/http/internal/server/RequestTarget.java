package dev.wirekit.http.internal.server;

import dev.wirekit.http.HttpException;

/**
 * The request-target taken apart (RFC 9112 section 3.2): origin-form {@code /path?query},
 * absolute-form {@code http://host/path?query}, authority-form {@code host:port} (CONNECT only) or
 * asterisk-form {@code *} (OPTIONS only).
 *
 * @param rawPath the path, still encoded ({@code *} for the asterisk form, empty for authority-form)
 * @param rawQuery the query without {@code ?}, or null
 * @param authority the authority of an absolute or authority-form target, or null
 * @param scheme the scheme of an absolute-form target, or null
 */
record RequestTarget(String rawPath, String rawQuery, String authority, String scheme) {

    static RequestTarget parse(String method, String target) {
        if (method.equals("CONNECT")) {
            if (target.startsWith("/") || target.contains("/") || !HostSyntax.isValidAuthority(target, true)) {
                throw new HttpException(400, "CONNECT needs a host:port target");
            }
            return new RequestTarget("", null, target, null);
        }
        if (target.equals("*")) {
            if (!method.equals("OPTIONS")) {
                throw new HttpException(400, "the target * is only for OPTIONS");
            }
            return new RequestTarget("*", null, null, null);
        }
        if (target.startsWith("/")) {
            int q = target.indexOf('?');
            return q < 0
                    ? new RequestTarget(target, null, null, null)
                    : new RequestTarget(target.substring(0, q), target.substring(q + 1), null, null);
        }
        int schemeEnd = target.indexOf("://");
        if (schemeEnd <= 0 || !isScheme(target.substring(0, schemeEnd))) {
            throw new HttpException(400, "the request target is neither a path nor an absolute URI");
        }
        String scheme = target.substring(0, schemeEnd);
        int authStart = schemeEnd + 3;
        int authEnd = authStart;
        while (authEnd < target.length() && target.charAt(authEnd) != '/' && target.charAt(authEnd) != '?') {
            authEnd++;
        }
        String authority = target.substring(authStart, authEnd);
        if (authority.indexOf('@') >= 0) {
            throw new HttpException(400, "user information in the request target");
        }
        if (!HostSyntax.isValidAuthority(authority, false)) {
            throw new HttpException(400, "the request target has an invalid host");
        }
        String rest = target.substring(authEnd);
        int q = rest.indexOf('?');
        String path = q < 0 ? rest : rest.substring(0, q);
        String query = q < 0 ? null : rest.substring(q + 1);
        return new RequestTarget(path.isEmpty() ? "/" : path, query, authority, scheme);
    }

    private static boolean isScheme(String s) {
        if (s.isEmpty() || !Character.isLetter(s.charAt(0))) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(c < 0x80 && (Character.isLetterOrDigit(c) || c == '+' || c == '-' || c == '.'))) {
                return false;
            }
        }
        return true;
    }
}
