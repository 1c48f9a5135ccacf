package dev.wirekit.proxy;

import dev.wirekit.api.Server;
import dev.wirekit.api.Transport;
import dev.wirekit.api.TransportOptions;
import dev.wirekit.http.client.HostResolver;
import dev.wirekit.http.client.HttpClient;
import dev.wirekit.http.server.AccessLog;
import dev.wirekit.http.server.HttpLimits;
import dev.wirekit.http.server.HttpServer;
import dev.wirekit.proxy.internal.Cidr;
import dev.wirekit.proxy.internal.DestinationPolicy;
import dev.wirekit.proxy.internal.ProxyConfig;
import dev.wirekit.proxy.internal.ProxyHandler;
import dev.wirekit.proxy.internal.cache.CacheStore;
import dev.wirekit.proxy.internal.cache.DiskStore;
import dev.wirekit.proxy.internal.cache.HttpCache;
import dev.wirekit.proxy.internal.cache.MemoryStore;
import dev.wirekit.proxy.internal.cache.TieredStore;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * An HTTP/1.1 forward proxy: forwards absolute-form requests ({@code GET http://host/path}) with a
 * shared cache that follows RFC 9111, and opens CONNECT tunnels (for https). It adds a {@code Via}
 * field, removes hop-by-hop fields, and answers {@code 502} when the origin cannot be reached or
 * answers badly and {@code 504} when it is too slow.
 *
 * <h2>Safe by default</h2>
 * It serves only clients from loopback addresses (no open relay) until {@link
 * Builder#allowClients} says otherwise; tunnels go only to port 443 unless {@link
 * Builder#connectPorts} widens that; and no request or tunnel reaches a loopback, link-local,
 * cloud-metadata, unspecified or multicast address unless {@link Builder#allowDestinations} lets
 * it, checked on the resolved addresses so a host name cannot get around it.
 *
 * <pre>{@code
 * ForwardProxy proxy = ForwardProxy.builder()
 *         .cacheBytes(256L << 20)
 *         .cacheDirectory(Path.of("/var/cache/wirekit"))
 *         .build();
 * try (Transport transport = Transport.load();
 *      Server server = proxy.start(transport, new InetSocketAddress("127.0.0.1", 3128),
 *              TransportOptions.defaults())) {
 *     server.awaitClose();
 * }
 * }</pre>
 */
public final class ForwardProxy {
    private final Builder settings;
    private final HttpCache cache;

    private ForwardProxy(Builder b) {
        settings = b;
        if (b.cacheBytes > 0) {
            MemoryStore memory = new MemoryStore(b.cacheBytes);
            CacheStore store = b.cacheDirectory == null
                    ? memory
                    : new TieredStore(memory, new DiskStore(b.cacheDirectory, b.diskCacheBytes));
            cache = new HttpCache(store, b.clock, Math.min(b.maxObjectBytes, b.cacheBytes), 0.1, Duration.ofDays(1));
        } else {
            cache = null;
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Listens on {@code address}; upstream connections and tunnels use the same transport. Closing
     * the returned server closes the proxy's upstream connections as well.
     */
    public Server start(Transport transport, InetSocketAddress address, TransportOptions options) throws IOException {
        DestinationPolicy policy = new DestinationPolicy(
                settings.deny, settings.allowDestinations, settings.connectPorts, settings.resolver);
        HttpClient upstream = HttpClient.builder()
                .transport(transport)
                .connectTimeout(settings.upstreamConnectTimeout)
                .readTimeout(settings.upstreamReadTimeout)
                .maxRedirects(0)
                .userAgent(null)
                .maxConnectionsPerOrigin(settings.maxUpstreamConnectionsPerOrigin)
                .maxIdlePerOrigin(Math.min(32, settings.maxUpstreamConnectionsPerOrigin))
                .resolver(policy.resolver())
                .build();
        ProxyConfig config = new ProxyConfig(
                List.copyOf(settings.allowClients),
                policy,
                upstream,
                transport,
                TransportOptions.defaults().toBuilder()
                        .connectTimeout(settings.upstreamConnectTimeout)
                        .build(),
                cache,
                settings.via,
                settings.tunnelIdleTimeout);
        HttpServer server = HttpServer.builder()
                .fallback(new ProxyHandler(config))
                .limits(settings.limits)
                .accessLog(settings.accessLog)
                .serverHeader(null)
                .clock(settings.clock)
                .build();
        Server running;
        try {
            running = server.start(transport, address, options);
        } catch (IOException | RuntimeException e) {
            upstream.close();
            throw e;
        }
        return running.alsoClosing(upstream, "proxy");
    }

    /** The cache's counters so far. */
    public CacheStats cacheStats() {
        if (cache == null) {
            return CacheStats.NONE;
        }
        return new CacheStats(
                cache.hits(), cache.misses(), cache.validations(), cache.stores(), cache.entries(), cache.bytes());
    }

    /** Builds a {@link ForwardProxy}; each setter checks its argument at once. */
    public static final class Builder {
        private List<Cidr> allowClients = List.of(Cidr.parse("127.0.0.0/8"), Cidr.parse("::1/128"));
        private List<Cidr> allowDestinations = List.of();
        private final List<Cidr> deny = new ArrayList<>();
        private Set<Integer> connectPorts = Set.of(443);
        private long cacheBytes = 64L << 20;
        private long maxObjectBytes = 8L << 20;
        private Path cacheDirectory;
        private long diskCacheBytes = 1L << 30;
        private Clock clock = Clock.systemUTC();
        private Duration upstreamConnectTimeout = Duration.ofSeconds(10);
        private Duration upstreamReadTimeout = Duration.ofSeconds(60);
        private Duration tunnelIdleTimeout = Duration.ofMinutes(5);
        private int maxUpstreamConnectionsPerOrigin = 256;
        private String via = "wirekit";
        private HttpLimits limits = HttpLimits.defaults();
        private AccessLog accessLog = AccessLog.none();
        private HostResolver resolver = HostResolver.system();

        private Builder() {
            DestinationPolicy.DEFAULT_DENY.forEach(c -> deny.add(Cidr.parse(c)));
        }

        /**
         * The client addresses served, as addresses or ranges ({@code 10.0.0.0/8}); replaces the
         * default (loopback only).
         *
         * @throws IllegalArgumentException for an entry that is not an address or range
         */
        public Builder allowClients(List<String> ranges) {
            allowClients = ranges.stream().map(Cidr::parse).toList();
            return this;
        }

        /** Destinations allowed even though the deny list covers them ({@code 127.0.0.1} for tests). */
        public Builder allowDestinations(List<String> ranges) {
            allowDestinations = ranges.stream().map(Cidr::parse).toList();
            return this;
        }

        /** More destinations to deny, beyond the default list. */
        public Builder denyDestinations(List<String> ranges) {
            ranges.stream().map(Cidr::parse).forEach(deny::add);
            return this;
        }

        /** The ports CONNECT may reach; {@code 443} by default. */
        public Builder connectPorts(Set<Integer> ports) {
            for (int p : ports) {
                if (p < 1 || p > 65535) {
                    throw new IllegalArgumentException("not a port: " + p);
                }
            }
            connectPorts = Set.copyOf(ports);
            return this;
        }

        /** The memory cache's size in bytes (64 MiB by default); 0 turns caching off. */
        public Builder cacheBytes(long value) {
            if (value < 0) {
                throw new IllegalArgumentException("cacheBytes < 0: " + value);
            }
            cacheBytes = value;
            return this;
        }

        /** The largest response stored (8 MiB by default); larger ones pass through. */
        public Builder maxObjectBytes(long value) {
            if (value <= 0) {
                throw new IllegalArgumentException("maxObjectBytes <= 0: " + value);
            }
            maxObjectBytes = value;
            return this;
        }

        /** Also keeps responses in files under {@code dir}, which survive a restart. */
        public Builder cacheDirectory(Path dir) {
            cacheDirectory = dir;
            return this;
        }

        /** The disk cache's size in bytes (1 GiB by default). */
        public Builder diskCacheBytes(long value) {
            if (value <= 0) {
                throw new IllegalArgumentException("diskCacheBytes <= 0: " + value);
            }
            diskCacheBytes = value;
            return this;
        }

        /** The clock for cache freshness and ages, and the server's dates. */
        public Builder clock(Clock value) {
            clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        public Builder upstreamConnectTimeout(Duration value) {
            upstreamConnectTimeout = positive("upstreamConnectTimeout", value);
            return this;
        }

        /** How long each read from the origin may wait; beyond it the client gets 504. */
        public Builder upstreamReadTimeout(Duration value) {
            upstreamReadTimeout = positive("upstreamReadTimeout", value);
            return this;
        }

        public Builder tunnelIdleTimeout(Duration value) {
            tunnelIdleTimeout = positive("tunnelIdleTimeout", value);
            return this;
        }

        public Builder maxUpstreamConnectionsPerOrigin(int value) {
            if (value < 1) {
                throw new IllegalArgumentException("maxUpstreamConnectionsPerOrigin < 1: " + value);
            }
            maxUpstreamConnectionsPerOrigin = value;
            return this;
        }

        /** The pseudonym this proxy puts in Via fields ({@code wirekit}); also detects loops. */
        public Builder via(String pseudonym) {
            if (!dev.wirekit.http.Headers.isToken(pseudonym)) {
                throw new IllegalArgumentException("a Via pseudonym must be a token: " + pseudonym);
            }
            via = pseudonym;
            return this;
        }

        /** Limits on what clients send the proxy. */
        public Builder limits(HttpLimits value) {
            limits = Objects.requireNonNull(value, "limits");
            return this;
        }

        public Builder accessLog(AccessLog value) {
            accessLog = Objects.requireNonNull(value, "accessLog");
            return this;
        }

        /** How destination host names are resolved (the system resolver by default). */
        public Builder resolver(HostResolver value) {
            resolver = Objects.requireNonNull(value, "resolver");
            return this;
        }

        public ForwardProxy build() {
            return new ForwardProxy(this);
        }

        private static Duration positive(String name, Duration value) {
            if (value == null || value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException(name + " must be positive: " + value);
            }
            return value;
        }
    }
}
