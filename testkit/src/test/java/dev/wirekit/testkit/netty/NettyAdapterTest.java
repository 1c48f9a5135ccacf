package dev.wirekit.testkit.netty;

import dev.wirekit.api.Transport;
import dev.wirekit.testkit.TransportVerification;

/** A third-party transport (Netty behind the SPI) against every stream transport rule. */
class NettyAdapterTest extends TransportVerification {
    @Override
    protected Transport createTransport() {
        return Transport.of(new NettyTransportProvider());
    }
}
