package dev.wirekit.testkit.netty;

import dev.wirekit.spi.DriverConfig;
import dev.wirekit.spi.TransportDriver;
import dev.wirekit.spi.TransportProvider;

/**
 * A third-party transport: Netty 4.2's NIO channels behind the Wirekit SPI. It exists to prove
 * that a transport written by someone else, against the published SPI only, passes the testkit's
 * transport rules (see {@code NettyAdapterTest}).
 */
public final class NettyTransportProvider implements TransportProvider {
    @Override
    public String name() {
        return "netty-adapter";
    }

    @Override
    public String description() {
        return "Netty 4.2 NIO channels behind the Wirekit SPI (test adapter)";
    }

    @Override
    public TransportDriver create(DriverConfig config) {
        return new NettyDriver(config);
    }
}
