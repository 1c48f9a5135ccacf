package dev.wirekit.spi;

/**
 * A client command plugin, found with {@link java.util.ServiceLoader}: {@code wirekit echo},
 * {@code wirekit chat}, {@code wirekit file get}... Each provider contributes one top-level command
 * (with subcommands if it likes). Declared like {@link TransportProvider}.
 */
public interface CommandProvider {

    /** The command, its options, parameters, subcommands and action. */
    CommandSpec command();
}
