package dev.wirekit.dns.internal;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A list of networks in CIDR form ({@code 127.0.0.0/8}, {@code ::1/128}, a bare address for one
 * host), or the words {@code any} and {@code none}. Immutable.
 */
public final class NetworkList {
    private record Network(byte[] prefix, int bits) {
        boolean contains(byte[] address) {
            if (address.length != prefix.length) {
                return false;
            }
            int full = bits / 8;
            for (int i = 0; i < full; i++) {
                if (address[i] != prefix[i]) {
                    return false;
                }
            }
            int rest = bits % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xFF << (8 - rest)) & 0xFF;
            return (address[full] & mask) == (prefix[full] & mask);
        }
    }

    private final List<Network> networks;
    private final List<String> text;

    private NetworkList(List<Network> networks, List<String> text) {
        this.networks = networks;
        this.text = text;
    }

    /** The loopback networks: 127.0.0.0/8 and ::1/128. */
    public static NetworkList loopback() {
        return parse(List.of("127.0.0.0/8", "::1/128"));
    }

    /**
     * Parses {@code entries}; {@code none} alone gives the empty list, {@code any} matches every
     * address.
     *
     * @throws IllegalArgumentException naming an entry that is not a network
     */
    public static NetworkList parse(List<String> entries) {
        List<Network> list = new ArrayList<>();
        List<String> shown = new ArrayList<>();
        for (String raw : entries) {
            String e = raw.trim().toLowerCase(Locale.ROOT);
            if (e.equals("none")) {
                continue;
            }
            if (e.equals("any")) {
                list.add(new Network(new byte[4], 0));
                list.add(new Network(new byte[16], 0));
                shown.add("any");
                continue;
            }
            int slash = e.indexOf('/');
            String host = slash < 0 ? e : e.substring(0, slash);
            InetAddress a = IpLiterals.parse(host);
            if (a == null) {
                throw new IllegalArgumentException("'" + raw + "' is not a network (use 192.0.2.0/24, 2001:db8::/32, an"
                        + " address, any or none)");
            }
            int max = a instanceof Inet4Address ? 32 : 128;
            int bits = max;
            if (slash >= 0) {
                String b = e.substring(slash + 1);
                if (b.isEmpty() || b.length() > 3 || !b.chars().allMatch(c -> c >= '0' && c <= '9')) {
                    throw new IllegalArgumentException("'" + raw + "': prefix length '" + b + "' is not a number");
                }
                bits = Integer.parseInt(b);
                if (bits > max) {
                    throw new IllegalArgumentException("'" + raw + "': prefix length " + bits + " is over " + max);
                }
            }
            list.add(new Network(a.getAddress(), bits));
            shown.add(raw.trim());
        }
        return new NetworkList(List.copyOf(list), List.copyOf(shown));
    }

    /** True when {@code address} is in one of the networks. */
    public boolean contains(InetAddress address) {
        byte[] a = address.getAddress();
        for (Network n : networks) {
            if (n.contains(a)) {
                return true;
            }
        }
        return false;
    }

    public boolean isEmpty() {
        return networks.isEmpty();
    }

    @Override
    public String toString() {
        return text.isEmpty() ? "none" : String.join(", ", text);
    }
}
