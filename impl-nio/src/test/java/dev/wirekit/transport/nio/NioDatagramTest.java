package dev.wirekit.transport.nio;

import dev.wirekit.api.Transport;
import dev.wirekit.testkit.DatagramTransportVerification;

/** The nio transport against every datagram rule of the testkit. */
class NioDatagramTest extends DatagramTransportVerification {
    @Override
    protected Transport createTransport() {
        return Transport.of(new NioTransportProvider());
    }
}
