package dev.wirekit.tls.verify;

import dev.wirekit.api.Transport;

/** The layer rules again with TLS over real sockets on the NIO transport (its event loop, its buffers). */
class NioTlsLayerVerificationTest extends TlsLayerVerificationTest {
    @Override
    protected Transport createTransport() {
        return Transport.load("nio");
    }
}
