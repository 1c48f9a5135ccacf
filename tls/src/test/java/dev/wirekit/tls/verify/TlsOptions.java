package dev.wirekit.tls.verify;

import dev.wirekit.api.TransportOptions;
import dev.wirekit.testkit.pki.Issued;
import dev.wirekit.testkit.pki.TestPki;
import dev.wirekit.tls.DtlsLayer;
import dev.wirekit.tls.TlsClientConfig;
import dev.wirekit.tls.TlsLayer;
import dev.wirekit.tls.TlsServerConfig;
import dev.wirekit.tls.testing.Pki;

/** One test PKI and the TLS/DTLS layers the shared suites run over (server and client trust each other). */
final class TlsOptions {
    static final TestPki PKI = TestPki.create("Wirekit Suite");
    /** The servers' certificate: localhost, 127.0.0.1, ::1. */
    static final Issued SERVER = PKI.localhost();

    static final TlsLayer TLS_SERVER =
            TlsLayer.server(TlsServerConfig.builder(Pki.keyMaterial(SERVER)).build());
    static final TlsLayer TLS_CLIENT =
            TlsLayer.client(TlsClientConfig.builder().trust(Pki.trust(PKI)).build());
    static final DtlsLayer DTLS_SERVER =
            DtlsLayer.server(TlsServerConfig.builder(Pki.keyMaterial(SERVER)).build());
    static final DtlsLayer DTLS_CLIENT =
            DtlsLayer.client(TlsClientConfig.builder().trust(Pki.trust(PKI)).build());

    private TlsOptions() {}

    /**
     * How long the shared suites wait over TLS: T-3 makes 1,000 full handshakes at once with both
     * ends in this JVM, several seconds of CPU that a shared 2-core machine may stretch well past
     * the plain-TCP defaults.
     */
    static final java.time.Duration PATIENCE = java.time.Duration.ofSeconds(90);

    static TransportOptions with(dev.wirekit.api.layer.Layer layer) {
        return TransportOptions.builder()
                .layer(layer)
                .handshakeTimeout(PATIENCE)
                .build();
    }
}
