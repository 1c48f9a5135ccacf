package dev.wirekit.tls.internal;

import dev.wirekit.tls.TlsClientConfig;
import dev.wirekit.tls.TlsVersion;
import dev.wirekit.tls.internal.trust.InsecureTrust;
import java.util.Vector;
import java.util.stream.Collectors;
import org.bouncycastle.tls.ProtocolName;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.crypto.impl.jcajce.JcaTlsCrypto;

/** What every handshake of one client layer shares: its configuration in BouncyCastle's terms. */
public final class ClientSide {
    final TlsClientConfig config;
    final JcaTlsCrypto crypto;
    final ProtocolVersion[] versions;
    final int[] suites;
    final int[] dtlsSuites;
    final int[] groups;
    final Vector<ProtocolName> alpn;
    final String enabledProtocols;

    public ClientSide(TlsClientConfig config) {
        this.config = config;
        this.crypto = Crypto.create();
        this.versions = ServerSide.versions(config.protocols());
        boolean tls13 = config.protocols().contains(TlsVersion.TLS_1_3);
        boolean tls12 = config.protocols().contains(TlsVersion.TLS_1_2);
        this.suites = CipherSuites.codes(config.cipherSuites(), s -> s.tls13() ? tls13 : tls12);
        this.dtlsSuites = CipherSuites.codes(config.cipherSuites(), s -> !s.tls13());
        this.groups = CipherSuites.groups(config.namedGroups());
        this.alpn = ServerSide.protocolNames(config.applicationProtocols());
        this.enabledProtocols =
                config.protocols().stream().map(TlsVersion::standardName).collect(Collectors.joining(", "));
        if (config.trust() instanceof InsecureTrust) {
            Warnings.once(
                    config,
                    "*** INSECURE: server certificates are NOT verified (--insecure): anyone can impersonate the"
                            + " server. Development only. ***");
        } else if (!config.verifyHostname()) {
            Warnings.once(
                    config, "server host names are NOT verified: any trusted certificate is accepted for any host");
        }
    }

    public TlsClientConfig config() {
        return config;
    }
}
