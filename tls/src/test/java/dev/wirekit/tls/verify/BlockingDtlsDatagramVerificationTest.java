package dev.wirekit.tls.verify;

import dev.wirekit.api.Transport;
import dev.wirekit.api.TransportOptions;
import dev.wirekit.testkit.DatagramTransportVerification;

/** Every datagram transport rule (testkit SPEC.md, section D) on the blocking transport, over DTLS 1.2. */
class BlockingDtlsDatagramVerificationTest extends DatagramTransportVerification {
    @Override
    protected Transport createTransport() {
        return Transport.load("blocking");
    }

    /** DTLS protects each datagram as one record: at most 16,384 bytes of plaintext (RFC 6347 4.1). */
    @Override
    protected int maxDatagramSize() {
        return 16_384;
    }

    @Override
    protected TransportOptions serverOptions() {
        return TlsOptions.with(TlsOptions.DTLS_SERVER);
    }

    @Override
    protected TransportOptions clientOptions() {
        return TlsOptions.with(TlsOptions.DTLS_CLIENT);
    }
}
