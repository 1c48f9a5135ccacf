package dev.wirekit.http.client;

import dev.wirekit.api.Transport;
import dev.wirekit.api.TransportOptions;
import dev.wirekit.api.layer.Layer;
import dev.wirekit.http.internal.client.ClientConfig;
import dev.wirekit.http.internal.client.ClientEngine;
import dev.wirekit.tls.TlsClientConfig;
import dev.wirekit.tls.TlsLayer;
import dev.wirekit.tls.Trust;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * An HTTP/1.1 client: a pool of kept-alive connections per origin, chunked and fixed-length bodies
 * both ways, a limited number of redirects followed, and timeouts. Runs on any Wirekit transport.
 *
 * <h2>https</h2>
 *
 * {@code https} URIs go through Wirekit's TLS layer ({@code wirekit-tls}), nothing special: the
 * same pool, codec and timeouts. By default the server's certificate must chain to the system trust
 * store and name the URI's host (RFC 6125; the host is also sent as SNI unless it is an IP
 * address), and ALPN offers {@code http/1.1}. {@link Builder#trust(Trust)} changes what is trusted
 * (a PEM bundle of CAs, pinned fingerprints, ...); {@link Builder#tls(TlsClientConfig)} takes a whole
 * TLS configuration (client certificates, protocol versions); {@link Builder#tls(Layer)} and {@link
 * Builder#httpsOptions} take a ready layer. Connections are pooled per origin (scheme, host, port),
 * so an {@code http} and an {@code https} connection to one host are never mixed up. A redirect
 * from {@code http} to {@code https} is followed; one from {@code https} to {@code http} never is
 * (the response is returned as it is), and credentials ({@code Authorization}, {@code Cookie}) are
 * dropped whenever a redirect leaves the origin.
 *
 * <pre>{@code
 * try (HttpClient client = HttpClient.builder().trust(Trust.pem(Path.of("ca.pem"))).build();
 *      ClientResponse r = client.get("https://internal.example:8443/status")) {
 *     System.out.println(r.status() + " over " + r.security().orElseThrow().protocol());
 * }
 * }</pre>
 *
 * <pre>{@code
 * try (HttpClient client = HttpClient.builder().build();
 *      ClientResponse r = client.get("http://127.0.0.1:8080/hello.txt")) {
 *     System.out.println(r.status() + ": " + r.bodyText());
 * }
 * }</pre>
 *
 * <p>Thread-safe: many threads may send at once; each request uses its own connection. Closing the
 * client closes its idle connections (and the transport, when the client loaded it itself);
 * responses still open keep their connection until they are closed.
 *
 * <table>
 * <caption>Defaults</caption>
 * <tr><th>setting</th><th>default</th></tr>
 * <tr><td>connectTimeout</td><td>10 s per address</td></tr>
 * <tr><td>readTimeout</td><td>30 s for each read of the response</td></tr>
 * <tr><td>maxConnectionsPerOrigin</td><td>16 (more requests wait up to the connect timeout)</td></tr>
 * <tr><td>maxIdlePerOrigin</td><td>8</td></tr>
 * <tr><td>idleTimeout</td><td>60 s in the pool before a connection is closed</td></tr>
 * <tr><td>maxRedirects</td><td>5 (0 follows none; https never goes to http)</td></tr>
 * <tr><td>https</td><td>the system trust store, host names verified, ALPN {@code http/1.1}</td></tr>
 * <tr><td>maxResponseHeaderBytes</td><td>64 KiB</td></tr>
 * </table>
 */
public final class HttpClient implements AutoCloseable {
    /** The ALPN protocol identifier of HTTP/1.1 (RFC 7301). */
    public static final String ALPN_HTTP_1_1 = "http/1.1";

    private final ClientEngine engine;

    private HttpClient(Builder b) {
        boolean owned = b.transport == null;
        Transport transport = owned ? Transport.load() : b.transport;
        TransportOptions http =
                b.options.toBuilder().connectTimeout(b.connectTimeout).build();
        TransportOptions httpsBase = b.httpsOptions;
        Layer layer = b.tlsLayer;
        TlsClientConfig tlsConfig = b.tlsConfig;
        TransportOptions base = b.options;
        Duration connectTimeout = b.connectTimeout;
        Supplier<TransportOptions> https = ClientConfig.once(() -> (httpsBase != null
                        ? httpsBase
                        : base.toBuilder()
                                .layer(
                                        layer != null
                                                ? layer
                                                : TlsLayer.client(
                                                        tlsConfig != null
                                                                ? tlsConfig
                                                                : Builder.defaultTls(Trust.system())))
                                .build())
                .toBuilder().connectTimeout(connectTimeout).build());
        engine = new ClientEngine(new ClientConfig(
                transport,
                owned,
                http,
                https,
                b.readTimeout,
                b.maxConnectionsPerOrigin,
                b.maxIdlePerOrigin,
                b.idleTimeout,
                b.maxRedirects,
                b.maxResponseHeaderBytes,
                b.userAgent,
                b.resolver,
                b.clock));
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Sends {@code request} and returns the response once its head has arrived, following
     * redirects as configured.
     *
     * @throws java.net.ConnectException when no address of the host accepts a connection
     * @throws java.net.SocketTimeoutException when the response does not come in time
     * @throws java.net.ProtocolException when the response is not valid HTTP/1.1
     * @throws IOException for other failures, or an {@code https} URI without TLS configured
     */
    public ClientResponse send(ClientRequest request) throws IOException {
        return engine.send(request);
    }

    /** Sends a GET for {@code uri}. */
    public ClientResponse get(String uri) throws IOException {
        return send(ClientRequest.get(URI.create(uri)).build());
    }

    /** Connections open now, idle in the pool or in use. */
    public int openConnections() {
        return engine.openConnections();
    }

    @Override
    public void close() {
        engine.close();
    }

    /** Builds an {@link HttpClient}; each setter checks its argument at once. */
    public static final class Builder {
        private Transport transport;
        private TransportOptions options = TransportOptions.defaults();
        private TransportOptions httpsOptions;
        private Layer tlsLayer;
        private TlsClientConfig tlsConfig;
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration readTimeout = Duration.ofSeconds(30);
        private int maxConnectionsPerOrigin = 16;
        private int maxIdlePerOrigin = 8;
        private Duration idleTimeout = Duration.ofSeconds(60);
        private int maxRedirects = 5;
        private int maxResponseHeaderBytes = 64 * 1024;
        private String userAgent = "wirekit";
        private HostResolver resolver = HostResolver.system();
        private Clock clock = Clock.systemUTC();

        private Builder() {}

        /** The transport to connect with; without one the client loads the default and owns it. */
        public Builder transport(Transport value) {
            transport = Objects.requireNonNull(value, "transport");
            return this;
        }

        /** Socket options for {@code http} connections (layers in them are kept). */
        public Builder options(TransportOptions value) {
            options = Objects.requireNonNull(value, "options");
            return this;
        }

        /**
         * Socket options for {@code https} connections, used as they are: they must hold the TLS
         * layer. Replaces {@link #trust}, {@link #tls(TlsClientConfig)} and {@link #tls(Layer)}.
         */
        public Builder httpsOptions(TransportOptions value) {
            if (value.layers().isEmpty()) {
                throw new IllegalArgumentException("https options need a TLS layer");
            }
            httpsOptions = value;
            tlsLayer = null;
            tlsConfig = null;
            return this;
        }

        /**
         * Uses {@code tlsLayer} (a {@link TlsLayer#client client layer}, or any layer that does TLS)
         * over the {@link #options} for {@code https}. The layer decides trust and ALPN; the
         * client still sets each connection's server name (SNI, host name check) to the URI's host.
         */
        public Builder tls(Layer tlsLayer) {
            this.tlsLayer = Objects.requireNonNull(tlsLayer, "tlsLayer");
            tlsConfig = null;
            httpsOptions = null;
            return this;
        }

        /**
         * The TLS configuration for {@code https}, used as it is: set {@link
         * TlsClientConfig.Builder#applicationProtocols} to {@code "http/1.1"} in it to offer ALPN
         * as the default configuration does.
         */
        public Builder tls(TlsClientConfig config) {
            tlsConfig = Objects.requireNonNull(config, "config");
            tlsLayer = null;
            httpsOptions = null;
            return this;
        }

        /**
         * Which servers {@code https} accepts, instead of the system trust store: for example
         * {@link Trust#pem(java.nio.file.Path)} for a private CA, {@link Trust#pinned(String...)}
         * for a known certificate. Host names are still verified (except for pinned
         * certificates, which are the identity themselves) and ALPN offers {@code http/1.1}.
         */
        public Builder trust(Trust trust) {
            return tls(defaultTls(Objects.requireNonNull(trust, "trust")));
        }

        /** The TLS configuration a client uses unless told otherwise: ALPN {@code http/1.1}. */
        private static TlsClientConfig defaultTls(Trust trust) {
            return TlsClientConfig.builder()
                    .trust(trust)
                    .applicationProtocols(ALPN_HTTP_1_1)
                    .build();
        }

        public Builder connectTimeout(Duration value) {
            connectTimeout = positive("connectTimeout", value);
            return this;
        }

        public Builder readTimeout(Duration value) {
            readTimeout = positive("readTimeout", value);
            return this;
        }

        public Builder maxConnectionsPerOrigin(int value) {
            maxConnectionsPerOrigin = atLeast("maxConnectionsPerOrigin", value, 1);
            return this;
        }

        public Builder maxIdlePerOrigin(int value) {
            maxIdlePerOrigin = atLeast("maxIdlePerOrigin", value, 0);
            return this;
        }

        public Builder idleTimeout(Duration value) {
            idleTimeout = positive("idleTimeout", value);
            return this;
        }

        /** How many redirects are followed; 0 returns redirects as they are. */
        public Builder maxRedirects(int value) {
            maxRedirects = atLeast("maxRedirects", value, 0);
            return this;
        }

        public Builder maxResponseHeaderBytes(int value) {
            maxResponseHeaderBytes = atLeast("maxResponseHeaderBytes", value, 256);
            return this;
        }

        /** The User-Agent sent unless a request sets its own; null sends none. */
        public Builder userAgent(String value) {
            userAgent = value;
            return this;
        }

        public Builder resolver(HostResolver value) {
            resolver = Objects.requireNonNull(value, "resolver");
            return this;
        }

        /** The clock that times idle connections in the pool. */
        public Builder clock(Clock value) {
            clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        public HttpClient build() {
            return new HttpClient(this);
        }

        private static Duration positive(String name, Duration value) {
            if (value == null || value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException(name + " must be positive: " + value);
            }
            return value;
        }

        private static int atLeast(String name, int value, int min) {
            if (value < min) {
                throw new IllegalArgumentException(name + " must be at least " + min + ": " + value);
            }
            return value;
        }
    }
}
