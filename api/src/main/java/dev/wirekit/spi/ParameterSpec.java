package dev.wirekit.spi;

import java.util.Objects;

/**
 * A positional parameter of a client command, such as {@code host:port}. Its value is found in
 * {@link OptionValues} under its name: a string, or a list when it is variadic.
 *
 * @param name the key in {@link OptionValues}, also shown in help ({@code target})
 * @param description one line for the help text
 * @param required whether it must be given
 * @param variadic whether it takes all remaining arguments (only the last parameter may)
 */
public record ParameterSpec(String name, String description, boolean required, boolean variadic) {
    public ParameterSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
    }

    public static ParameterSpec required(String name, String description) {
        return new ParameterSpec(name, description, true, false);
    }

    public static ParameterSpec optional(String name, String description) {
        return new ParameterSpec(name, description, false, false);
    }

    public static ParameterSpec rest(String name, String description) {
        return new ParameterSpec(name, description, false, true);
    }
}
