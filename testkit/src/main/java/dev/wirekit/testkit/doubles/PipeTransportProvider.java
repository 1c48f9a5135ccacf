package dev.wirekit.testkit.doubles;

import dev.wirekit.api.Transport;
import dev.wirekit.spi.DriverConfig;
import dev.wirekit.spi.TransportDriver;
import dev.wirekit.spi.TransportProvider;

/**
 * An in-memory transport: connections are pairs of pipes inside the JVM, with no sockets at all.
 * For testing services, framers and layers fast and deterministically: everything Wirekit builds
 * on a transport (framing, layers, limits, backpressure, half-close, idle timeouts) works on it.
 * Addresses are loopback addresses with ports handed out by the transport; only clients of the
 * same transport instance can reach its servers. It has no datagrams.
 *
 * <pre>{@code
 * try (Transport pipes = PipeTransportProvider.transport()) {
 *     Server server = pipes.listen(new InetSocketAddress("127.0.0.1", 0), Framers.lines(100), service, options);
 *     ClientSession<String> client = pipes.connect(server.localAddress(), Framers.lines(100), options);
 * }
 * }</pre>
 *
 * <p>Not registered with ServiceLoader: a test double is chosen on purpose, never by default.
 */
public final class PipeTransportProvider implements TransportProvider {

    /** A new, empty in-memory transport. */
    public static Transport transport() {
        return Transport.of(new PipeTransportProvider());
    }

    @Override
    public String name() {
        return "pipe";
    }

    @Override
    public String description() {
        return "in-memory pipes, for tests";
    }

    @Override
    public TransportDriver create(DriverConfig config) {
        return new PipeDriver(config);
    }
}
