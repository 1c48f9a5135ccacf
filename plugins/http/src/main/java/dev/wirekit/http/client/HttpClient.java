package dev.wirekit.http.client;

import dev.wirekit.api.Transport;
import dev.wirekit.api.TransportOptions;
import dev.wirekit.api.layer.Layer;
import dev.wirekit.http.internal.client.ClientConfig;
import dev.wirekit.http.internal.client.ClientEngine;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * An HTTP/1.1 client: a pool of kept-alive connections per origin, chunked and fixed-length bodies
 * both ways, a limited number of redirects followed, and timeouts. Runs on any Wirekit transport;
 * {@code https} URIs go through the TLS layer given with {@link Builder#tls(Layer)} (or in {@link
 * Builder#httpsOptions}).
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
 * <tr><td>maxResponseHeaderBytes</td><td>64 KiB</td></tr>
 * </table>
 */
public final class HttpClient implements AutoCloseable {
    private final ClientEngine engine;

    private HttpClient(Builder b) {
        boolean owned = b.transport == null;
        Transport transport = owned ? Transport.load() : b.transport;
        TransportOptions http =
                b.options.toBuilder().connectTimeout(b.connectTimeout).build();
        TransportOptions https = b.httpsOptions == null
                ? null
                : b.httpsOptions.toBuilder().connectTimeout(b.connectTimeout).build();
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

        /** Socket options for {@code https} connections: they must hold the TLS layer. */
        public Builder httpsOptions(TransportOptions value) {
            if (value.layers().isEmpty()) {
                throw new IllegalArgumentException("https options need a TLS layer");
            }
            httpsOptions = value;
            return this;
        }

        /** Uses {@code tlsLayer} (from wirekit-tls) over the {@link #options} for {@code https}. */
        public Builder tls(Layer tlsLayer) {
            httpsOptions = options.toBuilder().layer(tlsLayer).build();
            return this;
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
