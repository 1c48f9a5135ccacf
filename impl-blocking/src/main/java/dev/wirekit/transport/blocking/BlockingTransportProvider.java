package dev.wirekit.transport.blocking;

import dev.wirekit.spi.DriverConfig;
import dev.wirekit.spi.TransportDriver;
import dev.wirekit.spi.TransportProvider;

/**
 * The {@code blocking} transport: {@link java.net.Socket}s read and written by virtual threads, two
 * per connection (a reader that runs the service, a writer that drains the outbound queue). Simple
 * to reason about; a service may block without any care.
 */
public final class BlockingTransportProvider implements TransportProvider {
    @Override
    public String name() {
        return "blocking";
    }

    @Override
    public String description() {
        return "java.net sockets, one virtual thread per connection";
    }

    @Override
    public int priority() {
        return 10;
    }

    @Override
    public TransportDriver create(DriverConfig config) {
        return new BlockingDriver(config);
    }
}
