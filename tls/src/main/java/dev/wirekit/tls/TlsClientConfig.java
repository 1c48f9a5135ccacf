package dev.wirekit.tls;

import java.time.InstantSource;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How a TLS (or DTLS) client verifies servers, what it offers, and the certificate it presents
 * when a server asks. Immutable; made with {@link #builder()}.
 *
 * <pre>{@code
 * Layer tls = TlsLayer.client(TlsClientConfig.builder()
 *         .trust(Trust.pem(Path.of("ca.pem")))
 *         .applicationProtocols("http/1.1")
 *         .build());
 * }</pre>
 *
 * <table>
 * <caption>Defaults</caption>
 * <tr><th>setting</th><th>default</th></tr>
 * <tr><td>trust</td><td>{@link Trust#system()}</td></tr>
 * <tr><td>host name verification</td><td>on</td></tr>
 * <tr><td>server name</td><td>the host connected to (see below)</td></tr>
 * <tr><td>SNI</td><td>sent, unless the server name is an IP address</td></tr>
 * <tr><td>client certificate</td><td>none</td></tr>
 * <tr><td>protocols, cipher suites, groups</td><td>as {@link TlsDefaults}</td></tr>
 * <tr><td>ALPN</td><td>none offered</td></tr>
 * </table>
 *
 * <h2>Which name is verified</h2>
 *
 * The server's certificate must name (RFC 6125, see {@link HostnameMismatchException}): the
 * {@link Builder#serverName(String) configured server name} if set; else the name in
 * {@link dev.wirekit.api.TransportOptions#serverName()}; else the host name the connection was
 * opened with; else, for a connection opened to a literal address, that IP address (which must then
 * be an IP subject alternative name). The same name is sent as SNI, except an IP address, which
 * RFC 6066 forbids there.
 */
public final class TlsClientConfig {
    private final Trust trust;
    private final KeyMaterial keyMaterial;
    private final List<TlsVersion> protocols;
    private final List<String> cipherSuites;
    private final List<String> namedGroups;
    private final String serverName;
    private final boolean sendServerName;
    private final boolean verifyHostname;
    private final List<String> applicationProtocols;
    private final DatagramSettings datagramSettings;
    private final InstantSource clock;

    private TlsClientConfig(Builder b) {
        trust = b.trust;
        keyMaterial = b.keyMaterial;
        protocols = b.protocols;
        cipherSuites = b.cipherSuites;
        namedGroups = b.namedGroups;
        serverName = b.serverName;
        sendServerName = b.sendServerName;
        verifyHostname = b.verifyHostname;
        applicationProtocols = b.applicationProtocols;
        datagramSettings = b.datagramSettings;
        clock = b.clock;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The defaults: the system trust store, host names verified, no client certificate. */
    public static TlsClientConfig defaults() {
        return builder().build();
    }

    public Trust trust() {
        return trust;
    }

    /** The certificate presented when a server asks for one. */
    public Optional<KeyMaterial> keyMaterial() {
        return Optional.ofNullable(keyMaterial);
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

    /** The configured server name, overriding the one the connection knows. */
    public Optional<String> serverName() {
        return Optional.ofNullable(serverName);
    }

    public boolean sendServerName() {
        return sendServerName;
    }

    public boolean verifyHostname() {
        return verifyHostname;
    }

    public List<String> applicationProtocols() {
        return applicationProtocols;
    }

    public DatagramSettings datagramSettings() {
        return datagramSettings;
    }

    public InstantSource clock() {
        return clock;
    }

    @Override
    public String toString() {
        return "TlsClientConfig[trust=" + trust.description() + ", protocols=" + protocols + ", verifyHostname="
                + verifyHostname + ", clientCertificate=" + (keyMaterial != null) + ", alpn=" + applicationProtocols
                + "]";
    }

    /** Builds a {@link TlsClientConfig}; each setter checks its argument at once. */
    public static final class Builder {
        private Trust trust;
        private KeyMaterial keyMaterial;
        private List<TlsVersion> protocols = TlsDefaults.PROTOCOLS;
        private List<String> cipherSuites = TlsDefaults.CIPHER_SUITES;
        private List<String> namedGroups = TlsDefaults.NAMED_GROUPS;
        private String serverName;
        private boolean sendServerName = true;
        private boolean verifyHostname = true;
        private List<String> applicationProtocols = List.of();
        private DatagramSettings datagramSettings = DatagramSettings.DEFAULTS;
        private InstantSource clock = InstantSource.system();

        private Builder() {}

        /** What server certificates must chain to (or match). Default: {@link Trust#system()}. */
        public Builder trust(Trust value) {
            trust = Objects.requireNonNull(value, "trust");
            return this;
        }

        /** The client certificate for servers that ask (mutual TLS). */
        public Builder keyMaterial(KeyMaterial value) {
            keyMaterial = Objects.requireNonNull(value, "keyMaterial");
            return this;
        }

        public Builder protocols(TlsVersion... value) {
            protocols = Checks.protocols(List.of(value));
            return this;
        }

        /** The cipher suites to offer, in order of preference (see {@link TlsDefaults}). */
        public Builder cipherSuites(List<String> value) {
            cipherSuites = Checks.cipherSuites(value);
            return this;
        }

        public Builder namedGroups(List<String> value) {
            namedGroups = Checks.groups(value);
            return this;
        }

        /** The name to send as SNI and to verify the certificate against, whatever was connected to. */
        public Builder serverName(String value) {
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException("serverName must not be blank");
            }
            serverName = value.trim();
            return this;
        }

        /** Whether to send SNI at all (default true). */
        public Builder sendServerName(boolean value) {
            sendServerName = value;
            return this;
        }

        /**
         * Whether to check that the certificate names the server (default true). Turning it off
         * accepts any certificate the trust accepts, for any host: only for tests.
         */
        public Builder verifyHostname(boolean value) {
            verifyHostname = value;
            return this;
        }

        /** ALPN protocols to offer, most preferred first. */
        public Builder applicationProtocols(String... value) {
            applicationProtocols = Checks.applicationProtocols(List.of(value));
            return this;
        }

        public Builder datagramSettings(DatagramSettings value) {
            datagramSettings = Objects.requireNonNull(value, "datagramSettings");
            return this;
        }

        /** The clock server certificates' validity is checked against. */
        public Builder clock(InstantSource value) {
            clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        public TlsClientConfig build() {
            Checks.suitesCoverProtocols(protocols, cipherSuites);
            if (trust == null) {
                trust = Trust.system();
            }
            return new TlsClientConfig(this);
        }
    }
}
