package dev.wirekit.dns.internal;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Strict IP address literals: parsed by hand so that a string is never looked up as a host name,
 * and legacy forms ({@code 1234}, {@code 1.2.3}) are refused. IPv6 text is written as RFC 5952
 * says (lower case, the longest run of zero groups shortened to {@code ::}).
 */
public final class IpLiterals {
    private IpLiterals() {}

    /** The IPv4 or IPv6 address written in {@code text}, or null when it is not a literal. */
    public static InetAddress parse(String text) {
        String t = text.trim();
        if (t.indexOf(':') >= 0) {
            return ipv6(t);
        }
        return ipv4(t);
    }

    /** The dotted-quad address in {@code text}, or null. */
    public static Inet4Address ipv4(String text) {
        byte[] b = ipv4Bytes(text);
        if (b == null) {
            return null;
        }
        try {
            return (Inet4Address) InetAddress.getByAddress(b);
        } catch (UnknownHostException e) {
            return null;
        }
    }

    private static byte[] ipv4Bytes(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            return null;
        }
        byte[] b = new byte[4];
        for (int i = 0; i < 4; i++) {
            String p = parts[i];
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(c -> c >= '0' && c <= '9')) {
                return null;
            }
            int v = Integer.parseInt(p);
            if (v > 255) {
                return null;
            }
            b[i] = (byte) v;
        }
        return b;
    }

    /** The IPv6 address in {@code text} (an optional {@code %scope} is ignored), or null. */
    public static Inet6Address ipv6(String text) {
        String t = text;
        int percent = t.indexOf('%');
        if (percent >= 0) {
            t = t.substring(0, percent);
        }
        byte[] out = new byte[16];
        int dc = t.indexOf("::");
        if (dc >= 0 && t.indexOf("::", dc + 1) >= 0) {
            return null;
        }
        String head = dc >= 0 ? t.substring(0, dc) : t;
        String tail = dc >= 0 ? t.substring(dc + 2) : "";
        int[] headGroups = groups(head);
        int[] tailGroups = groups(tail);
        if (headGroups == null || tailGroups == null) {
            return null;
        }
        int total = headGroups.length + tailGroups.length;
        if (dc < 0 ? total != 8 : total > 7) {
            return null;
        }
        for (int i = 0; i < headGroups.length; i++) {
            out[2 * i] = (byte) (headGroups[i] >> 8);
            out[2 * i + 1] = (byte) headGroups[i];
        }
        for (int i = 0; i < tailGroups.length; i++) {
            int g = 8 - tailGroups.length + i;
            out[2 * g] = (byte) (tailGroups[i] >> 8);
            out[2 * g + 1] = (byte) tailGroups[i];
        }
        try {
            return Inet6Address.getByAddress(null, out, -1);
        } catch (UnknownHostException e) {
            return null;
        }
    }

    /** The 16-bit groups of a colon-separated run; a trailing dotted quad counts as two. */
    private static int[] groups(String run) {
        if (run.isEmpty()) {
            return new int[0];
        }
        String[] parts = run.split(":", -1);
        int extra = parts[parts.length - 1].indexOf('.') >= 0 ? 1 : 0;
        int[] g = new int[parts.length + extra];
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i];
            if (i == parts.length - 1 && extra == 1) {
                byte[] v4 = ipv4Bytes(p);
                if (v4 == null) {
                    return null;
                }
                g[i] = ((v4[0] & 0xFF) << 8) | (v4[1] & 0xFF);
                g[i + 1] = ((v4[2] & 0xFF) << 8) | (v4[3] & 0xFF);
                break;
            }
            if (p.isEmpty() || p.length() > 4) {
                return null;
            }
            int v = 0;
            for (int k = 0; k < p.length(); k++) {
                int d = Character.digit(p.charAt(k), 16);
                if (d < 0) {
                    return null;
                }
                v = v * 16 + d;
            }
            g[i] = v;
        }
        return g;
    }

    /** The RFC 5952 text of a 16-byte address. */
    public static String ipv6Text(byte[] a) {
        int[] g = new int[8];
        for (int i = 0; i < 8; i++) {
            g[i] = ((a[2 * i] & 0xFF) << 8) | (a[2 * i + 1] & 0xFF);
        }
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; ) {
            if (g[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && g[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j;
        }
        StringBuilder sb = new StringBuilder(39);
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append("::");
                i += bestLength - 1;
                continue;
            }
            if (!sb.isEmpty() && sb.charAt(sb.length() - 1) != ':') {
                sb.append(':');
            }
            sb.append(Integer.toHexString(g[i]));
        }
        return sb.toString();
    }
}
