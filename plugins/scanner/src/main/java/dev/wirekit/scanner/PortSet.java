package dev.wirekit.scanner;

import dev.wirekit.scanner.internal.ServiceNames;
import java.util.BitSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;

/**
 * A set of TCP ports (1-65535), parsed from what a user types:
 *
 * <ul>
 *   <li>{@code 22,80,443} — a list;
 *   <li>{@code 8000-8100} — a range; {@code -1024} starts at 1, {@code 60000-} ends at 65535;
 *   <li>{@code -} — every port;
 *   <li>{@code http}, {@code ssh} — service names, from the table shipped with the scanner (see
 *       {@link #serviceNames()});
 *   <li>any mix of those, separated by commas: {@code ssh,80,8000-8100}.
 * </ul>
 *
 * <p>Immutable. Iterates in ascending order; {@link #toString()} gives the compact form
 * ({@code 22,80,8000-8100}) that {@link #parse} reads back.
 */
public final class PortSet implements Iterable<Integer> {
    private static final PortSet ALL = range(1, 65_535);

    private final BitSet ports;
    private final int size;

    private PortSet(BitSet ports) {
        this.ports = ports;
        this.size = ports.cardinality();
    }

    /**
     * The ports {@code spec} names.
     *
     * @throws IllegalArgumentException naming the part that is wrong: a port outside 1-65535, a range
     *     that runs backwards, an unknown service name, an empty part
     */
    public static PortSet parse(String spec) {
        if (spec == null || spec.isBlank()) {
            throw new IllegalArgumentException(
                    "no ports given: write a list or ranges such as 22,80,8000-8100, or -" + " for all");
        }
        BitSet set = new BitSet(65_536);
        for (String raw : spec.split(",", -1)) {
            String part = raw.trim();
            if (part.isEmpty()) {
                throw invalid(spec, "an empty entry between commas");
            }
            if (part.equals("-")) {
                set.set(1, 65_536);
            } else if (isDigit(part.charAt(0)) || part.charAt(0) == '-') {
                int dash = part.indexOf('-');
                if (dash < 0) {
                    set.set(port(spec, part));
                } else {
                    int from = dash == 0 ? 1 : port(spec, part.substring(0, dash));
                    int to = dash == part.length() - 1 ? 65_535 : port(spec, part.substring(dash + 1));
                    if (from > to) {
                        throw invalid(spec, "the range " + part + " runs backwards");
                    }
                    set.set(from, to + 1);
                }
            } else {
                List<Integer> named = ServiceNames.builtIn().ports(part.toLowerCase(Locale.ROOT));
                if (named.isEmpty()) {
                    throw invalid(
                            spec,
                            "'" + part + "' is neither a port number nor a known service name (such as "
                                    + "http, ssh, smtp)");
                }
                named.forEach(set::set);
            }
        }
        return new PortSet(set);
    }

    /** These ports. */
    public static PortSet of(int... ports) {
        BitSet set = new BitSet(65_536);
        for (int p : ports) {
            set.set(check(p));
        }
        if (set.isEmpty()) {
            throw new IllegalArgumentException("no ports given");
        }
        return new PortSet(set);
    }

    /** The ports {@code from} to {@code to}, both included. */
    public static PortSet range(int from, int to) {
        check(from);
        check(to);
        if (from > to) {
            throw new IllegalArgumentException("the range " + from + "-" + to + " runs backwards");
        }
        BitSet set = new BitSet(65_536);
        set.set(from, to + 1);
        return new PortSet(set);
    }

    /** Every port, 1 to 65535. */
    public static PortSet all() {
        return ALL;
    }

    /** The service names {@link #parse} understands, with the ports they stand for. */
    public static List<String> serviceNames() {
        return ServiceNames.builtIn().names();
    }

    public int size() {
        return size;
    }

    public boolean contains(int port) {
        return port >= 1 && port <= 65_535 && ports.get(port);
    }

    /** The ports in ascending order. */
    public int[] toArray() {
        return ports.stream().toArray();
    }

    @Override
    public Iterator<Integer> iterator() {
        return new Iterator<>() {
            private int next = ports.nextSetBit(1);

            @Override
            public boolean hasNext() {
                return next >= 0;
            }

            @Override
            public Integer next() {
                if (next < 0) {
                    throw new NoSuchElementException();
                }
                int p = next;
                next = ports.nextSetBit(p + 1);
                return p;
            }
        };
    }

    /** The compact form: {@code 22,80,8000-8100}; {@code 1-65535} for every port. */
    @Override
    public String toString() {
        StringBuilder out = new StringBuilder();
        int from = ports.nextSetBit(1);
        while (from >= 0) {
            int to = ports.nextClearBit(from) - 1;
            if (!out.isEmpty()) {
                out.append(',');
            }
            out.append(from);
            if (to > from) {
                out.append('-').append(to);
            }
            from = ports.nextSetBit(to + 1);
        }
        return out.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PortSet other && other.ports.equals(ports);
    }

    @Override
    public int hashCode() {
        return ports.hashCode();
    }

    private static int port(String spec, String text) {
        if (text.isEmpty() || text.length() > 5 || !text.chars().allMatch(PortSet::isDigit)) {
            throw invalid(spec, "'" + text + "' is not a port number");
        }
        int p = Integer.parseInt(text);
        if (p < 1 || p > 65_535) {
            throw invalid(spec, "port " + p + " is outside 1-65535");
        }
        return p;
    }

    private static int check(int port) {
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("port " + port + " is outside 1-65535");
        }
        return port;
    }

    private static IllegalArgumentException invalid(String spec, String why) {
        return new IllegalArgumentException("ports '" + spec + "': " + why);
    }

    private static boolean isDigit(int c) {
        return c >= '0' && c <= '9';
    }
}
