package dev.wirekit.tls.internal.trust;

import dev.wirekit.tls.HostnameMismatchException;
import java.net.IDN;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * RFC 6125 (as profiled by RFC 9525 and the CA/Browser Forum) server identity checks:
 *
 * <ul>
 *   <li>A DNS host matches only {@code dNSName} subject alternative names; an IP address matches
 *       only {@code iPAddress} names, compared as addresses. The subject's common name is never
 *       used, even when the certificate has no alternative names.
 *   <li>Names compare case-insensitively in their ASCII (A-label) form; a trailing dot is ignored.
 *       A host given in Unicode is converted with IDNA first, and must then be letters, digits,
 *       hyphens and dots; a presented name that is not ASCII is malformed and never matches.
 *   <li>A wildcard is allowed only as the whole left-most label ({@code *.example.com}); it matches
 *       exactly one non-empty label, so it never crosses a dot, never matches the bare parent
 *       ({@code example.com}), and needs at least two labels after it ({@code *.com} matches
 *       nothing). Partial wildcards ({@code f*.example.com}) and wildcards elsewhere match nothing.
 * </ul>
 */
public final class HostnameMatcher {
    /** Dotted decimal without leading zeros: "010" is octal to some parsers, so it is no address here. */
    private static final Pattern IPV4 = Pattern.compile("(0|[1-9]\\d{0,2})(\\.(0|[1-9]\\d{0,2})){3}");

    private static final int DNS = 2;
    private static final int IP = 7;

    private HostnameMatcher() {}

    /** Throws when {@code leaf} does not name {@code host}; the message lists what it does name. */
    public static void verify(String host, X509Certificate leaf, List<X509Certificate> chain)
            throws HostnameMismatchException {
        if (matches(host, leaf)) {
            return;
        }
        List<String> presented = presentedNames(leaf);
        String message;
        if (presented.isEmpty()) {
            message = "the certificate '" + leaf.getSubjectX500Principal().getName()
                    + "' names no host at all (no DNS or IP subject alternative names; the common name is"
                    + " never used): it cannot identify '" + host + "'. Reissue it with a subjectAltName";
        } else {
            message = "the certificate does not match host '" + host + "': it is for " + String.join(", ", presented)
                    + ". Connect by one of those names, or reissue the certificate";
        }
        throw new HostnameMismatchException(message, host, presented, chain);
    }

    /** True when {@code leaf} names {@code host} (a DNS name, or an IPv4/IPv6 literal). */
    public static boolean matches(String host, X509Certificate leaf) {
        String h = host; // never trimmed: a name with spaces or control characters is not a host name
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        Collection<List<?>> sans;
        try {
            sans = leaf.getSubjectAlternativeNames();
        } catch (CertificateParsingException e) {
            return false;
        }
        if (sans == null) {
            return false;
        }
        InetAddress ip = ipLiteral(h);
        if (ip != null) {
            for (List<?> san : sans) {
                if (type(san) == IP && ip.equals(ipLiteral(String.valueOf(san.get(1))))) {
                    return true;
                }
            }
            return false;
        }
        String reference = toAscii(h);
        if (reference == null) {
            return false;
        }
        for (List<?> san : sans) {
            if (type(san) == DNS && matchesDns(reference, String.valueOf(san.get(1)))) {
                return true;
            }
        }
        return false;
    }

    /** {@code DNS:name} and {@code IP:address} for every alternative name, as printed by OpenSSL. */
    public static List<String> presentedNames(X509Certificate leaf) {
        List<String> names = new ArrayList<>();
        try {
            Collection<List<?>> sans = leaf.getSubjectAlternativeNames();
            if (sans != null) {
                for (List<?> san : sans) {
                    if (type(san) == DNS) {
                        names.add("DNS:" + san.get(1));
                    } else if (type(san) == IP) {
                        names.add("IP:" + san.get(1));
                    }
                }
            }
        } catch (CertificateParsingException e) {
            names.add("(unparseable subjectAltName)");
        }
        return names;
    }

    /**
     * Matches a reference name (already lower-case ASCII, no trailing dot) against one presented
     * {@code dNSName}.
     */
    static boolean matchesDns(String reference, String presented) {
        String p = normalize(presented);
        if (p == null || p.isEmpty() || reference.isEmpty()) {
            return false;
        }
        if (!p.contains("*")) {
            return p.equals(reference);
        }
        if (!p.startsWith("*.") || p.indexOf('*', 1) >= 0) {
            return false; // partial or misplaced wildcard
        }
        String suffix = p.substring(2);
        if (suffix.indexOf('.') < 0 || suffix.startsWith(".") || suffix.contains("..")) {
            return false; // "*.com": too broad; also malformed suffixes
        }
        int dot = reference.indexOf('.');
        if (dot <= 0) {
            return false; // the wildcard must stand for one non-empty label
        }
        return reference.substring(dot + 1).equals(suffix);
    }

    /** A presented name in comparable form, or null when it is not an ASCII host name. */
    private static String normalize(String name) {
        String n = name.trim();
        for (int i = 0; i < n.length(); i++) {
            if (n.charAt(i) > 0x7f) {
                return null; // presented identifiers must already be A-labels
            }
        }
        n = n.toLowerCase(Locale.ROOT);
        return n.endsWith(".") ? n.substring(0, n.length() - 1) : n;
    }

    /**
     * The host in A-label form, lower case, without a trailing dot; null when IDNA rejects it or
     * the result is not a host name.
     */
    static String toAscii(String host) {
        String h = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
        if (h.isEmpty() || h.contains("*")) {
            return null;
        }
        String ascii;
        try {
            ascii = IDN.toASCII(h).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return null;
        }
        for (int i = 0; i < ascii.length(); i++) {
            char c = ascii.charAt(i);
            // letters, digits, hyphens and dots (and the underscore some internal names use); IDNA
            // lets a few control characters through, which no host name may contain
            if (!(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '.' || c == '_')) {
                return null;
            }
        }
        return ascii;
    }

    /** True when {@code text} is an IPv4 or IPv6 literal (without brackets). */
    public static boolean isIpLiteral(String text) {
        return ipLiteral(text) != null;
    }

    /** The address when {@code text} is an IPv4 or IPv6 literal; never does a DNS lookup. */
    static InetAddress ipLiteral(String text) {
        String t = text;
        boolean v4 = IPV4.matcher(t).matches();
        boolean v6 = t.indexOf(':') >= 0;
        if (!v4 && !v6) {
            return null;
        }
        if (v4) {
            for (String part : t.split("\\.")) {
                if (Integer.parseInt(part) > 255) {
                    return null;
                }
            }
        }
        if (v6 && !t.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == ':' || c == '.')) {
            return null; // zone ids and anything else that could trigger a lookup
        }
        try {
            return InetAddress.getByName(t);
        } catch (UnknownHostException e) {
            return null;
        }
    }

    private static int type(List<?> san) {
        return san.size() >= 2 && san.get(0) instanceof Integer i ? i : -1;
    }
}
