package dev.wirekit.tls;

import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How a TLS (or DTLS) server authenticates itself, what it negotiates, and whether it asks clients
 * for certificates. Immutable; made with {@link #builder(KeyMaterial)}.
 *
 * <pre>{@code
 * TlsServerConfig config = TlsServerConfig.builder(KeyMaterial.pem(Path.of("cert.pem"), Path.of("key.pem")))
 *         .clientAuth(ClientAuth.REQUIRED)
 *         .clientTrust(Trust.pem(Path.of("clients-ca.pem")))
 *         .applicationProtocols("h2", "http/1.1")
 *         .build();
 * Layer tls = TlsLayer.server(config);
 * }</pre>
 *
 * <table>
 * <caption>Defaults</caption>
 * <tr><th>setting</th><th>default</th></tr>
 * <tr><td>protocols</td><td>{@link TlsDefaults#PROTOCOLS}: TLS 1.3, TLS 1.2</td></tr>
 * <tr><td>cipher suites</td><td>{@link TlsDefaults#CIPHER_SUITES}, in the server's order of preference</td></tr>
 * <tr><td>named groups</td><td>{@link TlsDefaults#NAMED_GROUPS}: x25519, secp256r1, secp384r1</td></tr>
 * <tr><td>client auth</td><td>{@link ClientAuth#NONE}</td></tr>
 * <tr><td>ALPN</td><td>none: the extension is ignored</td></tr>
 * <tr><td>datagram settings</td><td>{@link DatagramSettings#DEFAULTS}</td></tr>
 * <tr><td>clock</td><td>the system clock (validity of client certificates)</td></tr>
 * </table>
 *
 * <h2>Certificates per server name (SNI)</h2>
 *
 * A server may hold several certificates ({@link Builder#certificate(KeyMaterial)}). For each
 * handshake it presents the first one whose certificate names the host the client asked for (by the
 * same RFC 6125 rules clients use) and whose key the client can verify; when the client sent no name,
 * or no certificate names it, it presents the first one. So one server can answer for several
 * domains, or hold an ECDSA and an RSA certificate for old clients.
 */
public final class TlsServerConfig {
    private final List<KeyMaterial> certificates;
    private final List<TlsVersion> protocols;
    private final List<String> cipherSuites;
    private final List<String> namedGroups;
    private final ClientAuth clientAuth;
    private final Trust clientTrust;
    private final List<String> applicationProtocols;
    private final DatagramSettings datagramSettings;
    private final InstantSource clock;

    private TlsServerConfig(Builder b) {
        certificates = List.copyOf(b.certificates);
        protocols = b.protocols;
        cipherSuites = b.cipherSuites;
        namedGroups = b.namedGroups;
        clientAuth = b.clientAuth;
        clientTrust = b.clientTrust;
        applicationProtocols = b.applicationProtocols;
        datagramSettings = b.datagramSettings;
        clock = b.clock;
    }

    /** A builder presenting {@code keyMaterial} (the default certificate). */
    public static Builder builder(KeyMaterial keyMaterial) {
        return new Builder(keyMaterial);
    }

    /** The certificates, the default first. */
    public List<KeyMaterial> certificates() {
        return certificates;
    }

    public List<TlsVersion> protocols() {
        return protocols;
    }

    public List<String> cipherSuites() {
        return cipherSuites;
    }

    public List<String> namedGroups() {
        return namedGroups;
    }

    public ClientAuth clientAuth() {
        return clientAuth;
    }

    /** What client certificates are checked against; {@link Trust#insecure()} when client auth is off. */
    public Trust clientTrust() {
        return clientTrust;
    }

    /** ALPN protocols in the server's order of preference; empty when ALPN is not used. */
    public List<String> applicationProtocols() {
        return applicationProtocols;
    }

    public DatagramSettings datagramSettings() {
        return datagramSettings;
    }

    public InstantSource clock() {
        return clock;
    }

    /**
     * Reloads every certificate from its files (see {@link KeyMaterial#reload()}): new handshakes
     * use the new material, live connections keep theirs.
     *
     * @return true when any certificate changed
     * @throws java.io.IOException when one cannot be reloaded; the others are still reloaded, and the
     *     failed one keeps its old material
     */
    public boolean reload() throws java.io.IOException {
        boolean changed = false;
        java.io.IOException failure = null;
        for (KeyMaterial m : certificates) {
            try {
                changed |= m.reload();
            } catch (java.io.IOException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
        return changed;
    }

    @Override
    public String toString() {
        return "TlsServerConfig[protocols=" + protocols + ", clientAuth=" + clientAuth + ", certificates="
                + certificates + ", alpn=" + applicationProtocols + "]";
    }

    /** Builds a {@link TlsServerConfig}; each setter checks its argument at once. */
    public static final class Builder {
        private final List<KeyMaterial> certificates = new ArrayList<>();
        private List<TlsVersion> protocols = TlsDefaults.PROTOCOLS;
        private List<String> cipherSuites = TlsDefaults.CIPHER_SUITES;
        private List<String> namedGroups = TlsDefaults.NAMED_GROUPS;
        private ClientAuth clientAuth = ClientAuth.NONE;
        private Trust clientTrust;
        private List<String> applicationProtocols = List.of();
        private DatagramSettings datagramSettings = DatagramSettings.DEFAULTS;
        private InstantSource clock = InstantSource.system();

        private Builder(KeyMaterial keyMaterial) {
            certificates.add(Objects.requireNonNull(keyMaterial, "keyMaterial"));
        }

        /** Adds a certificate chosen by SNI (see the class documentation). */
        public Builder certificate(KeyMaterial more) {
            certificates.add(Objects.requireNonNull(more, "certificate"));
            return this;
        }

        /** The protocol versions to accept. */
        public Builder protocols(TlsVersion... value) {
            protocols = Checks.protocols(List.of(value));
            return this;
        }

        /**
         * The cipher suites to accept, in the server's order of preference, by IANA name; only
         * those in {@link TlsDefaults#SUPPORTED_CIPHER_SUITES} exist.
         */
        public Builder cipherSuites(List<String> value) {
            cipherSuites = Checks.cipherSuites(value);
            return this;
        }

        /** The key exchange groups, in order of preference (see {@link TlsDefaults#SUPPORTED_NAMED_GROUPS}). */
        public Builder namedGroups(List<String> value) {
            namedGroups = Checks.groups(value);
            return this;
        }

        /** Whether clients must, may or need not present a certificate; needs {@link #clientTrust}. */
        public Builder clientAuth(ClientAuth value) {
            clientAuth = Objects.requireNonNull(value, "clientAuth");
            return this;
        }

        /** What client certificates must chain to (or match) for mutual TLS. */
        public Builder clientTrust(Trust value) {
            clientTrust = Objects.requireNonNull(value, "clientTrust");
            return this;
        }

        /**
         * ALPN protocols this server speaks, most preferred first. A client that offers ALPN but
         * none of these is refused with {@code no_application_protocol}; a client that offers none
         * is served without ALPN.
         */
        public Builder applicationProtocols(String... value) {
            applicationProtocols = Checks.applicationProtocols(List.of(value));
            return this;
        }

        public Builder datagramSettings(DatagramSettings value) {
            datagramSettings = Objects.requireNonNull(value, "datagramSettings");
            return this;
        }

        /** The clock client certificates' validity is checked against. */
        public Builder clock(InstantSource value) {
            clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /**
         * @throws IllegalArgumentException when client auth is on without a client trust, or an
         *     enabled protocol has no enabled suite
         */
        public TlsServerConfig build() {
            Checks.suitesCoverProtocols(protocols, cipherSuites);
            if (clientAuth != ClientAuth.NONE && clientTrust == null) {
                throw new IllegalArgumentException(
                        "client auth " + clientAuth
                                + " needs a clientTrust: the CA (or pinned certificates) client certificates are checked against");
            }
            if (clientTrust == null) {
                clientTrust = Trust.insecure(); // never consulted: no certificate is requested
            }
            return new TlsServerConfig(this);
        }
    }
}
