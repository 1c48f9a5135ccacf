package dev.wirekit.dns.internal;

import dev.wirekit.dns.DnsRecord;

/** TTLs as master files write them: seconds ({@code 3600}) or BIND units ({@code 1h30m}, {@code 2w}). */
public final class Ttl {
    private Ttl() {}

    /** True when {@code text} looks like a TTL (starts with a digit). */
    static boolean looksLike(String text) {
        return !text.isEmpty() && text.charAt(0) >= '0' && text.charAt(0) <= '9';
    }

    /**
     * The seconds {@code text} stands for, at most {@link DnsRecord#MAX_TTL}.
     *
     * @throws IllegalArgumentException when it is not a TTL or too large
     */
    public static long parse(String text) {
        return parse(text, DnsRecord.MAX_TTL);
    }

    /** {@link #parse(String)} with another upper bound (SOA timers go to 2^32-1). */
    static long parse(String text, long max) {
        if (!looksLike(text)) {
            throw new IllegalArgumentException("'" + text + "' is not a TTL (seconds, or units such as 1h30m)");
        }
        long total = 0;
        long number = -1;
        for (int i = 0; i < text.length(); i++) {
            char c = Character.toLowerCase(text.charAt(i));
            if (c >= '0' && c <= '9') {
                number = (number < 0 ? 0 : number) * 10 + (c - '0');
                if (number > max) {
                    throw new IllegalArgumentException("TTL '" + text + "' is over " + max);
                }
                continue;
            }
            long unit = switch (c) {
                case 'w' -> 604800;
                case 'd' -> 86400;
                case 'h' -> 3600;
                case 'm' -> 60;
                case 's' -> 1;
                default -> throw new IllegalArgumentException("'" + text + "' is not a TTL: unknown unit '" + c + "'");
            };
            if (number < 0) {
                throw new IllegalArgumentException("'" + text + "' is not a TTL: unit '" + c + "' without a number");
            }
            total += number * unit;
            number = -1;
            if (total > max) {
                throw new IllegalArgumentException("TTL '" + text + "' is over " + max);
            }
        }
        if (number >= 0) {
            total += number;
        }
        if (total > max) {
            throw new IllegalArgumentException("TTL '" + text + "' is over " + max);
        }
        return total;
    }
}
