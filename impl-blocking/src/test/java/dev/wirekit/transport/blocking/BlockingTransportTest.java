package dev.wirekit.transport.blocking;

import dev.wirekit.api.Transport;
import dev.wirekit.testkit.TransportVerification;

/** The blocking transport against every stream transport rule of the testkit. */
class BlockingTransportTest extends TransportVerification {
    @Override
    protected Transport createTransport() {
        return Transport.of(new BlockingTransportProvider());
    }
}
