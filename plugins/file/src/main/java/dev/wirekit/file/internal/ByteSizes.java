package dev.wirekit.file.internal;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Byte counts as people write them: {@code 512}, {@code 64k}, {@code 16GiB}, {@code 1.5G}, {@code 10MB}. */
public final class ByteSizes {
    private static final Pattern SIZE =
            Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(|b|k|kb|kib|m|mb|mib|g|gb|gib|t|tb|tib)", Pattern.CASE_INSENSITIVE);
    private static final String[] UNITS = {"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};

    private ByteSizes() {}

    /**
     * Parses a size. A bare number is bytes; K, M, G, T and KiB, MiB, GiB, TiB are powers of 1024;
     * KB, MB, GB, TB are powers of 1000.
     *
     * @throws IllegalArgumentException naming {@code what} when the text is not a size
     */
    public static long parse(String what, String text) {
        Matcher m = SIZE.matcher(text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException(
                    what + ": '" + text + "' is not a size (use bytes, or a unit: 64k, 500MB, 16GiB)");
        }
        String unit = m.group(2).toLowerCase(Locale.ROOT);
        double multiplier = switch (unit) {
            case "", "b" -> 1;
            case "k", "kib" -> 1L << 10;
            case "m", "mib" -> 1L << 20;
            case "g", "gib" -> 1L << 30;
            case "t", "tib" -> 1L << 40;
            case "kb" -> 1e3;
            case "mb" -> 1e6;
            case "gb" -> 1e9;
            default -> 1e12;
        };
        double value = Double.parseDouble(m.group(1)) * multiplier;
        if (value >= 0x1p63) {
            throw new IllegalArgumentException(what + ": '" + text + "' is too large");
        }
        return (long) value;
    }

    /** {@code bytes} for people: {@code 512 B}, {@code 1.5 KiB}, {@code 10.0 MiB}. */
    public static String format(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        double value = bytes;
        int unit = 0;
        while (value >= 1024 && unit < UNITS.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(
                Locale.ROOT, value < 10 ? "%.2f %s" : value < 100 ? "%.1f %s" : "%.0f %s", value, UNITS[unit]);
    }
}
