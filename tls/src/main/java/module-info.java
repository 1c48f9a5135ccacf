/**
 * Wirekit TLS: TLS 1.3/1.2 and DTLS 1.2 layers (BouncyCastle) for every transport, certificates,
 * trust, verification and mutual TLS. Exports only {@code dev.wirekit.tls}.
 */
module dev.wirekit.tls {
    requires transitive dev.wirekit.api;
    requires org.bouncycastle.provider;
    requires org.bouncycastle.tls;
    requires org.bouncycastle.pkix;
    requires org.bouncycastle.util;

    exports dev.wirekit.tls;

    provides dev.wirekit.spi.CommandProvider with
            dev.wirekit.tls.internal.cli.CertCommandProvider;
}
