package dev.wirekit.transport.nio;

import dev.wirekit.api.Transport;
import dev.wirekit.testkit.TransportVerification;

/** The nio transport against every stream transport rule of the testkit. */
class NioTransportTest extends TransportVerification {
    @Override
    protected Transport createTransport() {
        return Transport.of(new NioTransportProvider());
    }
}
