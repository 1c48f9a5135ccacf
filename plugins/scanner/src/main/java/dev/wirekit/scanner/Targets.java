package dev.wirekit.scanner;

import java.math.BigInteger;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Parses what a user names as scan targets, before anything is sent: host names, IPv4 and IPv6
 * addresses (IPv6 bare or in brackets) and CIDR ranges of either ({@code 192.0.2.0/28},
 * {@code fd00::/120}), separated by commas or spaces.
 *
 * <p>Refused with a message that says why: malformed addresses and names (including dotted numbers
 * that are not four octets, such as {@code 10.1}, which some resolvers would quietly expand), the
 * unspecified address, multicast and broadcast addresses, names that do not resolve, and ranges of
 * more than {@code maxHosts} addresses. In an IPv4 range of /30 or wider the network and broadcast
 * addresses are skipped; host bits in a range's address are ignored ({@code 10.0.0.7/24} is
 * {@code 10.0.0.0/24}). The same address named twice is scanned once.
 */
public final class Targets {
    /** The most addresses one scan takes by default: a /16. */
    public static final int DEFAULT_MAX_HOSTS = 65_536;

    private static final Pattern DOTTED = Pattern.compile("[0-9.]+");
    private static final Pattern IPV4 = Pattern.compile("(0|[1-9][0-9]{0,2})(\\.(0|[1-9][0-9]{0,2})){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]+(%[A-Za-z0-9_.-]+)?");
    private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?");

    private Targets() {}

    /**
     * The targets named in {@code spec}, in order, without duplicates.
     *
     * @param spec one or more targets separated by commas or white space
     * @param resolver resolves host names (the first address of each is scanned)
     * @param maxHosts the most addresses all of them together may hold
     * @throws IllegalArgumentException naming the target and what is wrong with it
     */
    public static List<Target> parse(String spec, HostResolver resolver, int maxHosts) {
        return parse(List.of(spec == null ? "" : spec), resolver, maxHosts);
    }

    /** {@link #parse(String, HostResolver, int)} over several arguments, each of which may hold several targets. */
    public static List<Target> parse(List<String> specs, HostResolver resolver, int maxHosts) {
        if (maxHosts <= 0) {
            throw new IllegalArgumentException("maxHosts <= 0: " + maxHosts);
        }
        Map<InetAddress, Target> found = new LinkedHashMap<>();
        for (String spec : specs) {
            if (spec == null) {
                continue;
            }
            for (String item : spec.trim().split("[,\\s]+")) {
                if (!item.isEmpty()) {
                    add(item, resolver, maxHosts, found);
                }
            }
        }
        if (found.isEmpty()) {
            throw new IllegalArgumentException(
                    "no target given: name the hosts, addresses or CIDR ranges to scan (nothing is scanned by"
                            + " default)");
        }
        return List.copyOf(found.values());
    }

    private static void add(String item, HostResolver resolver, int maxHosts, Map<InetAddress, Target> found) {
        String base = item;
        Integer prefix = null;
        int slash = item.lastIndexOf('/');
        if (slash >= 0) {
            base = item.substring(0, slash);
            prefix = prefixLength(item, item.substring(slash + 1));
        }
        Target target = single(item, base, resolver);
        if (prefix == null) {
            put(found, target, maxHosts, item);
            return;
        }
        InetAddress address = target.address();
        int bits = address instanceof Inet4Address ? 32 : 128;
        if (prefix > bits) {
            throw invalid(
                    item,
                    "a prefix of /" + prefix + " is longer than an " + family(address) + " address (" + bits
                            + " bits)");
        }
        BigInteger count = BigInteger.ONE.shiftLeft(bits - prefix);
        boolean skipEnds = bits == 32 && prefix <= 30;
        BigInteger hosts = skipEnds ? count.subtract(BigInteger.TWO) : count;
        if (hosts.compareTo(BigInteger.valueOf(maxHosts - found.size())) > 0) {
            throw invalid(
                    item,
                    "the range holds " + String.format(Locale.ROOT, "%,d", hosts) + " addresses; at most "
                            + String.format(Locale.ROOT, "%,d", maxHosts) + " are scanned at once (give a longer"
                            + " prefix, or raise the host limit)");
        }
        BigInteger network = new BigInteger(1, address.getAddress()).andNot(count.subtract(BigInteger.ONE));
        for (BigInteger i = skipEnds ? BigInteger.ONE : BigInteger.ZERO;
                i.compareTo(skipEnds ? count.subtract(BigInteger.ONE) : count) < 0;
                i = i.add(BigInteger.ONE)) {
            put(found, new Target(null, toAddress(network.add(i), bits / 8)), maxHosts, item);
        }
    }

