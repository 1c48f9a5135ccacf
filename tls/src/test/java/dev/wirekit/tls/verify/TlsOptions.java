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

    static TransportOptions with(dev.wirekit.api.layer.Layer layer) {
        return TransportOptions.builder().layer(layer).build();
    }
}
