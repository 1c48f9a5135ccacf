package dev.wirekit.tls;

import dev.wirekit.api.TransportOptions;
import dev.wirekit.spi.OptionSpec;
import dev.wirekit.spi.OptionValues;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The TLS options of a command line, and the layers they stand for. The {@code wirekit} CLI adds
 * {@link #serverOptions()} to every {@code serve} command and {@link #clientOptions()} to every
 * network client command, parses them with the rest, and calls {@link #from(OptionValues)}; then:
 *
 * <pre>{@code
 * TlsSettings tls = TlsSettings.from(values);
 *
 * // serve: one configuration (one certificate, loaded once) for TCP (TLS) and UDP (DTLS)
 * Optional<TlsSettings.ServerLayers> layers = tls.serverLayers();
 * TransportOptions stream = layers.map(l -> base.toBuilder().layer(l.stream()).build()).orElse(base);
 * TransportOptions datagram = layers.map(l -> base.toBuilder().layer(l.datagram()).build()).orElse(base);
 * // layers.get().reload() or watchCertificates(...) swaps the certificate without dropping connections
 *
 * // network client commands
 * TransportOptions clientStream = tls.clientStreamOptions(baseStream);
 * TransportOptions clientDatagram = tls.clientDatagramOptions(baseDatagram);
 * }</pre>
 *
 * <p>{@link #serverStreamOptions} and {@link #serverDatagramOptions} are shortcuts for a server
 * that serves only one of the two; each builds its own configuration.
 *
 * <table>
 * <caption>Options</caption>
 * <tr><th>option</th><th>meaning</th></tr>
 * <tr><td>{@code --tls}</td><td>TLS on (DTLS for UDP). Implied by {@code --cert}, {@code --trust} and
 *     {@code --insecure}.</td></tr>
 * <tr><td>{@code --cert FILE}</td><td>the certificate chain (PEM, leaf first) or a PKCS#12 file
 *     ({@code .p12}/{@code .pfx}). A server without one uses the self-signed development certificate
 *     ({@link KeyMaterial#developmentCertificate()}), with a warning. A client presents it when a
 *     server asks (mutual TLS).</td></tr>
 * <tr><td>{@code --key FILE}</td><td>the PEM private key for a PEM {@code --cert}.</td></tr>
 * <tr><td>{@code --cert-password TEXT}</td><td>the password of a PKCS#12 file or an encrypted key;
 *     the environment variable {@code WIREKIT_CERT_PASSWORD} is used when absent (it does not show in
 *     process lists).</td></tr>
 * <tr><td>{@code --trust SPEC}</td><td>repeatable: {@code system}, a PEM bundle path, or a pinned
 *     {@code sha256:AB:CD:...} fingerprint (see {@link Trust#parse}). Clients: which servers to
 *     accept (default {@code system}). Servers: which client certificates to accept.</td></tr>
 * <tr><td>{@code --client-auth none|optional|required}</td><td>servers: ask clients for a
 *     certificate (needs {@code --trust} or {@code --insecure}).</td></tr>
 * <tr><td>{@code --insecure}</td><td>accept any peer certificate without verification; logged as a
 *     warning on every use. Development only.</td></tr>
 * <tr><td>{@code --sni NAME}</td><td>clients: the name sent as SNI and verified in the server's
 *     certificate, instead of the host connected to.</td></tr>
 * <tr><td>{@code --alpn PROTO}</td><td>repeatable: ALPN protocols offered (clients) or spoken
 *     (servers), most preferred first.</td></tr>
 * </table>
 *
 * @param enabled whether TLS is on
 * @param certificate {@code --cert}, or null
 * @param privateKey {@code --key}, or null
 * @param password {@code --cert-password} (or the environment variable), or null
 * @param trust the {@code --trust} specs, in order
 * @param clientAuth {@code --client-auth}
 * @param insecure {@code --insecure}
 * @param serverName {@code --sni}
 * @param applicationProtocols {@code --alpn}
 */
public record TlsSettings(
        boolean enabled,
        Path certificate,
        Path privateKey,
        String password,
        List<String> trust,
        ClientAuth clientAuth,
        boolean insecure,
        Optional<String> serverName,
        List<String> applicationProtocols) {

    /** The environment variable read when {@code --cert-password} is absent. */
    public static final String PASSWORD_ENVIRONMENT = "WIREKIT_CERT_PASSWORD";

    private static final OptionSpec TLS =
            OptionSpec.flag("tls", "Use TLS (DTLS for UDP); implied by --cert, --trust and --insecure");
    private static final OptionSpec CERT = OptionSpec.path(
            "cert",
            "Certificate chain (PEM, leaf first) or PKCS#12 file (.p12/.pfx); servers without one use a"
                    + " self-signed development certificate",
            null);
    private static final OptionSpec KEY = OptionSpec.path("key", "Private key (PEM) for a PEM --cert", null);
    private static final OptionSpec PASSWORD = OptionSpec.string(
            "cert-password",
            "Password of a PKCS#12 --cert or an encrypted --key (default: $" + PASSWORD_ENVIRONMENT + ")",
            null);
    private static final OptionSpec TRUST = OptionSpec.list(
            "trust",
            "Trusted peers: 'system', a PEM bundle of CAs, or a pinned sha256:AB:CD:... fingerprint; repeatable");
    private static final OptionSpec CLIENT_AUTH = OptionSpec.choice(
            "client-auth", "Ask TLS clients for a certificate (needs --trust)", "none", "none", "optional", "required");
    private static final OptionSpec INSECURE =
            OptionSpec.flag("insecure", "DEVELOPMENT ONLY: accept any peer certificate without verification");
    private static final OptionSpec SNI =
            OptionSpec.string("sni", "Server name to send (SNI) and to verify the certificate against", null);
    private static final OptionSpec ALPN =
            OptionSpec.list("alpn", "ALPN protocol to offer or accept, most preferred first; repeatable");

    public TlsSettings {
        trust = List.copyOf(trust);
        Objects.requireNonNull(clientAuth, "clientAuth");
        Objects.requireNonNull(serverName, "serverName");
        applicationProtocols = List.copyOf(applicationProtocols);
    }

    /**
     * These settings, offering {@code protocols} as ALPN when no {@code --alpn} was given: the
     * protocol a client command speaks, so that servers choosing by ALPN see it.
     */
    public TlsSettings withDefaultApplicationProtocols(List<String> protocols) {
        if (!applicationProtocols.isEmpty() || protocols.isEmpty()) {
            return this;
        }
        return new TlsSettings(
                enabled, certificate, privateKey, password, trust, clientAuth, insecure, serverName, protocols);
    }

    /** TLS off. */
    public static TlsSettings disabled() {
        return new TlsSettings(false, null, null, null, List.of(), ClientAuth.NONE, false, Optional.empty(), List.of());
    }

    /** The options a {@code serve} command takes. */
    public static List<OptionSpec> serverOptions() {
        return List.of(TLS, CERT, KEY, PASSWORD, TRUST, CLIENT_AUTH, INSECURE, ALPN);
    }

    /** The options a network client command takes. */
    public static List<OptionSpec> clientOptions() {
        return List.of(TLS, CERT, KEY, PASSWORD, TRUST, INSECURE, SNI, ALPN);
    }

    /**
     * Reads the options (any of {@link #serverOptions()} and {@link #clientOptions()} that are
     * present; absent ones take their defaults).
     *
     * @throws IllegalArgumentException when they contradict each other, with a message for the user
     */
    public static TlsSettings from(OptionValues values) {
        Path cert = values.path("cert");
        Path key = values.path("key");
        String password = values.optional("cert-password").orElse(System.getenv(PASSWORD_ENVIRONMENT));
        List<String> trust = values.list("trust");
        ClientAuth clientAuth =
                ClientAuth.valueOf(values.optional("client-auth").orElse("none").toUpperCase(Locale.ROOT));
        boolean insecure = values.flag("insecure");
        boolean enabled = values.flag("tls") || cert != null || !trust.isEmpty() || insecure;
        TlsSettings settings = new TlsSettings(
                enabled, cert, key, password, trust, clientAuth, insecure, values.optional("sni"), values.list("alpn"));
        settings.check();
        return settings;
    }

    private void check() {
        if (privateKey != null && certificate == null) {
            throw new IllegalArgumentException("--key needs --cert (the certificate chain that goes with it)");
        }
        if (certificate != null && privateKey == null && !isPkcs12(certificate)) {
            throw new IllegalArgumentException("--cert " + certificate
                    + " needs --key (its PEM private key), unless it is a PKCS#12 file (.p12/.pfx)");
        }
        if (!enabled && clientAuth != ClientAuth.NONE) {
            throw new IllegalArgumentException("--client-auth needs TLS: add --tls (and --trust for the client CA)");
        }
    }

    private static boolean isPkcs12(Path p) {
        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return n.endsWith(".p12") || n.endsWith(".pfx");
    }

    // ---- servers ---------------------------------------------------------------------------

    /** The two server layers made from one configuration (one certificate, one reload). */
    public record ServerLayers(TlsLayer stream, DtlsLayer datagram, TlsServerConfig config) {
        /** Reloads the certificate for both; see {@link KeyMaterial#reload()}. */
        public boolean reload() throws IOException {
            return config.reload();
        }

        /** Reloads whenever the certificate files change; close to stop. */
        public AutoCloseable watchCertificates(Duration settle) throws IOException {
            return TlsLayer.watch(config, settle);
        }
    }

    /**
     * The server configuration these settings describe: {@code --cert}/{@code --key} or the
     * development certificate; client auth with {@code --trust} (or anything, with
     * {@code --insecure}); {@code --alpn}.
     *
     * @throws IOException when the certificate or a trust file cannot be read
     * @throws IllegalArgumentException when client auth lacks a trust
     */
    public TlsServerConfig serverConfig() throws IOException {
        TlsServerConfig.Builder b = TlsServerConfig.builder(keyMaterial(true))
                .clientAuth(clientAuth)
                .applicationProtocols(applicationProtocols.toArray(String[]::new));
        if (clientAuth != ClientAuth.NONE) {
            if (insecure) {
                b.clientTrust(Trust.insecure());
            } else if (trust.isEmpty()) {
                throw new IllegalArgumentException(
                        "--client-auth " + clientAuth.name().toLowerCase(Locale.ROOT)
                                + " needs --trust: the CA (PEM) or sha256 fingerprints of the client certificates to accept");
            } else {
                b.clientTrust(parseTrust());
            }
        }
        return b.build();
    }

    /** The server layers, or empty when TLS is off. */
    public Optional<ServerLayers> serverLayers() throws IOException {
        if (!enabled) {
            return Optional.empty();
        }
        TlsServerConfig config = serverConfig();
        return Optional.of(new ServerLayers(TlsLayer.server(config), DtlsLayer.server(config), config));
    }

    /** {@code base} with the TLS server layer added when TLS is on. */
    public TransportOptions serverStreamOptions(TransportOptions base) throws IOException {
        return enabled ? base.toBuilder().layer(TlsLayer.server(serverConfig())).build() : base;
    }

    /** {@code base} with the DTLS server layer added when TLS is on. */
    public TransportOptions serverDatagramOptions(TransportOptions base) throws IOException {
        return enabled
                ? base.toBuilder().layer(DtlsLayer.server(serverConfig())).build()
                : base;
    }

    // ---- clients ---------------------------------------------------------------------------

    /**
     * The client configuration: {@code --insecure}, or {@code --trust} (default: the system trust
     * store); {@code --cert}/{@code --key} as the client certificate; {@code --sni}; {@code --alpn}.
     */
    public TlsClientConfig clientConfig() throws IOException {
        TlsClientConfig.Builder b = TlsClientConfig.builder()
                .trust(insecure ? Trust.insecure() : trust.isEmpty() ? Trust.system() : parseTrust())
                .applicationProtocols(applicationProtocols.toArray(String[]::new));
        serverName.ifPresent(b::serverName);
        if (certificate != null) {
            b.keyMaterial(keyMaterial(false));
        }
        return b.build();
    }

    /** {@code base} with the TLS client layer added when TLS is on. */
    public TransportOptions clientStreamOptions(TransportOptions base) throws IOException {
        return enabled ? base.toBuilder().layer(TlsLayer.client(clientConfig())).build() : base;
    }

    /** {@code base} with the DTLS client layer added when TLS is on. */
    public TransportOptions clientDatagramOptions(TransportOptions base) throws IOException {
        return enabled
                ? base.toBuilder().layer(DtlsLayer.client(clientConfig())).build()
                : base;
    }

    private Trust parseTrust() throws IOException {
        List<Trust> sources = new ArrayList<>();
        for (String spec : trust) {
            try {
                sources.add(Trust.parse(spec));
            } catch (IOException e) {
                throw new IOException("--trust " + spec + ": " + e.getMessage(), e);
            }
        }
        return Trust.anyOf(sources.toArray(Trust[]::new));
    }

    private KeyMaterial keyMaterial(boolean server) throws IOException {
        if (certificate == null) {
            if (!server) {
                throw new IllegalStateException("no client certificate was given");
            }
            return KeyMaterial.developmentCertificate();
        }
        char[] pw = password == null ? null : password.toCharArray();
        try {
            return isPkcs12(certificate)
                    ? KeyMaterial.pkcs12(certificate, pw)
                    : KeyMaterial.pem(certificate, privateKey, pw);
        } catch (IOException e) {
            throw new IOException("--cert " + certificate + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "TlsSettings[enabled=" + enabled + ", cert=" + certificate + ", trust=" + trust + ", clientAuth="
                + clientAuth + ", insecure=" + insecure + ", sni=" + serverName.orElse(null) + ", alpn="
                + applicationProtocols + (password == null ? "" : ", password=***") + "]";
    }
}
