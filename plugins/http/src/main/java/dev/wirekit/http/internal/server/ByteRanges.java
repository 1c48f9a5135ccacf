package dev.wirekit.http.internal.server;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The {@code Range} field of a request (RFC 9110 section 14.2), resolved against a representation's
 * length: a list of satisfiable ranges, sorted and with overlapping or adjacent ones merged.
 */
final class ByteRanges {
    /** At most this many ranges are honoured; more make the field be ignored. */
    static final int MAX_RANGES = 16;

    /** One range of bytes, {@code first} to {@code last} inclusive. */
    record Range(long first, long last) {
        long length() {
            return last - first + 1;
        }
    }

    private ByteRanges() {}

    /**
     * @return null when the field is to be ignored (malformed, another unit, too many ranges), an
     *     empty list when no range is satisfiable (416), else the ranges to send
     */
    static List<Range> parse(String field, long size) {
        if (field == null || !field.regionMatches(true, 0, "bytes=", 0, 6)) {
            return null;
        }
        List<Range> ranges = new ArrayList<>();
        int count = 0;
        for (String element : field.substring(6).split(",", -1)) {
            String spec = element.strip();
            if (spec.isEmpty()) {
                continue;
            }
            if (++count > MAX_RANGES) {
                return null;
            }
            int dash = spec.indexOf('-');
            if (dash < 0) {
                return null;
            }
            String a = spec.substring(0, dash);
            String b = spec.substring(dash + 1);
            if (a.isEmpty()) {
                long suffix = digits(b);
                if (suffix < 0) {
                    return null;
                }
                if (suffix > 0 && size > 0) {
                    ranges.add(new Range(Math.max(0, size - suffix), size - 1));
                }
                continue;
            }
            long first = digits(a);
            long last = b.isEmpty() ? Long.MAX_VALUE : digits(b);
            if (first < 0 || last < 0 || last < first) {
                return null;
            }
            if (first < size) {
                ranges.add(new Range(first, Math.min(last, size - 1)));
            }
        }
        if (count == 0) {
            return null;
        }
        return merge(ranges);
    }

    private static long digits(String s) {
        if (s.isEmpty() || s.length() > 18) {
            return -1;
        }
        long v = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    private static List<Range> merge(List<Range> ranges) {
        if (ranges.size() < 2) {
            return ranges;
        }
        ranges.sort(Comparator.comparingLong(Range::first));
        List<Range> merged = new ArrayList<>();
        Range current = ranges.get(0);
        for (int i = 1; i < ranges.size(); i++) {
            Range r = ranges.get(i);
            if (r.first() <= current.last() + 1) {
                current = new Range(current.first(), Math.max(current.last(), r.last()));
            } else {
                merged.add(current);
                current = r;
            }
        }
        merged.add(current);
        return merged;
    }
}
