package dev.wirekit.transport.blocking;

import dev.wirekit.api.Transport;
import dev.wirekit.testkit.DatagramTransportVerification;

/** The blocking transport against every datagram rule of the testkit. */
class BlockingDatagramTest extends DatagramTransportVerification {
    @Override
    protected Transport createTransport() {
        return Transport.of(new BlockingTransportProvider());
    }
}
