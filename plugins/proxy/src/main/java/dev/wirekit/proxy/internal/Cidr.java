package dev.wirekit.proxy.internal;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** An address range: {@code 10.0.0.0/8}, {@code fe80::/10}, or one address. */
public record Cidr(byte[] network, int prefix, String text) {

    /**
     * Parses {@code address[/prefix]}; only literal addresses, never a name.
     *
     * @throws IllegalArgumentException with a message for the user
     */
    public static Cidr parse(String text) {
        String t = text.strip();
        int slash = t.indexOf('/');
        String address = slash < 0 ? t : t.substring(0, slash);
        if (!address.matches("[0-9A-Fa-f:.]+") || address.isEmpty()) {
            throw new IllegalArgumentException("'" + text + "' is not an address or address/prefix");
        }
        byte[] bytes;
        try {
            bytes = InetAddress.getByName(address).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("'" + text + "' is not an address or address/prefix");
        }
        int prefix = bytes.length * 8;
        if (slash >= 0) {
            try {
                prefix = Integer.parseInt(t.substring(slash + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + text + "': the prefix is not a number");
            }
            if (prefix < 0 || prefix > bytes.length * 8) {
                throw new IllegalArgumentException("'" + text + "': the prefix is out of range");
            }
        }
        return new Cidr(bytes, prefix, t);
    }

    /** Whether {@code address} lies in the range (IPv4-mapped IPv6 addresses count as IPv4). */
    public boolean contains(InetAddress address) {
        byte[] a = address.getAddress();
        if (a.length == 16 && network.length == 4 && isV4Mapped(a)) {
            a = java.util.Arrays.copyOfRange(a, 12, 16);
        }
        if (a.length != network.length) {
            return false;
        }
        int full = prefix / 8;
        for (int i = 0; i < full; i++) {
            if (a[i] != network[i]) {
                return false;
            }
        }
        int rest = prefix % 8;
        if (rest == 0) {
            return true;
        }
        int mask = 0xFF << (8 - rest) & 0xFF;
        return (a[full] & mask) == (network[full] & mask);
    }

    private static boolean isV4Mapped(byte[] a) {
        for (int i = 0; i < 10; i++) {
            if (a[i] != 0) {
                return false;
            }
        }
        return (a[10] & 0xFF) == 0xFF && (a[11] & 0xFF) == 0xFF;
    }

    @Override
    public String toString() {
        return text;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Cidr c && c.text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }
}
