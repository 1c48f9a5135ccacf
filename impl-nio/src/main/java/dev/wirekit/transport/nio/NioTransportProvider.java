package dev.wirekit.transport.nio;

import dev.wirekit.spi.DriverConfig;
import dev.wirekit.spi.TransportDriver;
import dev.wirekit.spi.TransportProvider;

/**
 * The {@code nio} transport, Wirekit's default: non-blocking channels on selector event loops (one
 * platform thread per processor by default), gathering writes, zero-copy file transfer. Service code
 * that may block runs on virtual threads, never on a loop.
 */
public final class NioTransportProvider implements TransportProvider {
    @Override
    public String name() {
        return "nio";
    }

    @Override
    public String description() {
        return "selector event loops, non-blocking I/O, zero-copy file transfer";
    }

    @Override
    public int priority() {
        return 20;
    }

    @Override
    public TransportDriver create(DriverConfig config) {
        return new NioDriver(config);
    }
}
