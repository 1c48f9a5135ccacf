package dev.wirekit.tls.internal;

import dev.wirekit.tls.ClientAuth;
import dev.wirekit.tls.KeyMaterial;
import dev.wirekit.tls.TlsServerConfig;
import dev.wirekit.tls.TlsVersion;
import dev.wirekit.tls.Trust;
import dev.wirekit.tls.internal.trust.HostnameMatcher;
import dev.wirekit.tls.internal.trust.InsecureTrust;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Vector;
import java.util.stream.Collectors;
import org.bouncycastle.tls.ProtocolName;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.crypto.impl.jcajce.JcaTlsCrypto;

/** What every handshake of one server layer shares: its configuration in BouncyCastle's terms. */
public final class ServerSide {
    static final System.Logger LOG = System.getLogger("dev.wirekit.tls");

    final TlsServerConfig config;
    final JcaTlsCrypto crypto;
    final ProtocolVersion[] versions;
    final int[] suites;
    final int[] dtlsSuites;
    final int[] groups;
    final Vector<ProtocolName> alpn;
    final String enabledProtocols;

    public ServerSide(TlsServerConfig config) {
        this.config = config;
        this.crypto = Crypto.create();
        this.versions = versions(config.protocols());
        boolean tls13 = config.protocols().contains(TlsVersion.TLS_1_3);
        boolean tls12 = config.protocols().contains(TlsVersion.TLS_1_2);
        this.suites = CipherSuites.codes(config.cipherSuites(), s -> s.tls13() ? tls13 : tls12);
        this.dtlsSuites = CipherSuites.codes(config.cipherSuites(), s -> !s.tls13());
        this.groups = CipherSuites.groups(config.namedGroups());
        this.alpn = protocolNames(config.applicationProtocols());
        this.enabledProtocols =
                config.protocols().stream().map(TlsVersion::standardName).collect(Collectors.joining(", "));
        if (config.clientAuth() != ClientAuth.NONE && config.clientTrust() instanceof InsecureTrust) {
            Warnings.once(
                    config,
                    "*** INSECURE: client certificates are requested but NOT verified: any certificate is accepted."
                            + " Development only. ***");
        }
    }

    public TlsServerConfig config() {
        return config;
    }

    Trust clientTrust() {
        return config.clientTrust();
    }

    /**
     * The certificates to try for a client that asked for {@code serverName}: those that name it
     * first (in configured order), then the default; just the default without a name.
     */
    List<KeyMaterial.Snapshot> candidates(String serverName) {
        List<KeyMaterial> all = config.certificates();
        List<KeyMaterial.Snapshot> out = new ArrayList<>(all.size());
        if (serverName != null) {
            for (KeyMaterial m : all) {
                KeyMaterial.Snapshot s = m.current();
                if (HostnameMatcher.matches(serverName, s.certificate())) {
                    out.add(s);
                }
            }
        }
        KeyMaterial.Snapshot fallback = all.get(0).current();
        if (!out.contains(fallback)) {
            out.add(fallback);
        }
        for (KeyMaterial m : all) { // other key types for clients that cannot verify the default's
            KeyMaterial.Snapshot s = m.current();
            if (!out.contains(s)) {
                out.add(s);
            }
        }
        return out;
    }

    static ProtocolVersion[] versions(List<TlsVersion> protocols) {
        List<ProtocolVersion> v = new ArrayList<>();
        for (TlsVersion p : protocols) {
            v.add(p == TlsVersion.TLS_1_3 ? ProtocolVersion.TLSv13 : ProtocolVersion.TLSv12);
        }
        return v.toArray(ProtocolVersion[]::new);
    }

    static Vector<ProtocolName> protocolNames(List<String> names) {
        if (names.isEmpty()) {
            return null;
        }
        Vector<ProtocolName> v = new Vector<>();
        for (String n : names) {
            v.add(ProtocolName.asRawBytes(n.getBytes(StandardCharsets.UTF_8)));
        }
        return v;
    }
}
