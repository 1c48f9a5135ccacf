package dev.wirekit.scanner;

import java.util.Locale;

/** What a TCP connect attempt found out about one port. */
public enum PortState {
    /** The connection was accepted: something listens there. */
    OPEN,
    /** The host answered with a reset: nothing listens there, and nothing filters it. */
    CLOSED,
    /**
     * No answer within the timeout after every attempt, or an ICMP "unreachable": a firewall drops
     * or rejects the packets, or the host is down.
     */
    FILTERED;

    /** The lower-case name used in reports: {@code open}, {@code closed}, {@code filtered}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The state called {@code label} (any case).
     *
     * @throws IllegalArgumentException naming the states there are
     */
    public static PortState fromLabel(String label) {
        for (PortState s : values()) {
            if (s.label().equalsIgnoreCase(label.trim())) {
                return s;
            }
        }
        throw new IllegalArgumentException("'" + label + "' is not a port state (open, closed, filtered)");
    }
}
