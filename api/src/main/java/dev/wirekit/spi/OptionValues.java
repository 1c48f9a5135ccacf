package dev.wirekit.spi;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parsed values of a command's options and parameters. Built by the CLI from what the user typed,
 * or by an embedding application with {@link #parse}; every value is checked against its
 * {@link OptionSpec} there, so the accessors never fail on a value's form.
 */
public final class OptionValues {
    private static final Pattern SHORT_DURATION = Pattern.compile("(\\d+)(ms|s|m|h|d)");

    private final Map<String, Object> values;

    private OptionValues(Map<String, Object> values) {
        this.values = values;
    }

    /**
     * Parses {@code raw} (option name to the text typed; a list option's text holds one entry per
     * element) against {@code specs}, filling in defaults. Keys without a spec (parameters) are kept
     * as they are.
     *
     * @throws IllegalArgumentException naming the option and the bad value, or a missing required
     *     option
     */
    public static OptionValues parse(List<OptionSpec> specs, Map<String, ?> raw) {
        Map<String, Object> parsed = new HashMap<>();
        Map<String, Object> rest = new HashMap<>(raw);
        for (OptionSpec spec : specs) {
            Object given = rest.remove(spec.name());
            if (given == null && spec.required()) {
                throw new IllegalArgumentException("option --" + spec.name() + " is required");
            }
            Object value = given != null ? given : spec.defaultValue();
            if (spec.type() == OptionSpec.Type.FLAG) {
                parsed.put(spec.name(), value != null && Boolean.parseBoolean(value.toString()));
            } else if (spec.type() == OptionSpec.Type.LIST) {
                parsed.put(spec.name(), value == null ? List.of() : toList(value));
            } else if (value != null) {
                parsed.put(spec.name(), convert(spec, value.toString()));
            }
        }
        parsed.putAll(rest);
        return new OptionValues(parsed);
    }

    /** No values at all; every accessor returns its empty answer. */
    public static OptionValues empty() {
        return new OptionValues(Map.of());
    }

    private static List<String> toList(Object value) {
        List<String> list = new ArrayList<>();
        if (value instanceof List<?> l) {
            l.forEach(e -> list.add(String.valueOf(e)));
        } else {
            list.add(value.toString());
        }
        return List.copyOf(list);
    }

    private static Object convert(OptionSpec spec, String text) {
        String option = "option --" + spec.name();
        return switch (spec.type()) {
            case INT -> {
                try {
                    yield Integer.parseInt(text.trim());
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(option + ": '" + text + "' is not a whole number");
                }
            }
            case DURATION -> parseDuration(option, text);
            case PATH -> Path.of(text);
            case CHOICE -> {
                if (!spec.choices().contains(text)) {
                    throw new IllegalArgumentException(
                            option + ": '" + text + "' is not one of " + String.join(", ", spec.choices()));
                }
                yield text;
            }
            default -> text;
        };
    }

    /** Parses {@code 500ms}, {@code 30s}, {@code 5m}, {@code 2h}, {@code 1d} or ISO-8601 ({@code PT30S}). */
    public static Duration parseDuration(String what, String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        Matcher m = SHORT_DURATION.matcher(t);
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
        }
        try {
            return Duration.parse(text.trim());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(
                    what + ": '" + text + "' is not a duration (use 500ms, 30s, 5m, 2h or PT30S)");
        }
    }

    public boolean flag(String name) {
        return Boolean.TRUE.equals(values.get(name));
    }

    /** The value as text, or null when absent and without a default. */
    public String string(String name) {
        Object v = values.get(name);
        return v == null ? null : v.toString();
    }

    public Optional<String> optional(String name) {
        return Optional.ofNullable(string(name));
    }

    /** An INT option's value; its default when absent. */
    public int integer(String name) {
        Object v = values.get(name);
        if (!(v instanceof Integer i)) {
            throw new IllegalArgumentException("option --" + name + " has no value");
        }
        return i;
    }

    /** A DURATION option's value, or null. */
    public Duration duration(String name) {
        return (Duration) values.get(name);
    }

    /** A PATH option's value, or null. */
    public Path path(String name) {
        Object v = values.get(name);
        return v == null ? null : v instanceof Path p ? p : Path.of(v.toString());
    }

    /** A LIST option's or variadic parameter's values; empty when absent. */
    public List<String> list(String name) {
        Object v = values.get(name);
        return v == null ? List.of() : toList(v);
    }

    public boolean has(String name) {
        return values.get(name) != null;
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
