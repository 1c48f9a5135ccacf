package dev.wirekit.testkit;

import dev.wirekit.api.Transport;
import dev.wirekit.testkit.doubles.PipeTransportProvider;

/** The in-memory pipe transport, a published test double, against the stream transport rules. */
class PipeTransportTest extends TransportVerification {
    @Override
    protected Transport createTransport() {
        return PipeTransportProvider.transport();
    }

    @Override
    protected boolean usesRealSockets() {
        return false;
    }
}
