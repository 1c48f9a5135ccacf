package dev.wirekit.spi;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * One command-line option of a service or a client command, described as data so that plugins need
 * no command-line library. The CLI turns it into {@code --name VALUE} (or {@code --name} for a
 * flag), shows it in help, and parses the value into {@link OptionValues}.
 *
 * @param name the long name without dashes ({@code log-file}), also the key in {@link OptionValues}
 * @param description one line for the help text
 * @param type how the value is parsed
 * @param defaultValue the value when the option is absent, as it would be typed; null for none
 * @param choices the allowed values of a {@link Type#CHOICE}; empty otherwise
 * @param aliases more names, with their dashes ({@code -o})
 * @param required whether the option must be given
 */
public record OptionSpec(
        String name,
        String description,
        Type type,
        String defaultValue,
        List<String> choices,
        List<String> aliases,
        boolean required) {

    /** How an option's value is written and parsed. */
    public enum Type {
        /** Present or absent; no value. */
        FLAG,
        STRING,
        /** A decimal integer. */
        INT,
        /** {@code 500ms}, {@code 30s}, {@code 5m}, {@code 2h} or ISO-8601 ({@code PT30S}). */
        DURATION,
        /** A file system path. */
        PATH,
        /** One of {@link OptionSpec#choices()}. */
        CHOICE,
        /** Repeatable; every occurrence is kept, in order. */
        LIST
    }

    public OptionSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(type, "type");
        if (!name.matches("[a-z][a-z0-9-]*")) {
            throw new IllegalArgumentException("option name must be lower-case words joined by '-': " + name);
        }
        choices = List.copyOf(choices);
        aliases = List.copyOf(aliases);
        if (type == Type.CHOICE && choices.isEmpty()) {
            throw new IllegalArgumentException("choice option " + name + " has no choices");
        }
    }

    public static OptionSpec flag(String name, String description) {
        return new OptionSpec(name, description, Type.FLAG, null, List.of(), List.of(), false);
    }

    public static OptionSpec string(String name, String description, String defaultValue) {
        return new OptionSpec(name, description, Type.STRING, defaultValue, List.of(), List.of(), false);
    }

    public static OptionSpec integer(String name, String description, int defaultValue) {
        return new OptionSpec(name, description, Type.INT, Integer.toString(defaultValue), List.of(), List.of(), false);
    }

    public static OptionSpec duration(String name, String description, Duration defaultValue) {
        return new OptionSpec(
                name,
                description,
                Type.DURATION,
                defaultValue == null ? null : defaultValue.toString(),
                List.of(),
                List.of(),
                false);
    }

    public static OptionSpec path(String name, String description, String defaultValue) {
        return new OptionSpec(name, description, Type.PATH, defaultValue, List.of(), List.of(), false);
    }

    public static OptionSpec choice(String name, String description, String defaultValue, String... choices) {
        return new OptionSpec(name, description, Type.CHOICE, defaultValue, List.of(choices), List.of(), false);
    }

    public static OptionSpec list(String name, String description) {
        return new OptionSpec(name, description, Type.LIST, null, List.of(), List.of(), false);
    }

    /** This option with more names, such as {@code -o}. */
    public OptionSpec withAliases(String... more) {
        return new OptionSpec(name, description, type, defaultValue, choices, List.of(more), required);
    }

    /** This option, required. */
    public OptionSpec asRequired() {
        return new OptionSpec(name, description, type, defaultValue, choices, aliases, true);
    }
}
