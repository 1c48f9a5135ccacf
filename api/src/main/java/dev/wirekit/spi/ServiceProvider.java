package dev.wirekit.spi;

import java.util.List;
import java.util.Set;

/**
 * A service plugin, found with {@link java.util.ServiceLoader}: what {@code wirekit serve NAME}
 * runs. Declared like {@link TransportProvider} (module-info {@code provides} and a
 * {@code META-INF/services/dev.wirekit.spi.ServiceProvider} file).
 *
 * <p>The CLI names no plugin: it lists providers, adds each one's {@link #options()} to its
 * {@code serve} command, and starts what {@link #create} returns. An application can do the same
 * without the CLI.
 */
public interface ServiceProvider {

    /** The name users serve it by: lower case ({@code echo}). */
    String name();

    /** One line saying what it is. */
    String description();

    /** The port {@code serve} uses when none is given. */
    default int defaultPort() {
        return 0;
    }

    /** The socket kinds it can serve; {@code serve} starts all of them unless told otherwise. */
    default Set<Protocol> protocols() {
        return Set.of(Protocol.TCP);
    }

    /** The service's own options, shown in {@code wirekit serve NAME --help}. */
    default List<OptionSpec> options() {
        return List.of();
    }

    /**
     * Configures the service from {@code options}. Opens no socket and starts no thread: that
     * belongs to {@link Deployment#start}.
     *
     * @throws IllegalArgumentException when the options do not make sense together, with a message
     *     for the user
     */
    Deployment create(OptionValues options);
}
