package dev.wirekit.tls.verify;

import dev.wirekit.api.Transport;
import dev.wirekit.api.TransportOptions;
import dev.wirekit.testkit.TransportVerification;

/** Every stream transport rule (testkit SPEC.md, section T) on the blocking transport, over TLS. */
class BlockingTlsTransportVerificationTest extends TransportVerification {
    @Override
    protected Transport createTransport() {
        return Transport.load("blocking");
    }

    @Override
    protected dev.wirekit.testkit.TestEnvironment environment() {
        return new dev.wirekit.testkit.TestEnvironment(TlsOptions.PATIENCE);
    }

    @Override
    protected TransportOptions serverOptions() {
        return TlsOptions.with(TlsOptions.TLS_SERVER);
    }

    @Override
    protected TransportOptions clientOptions() {
        return TlsOptions.with(TlsOptions.TLS_CLIENT);
    }
}
