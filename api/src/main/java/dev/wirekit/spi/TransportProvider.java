package dev.wirekit.spi;

/**
 * The entry point of a transport implementation, found with {@link java.util.ServiceLoader}.
 *
 * <p>Declare it both ways so module-path and class-path users find it:
 *
 * <pre>
 * module com.example.transport {
 *     requires dev.wirekit.api;
 *     provides dev.wirekit.spi.TransportProvider with com.example.MyTransportProvider;
 * }
 * </pre>
 *
 * and a file {@code META-INF/services/dev.wirekit.spi.TransportProvider} naming the class.
 *
 * <p>A provider needs a public no-argument constructor that does nothing expensive. A provider that
 * throws while being loaded or created is reported and skipped; it never stops the others.
 *
 * <p>A transport only moves bytes: it implements a {@link TransportDriver}. Wirekit builds framing,
 * layers (TLS), sessions, limits, timeouts and backpressure on top of every driver the same way,
 * so a new transport gets all of them right by moving bytes right. The testkit's
 * {@code TransportVerification} checks that it does.
 */
public interface TransportProvider {

    /** The name users select it by: lower case, no spaces ({@code nio}, {@code netty}). */
    String name();

    /** One line saying what it is. */
    default String description() {
        return name();
    }

    /**
     * Preference when no transport is named: the highest wins. Wirekit's {@code nio} is 20 and
     * {@code blocking} 10; a third party that wants to be the default uses more.
     */
    default int priority() {
        return 0;
    }

    /**
     * A new driver. Opens no socket and starts no thread: that happens on the driver's first
     * {@code listen}, {@code connect} or {@code bind}.
     */
    TransportDriver create(DriverConfig config);
}