    private static void put(Map<InetAddress, Target> found, Target target, int maxHosts, String item) {
        if (!found.containsKey(target.address()) && found.size() >= maxHosts) {
            throw invalid(
                    item,
                    "the targets add up to more than " + String.format(Locale.ROOT, "%,d", maxHosts)
                            + " addresses, the most scanned at once");
        }
        found.putIfAbsent(target.address(), target);
    }

    private static Integer prefixLength(String item, String text) {
        if (!text.matches("[0-9]{1,3}")) {
            throw invalid(item, "'/" + text + "' is not a prefix length (a number such as /24)");
        }
        return Integer.parseInt(text);
    }

    /** The one address {@code base} names (a literal, or a name resolved now). */
    private static Target single(String item, String base, HostResolver resolver) {
        if (base.isEmpty()) {
            throw invalid(item, "no address before the prefix");
        }
        InetAddress address;
        String name = null;
        if (base.startsWith("[") || base.indexOf(':') >= 0) {
            String literal = base.startsWith("[") && base.endsWith("]") ? base.substring(1, base.length() - 1) : base;
            if (base.startsWith("[") != base.endsWith("]")
                    || !IPV6.matcher(literal).matches()) {
                throw invalid(item, "not an IPv6 address (write it bare, fd00::1, or in brackets, [fd00::1])");
            }
            address = literal(item, literal, "an IPv6 address");
        } else if (DOTTED.matcher(base).matches()) {
            if (!IPV4.matcher(base).matches() || !octets(base)) {
                throw invalid(
                        item, "not an IPv4 address (four numbers 0-255 separated by dots, without leading zeros)");
            }
            address = literal(item, base, "an IPv4 address");
        } else {
            checkHostName(item, base);
            name = base.endsWith(".") ? base.substring(0, base.length() - 1) : base;
            address = resolve(item, name, resolver);
        }
        checkScannable(item, address);
        return new Target(name, address);
    }

    /** Whether every part of a dotted quad is at most 255 (so the JDK never takes it for a name). */
    private static boolean octets(String dotted) {
        for (String part : dotted.split("\\.")) {
            if (Integer.parseInt(part) > 255) {
                return false;
            }
        }
        return true;
    }

    private static InetAddress literal(String item, String text, String what) {
        try {
            InetAddress a = InetAddress.getByName(text); // a literal: no name service involved
            if (what.contains("IPv4") && !(a instanceof Inet4Address)) {
                throw invalid(item, "not " + what);
            }
            return a;
        } catch (UnknownHostException e) {
            throw invalid(item, "not " + what);
        }
    }

    private static void checkHostName(String item, String name) {
        String n = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
        if (n.isEmpty() || n.length() > 253) {
            throw invalid(item, "not a host name (1 to 253 characters)");
        }
        for (String label : n.split("\\.", -1)) {
            if (!LABEL.matcher(label).matches()) {
                throw invalid(
                        item,
                        "not a host name (labels of letters, digits and '-', 1 to 63 characters, separated by"
                                + " dots)");
            }
        }
    }

    private static InetAddress resolve(String item, String name, HostResolver resolver) {
        InetAddress[] addresses;
        try {
            addresses = resolver.resolve(name);
        } catch (UnknownHostException e) {
            throw invalid(item, "cannot resolve the host name");
        }
        if (addresses == null || addresses.length == 0 || addresses[0] == null) {
            throw invalid(item, "the host name has no address");
        }
        return addresses[0];
    }

    private static void checkScannable(String item, InetAddress address) {
        if (address.isAnyLocalAddress()) {
            throw invalid(item, "the unspecified address " + address.getHostAddress() + " names no host");
        }
        if (address.isMulticastAddress()) {
            throw invalid(item, address.getHostAddress() + " is a multicast address; TCP cannot connect to it");
        }
        if (address instanceof Inet4Address && address.getHostAddress().equals("255.255.255.255")) {
            throw invalid(item, "255.255.255.255 is the broadcast address; TCP cannot connect to it");
        }
    }

    private static InetAddress toAddress(BigInteger value, int length) {
        byte[] raw = value.toByteArray();
        byte[] bytes = new byte[length];
        int copy = Math.min(raw.length, length);
        System.arraycopy(raw, raw.length - copy, bytes, length - copy, copy);
        try {
            return length == 4 ? Inet4Address.getByAddress(bytes) : Inet6Address.getByAddress(null, bytes, null);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e); // cannot happen: the length is right
        }
    }

    private static String family(InetAddress a) {
        return a instanceof Inet4Address ? "IPv4" : "IPv6";
    }

    private static IllegalArgumentException invalid(String item, String why) {
        return new IllegalArgumentException("target '" + item + "': " + why);
    }
}
