package dev.wirekit.dns;

import dev.wirekit.api.Server;
import dev.wirekit.api.ServerGroup;
import dev.wirekit.api.Transport;
import dev.wirekit.api.TransportOptions;
import dev.wirekit.dns.internal.Exchange;
import dev.wirekit.dns.internal.Forwarder;
import dev.wirekit.dns.internal.NetworkList;
import dev.wirekit.dns.internal.QueryHandler;
import dev.wirekit.dns.internal.RateLimiter;
import dev.wirekit.dns.internal.ResponseCache;
import dev.wirekit.dns.internal.ServerCounters;
import dev.wirekit.dns.internal.TcpDnsService;
import dev.wirekit.dns.internal.UdpDnsService;
import dev.wirekit.dns.internal.ZoneIndex;
import dev.wirekit.spi.DeployContext;
import dev.wirekit.spi.Protocol;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An authoritative DNS server for zones loaded from master files, optionally forwarding other
 * questions to upstream servers through a cache. Serves UDP and TCP on one port.
 *
 * <pre>{@code
 * DnsServer dns = DnsServer.builder()
 *         .zone(Zone.load(Path.of("example.com.zone")))
 *         .forwarders(List.of(new InetSocketAddress("192.0.2.53", 53)))   // optional
 *         .build();
 * try (Transport transport = Transport.load();
 *      Server server = dns.start(transport, new InetSocketAddress("127.0.0.1", 5353))) {
 *     server.awaitClose();
 * }
 * }</pre>
 *
 * <h2>What it answers</h2>
 *
 * <ul>
 *   <li>Names in a served zone: authoritative answers (AA) with CNAME chains, wildcards, empty
 *       non-terminals and delegations (referrals with glue); NXDOMAIN and NODATA carry the zone's
 *       SOA with its negative TTL (RFC 2308).
 *   <li>Other names, when forwarders are set, the query asks for recursion (RD) and the client is in
 *       an allowed network ({@link Builder#allowRecursion}, loopback by default): the upstream's
 *       answer, cached within TTLs (negative answers too). Anyone else gets REFUSED: the server is
 *       never an open resolver.
 *   <li>Malformed queries: FORMERR when the header could be read; otherwise nothing. Opcodes other
 *       than QUERY: NOTIMP. Zone transfers and classes other than IN: REFUSED. EDNS versions above
 *       0: BADVERS.
 * </ul>
 *
 * <h2>Safety</h2>
 *
 * UDP responses are cut to the client's EDNS payload size (512 bytes without EDNS) with TC set, so
 * that the client retries over TCP. Responses over UDP are rate-limited per client address; limited
 * responses are dropped, every few sent as an empty truncated answer. Forwarding is bounded: at most
 * {@link Builder#maxConcurrentForwards} upstream queries at once, identical questions share one, and
 * a question finding no free slot is answered SERVFAIL at once. With no forwarders the service never
 * blocks and runs on the transport's event loop.
 *
 * <p>Immutable once built; one instance may be started on several transports, which then share its
 * cache, rate limiter and {@link #stats()}.
 */
public final class DnsServer {
    /** The port {@code wirekit serve dns} uses when none is given. */
    public static final int DEFAULT_PORT = 5353;

    private final List<Zone> zones;
    private final ZoneIndex index;
    private final List<InetSocketAddress> forwarders;
    private final NetworkList allowRecursion;
    private final int payloadSize;
    private final Duration tcpIdleTimeout;
    private final Duration forwardTimeout;
    private final int forwardAttempts;
    private final int maxConcurrentForwards;
    private final int answerCacheSize;
    private final InstantSource clock;
    private final RateLimiter limiter;
    private final ResponseCache cache;
    private final ServerCounters counters = new ServerCounters();

    private DnsServer(Builder b) {
        zones = List.copyOf(b.zones);
        index = new ZoneIndex(zones);
        forwarders = List.copyOf(b.forwarders);
        allowRecursion = NetworkList.parse(b.allowRecursion);
        payloadSize = b.payloadSize;
        tcpIdleTimeout = b.tcpIdleTimeout;
        forwardTimeout = b.forwardTimeout;
        forwardAttempts = b.forwardAttempts;
        maxConcurrentForwards = b.maxConcurrentForwards;
        answerCacheSize = b.answerCacheSize;
        clock = b.clock;
        limiter = b.rateLimit > 0
                ? new RateLimiter(b.rateLimit, b.rateLimitSlip, b.ipv4Prefix, b.ipv6Prefix, clock, b.rateLimitTable)
                : null;
        cache = new ResponseCache(
                b.cacheSize, b.cacheBytes, b.maxCacheTtl, b.maxNegativeTtl, b.failureCacheTime, clock);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The zones served, as given. */
    public List<Zone> zones() {
        return zones;
    }

    /** The upstream servers; empty when the server does not forward. */
    public List<InetSocketAddress> forwarders() {
        return forwarders;
    }

    /**
     * Serves UDP and TCP on {@code address}, both on the same port (when the port is 0, the first
     * port free for both).
     */
    public Server start(Transport transport, InetSocketAddress address) throws IOException {
        return start(new DeployContext(
                transport,
                address,
                java.util.Set.of(Protocol.UDP, Protocol.TCP),
                TransportOptions.defaults(),
                TransportOptions.defaults()));
    }

    /**
     * Serves the protocols {@code context} asks for, with its options (TCP connections idle for the
     * shorter of the options' idle timeout and this server's {@link Builder#tcpIdleTimeout}; UDP
     * runs one stateless session per datagram unless a DTLS layer needs sessions).
     *
     * @return one server, or a {@link ServerGroup} of the UDP and TCP servers
     */
    public Server start(DeployContext context) throws IOException {
        Transport transport = context.transport();
        Forwarder forwarder = null;
        if (!forwarders.isEmpty()) {
            Exchange exchange = new Exchange(
                    transport,
                    new Exchange.Settings(
                            forwarders,
                            forwardTimeout,
                            forwardAttempts,
                            false,
                            false,
                            Edns.DEFAULT_PAYLOAD_SIZE,
                            true,
                            TransportOptions.defaults(),
                            TransportOptions.defaults(),
                            clock));
            forwarder = new Forwarder(exchange, cache, maxConcurrentForwards, counters);
        }
        QueryHandler handler = new QueryHandler(index, forwarder, allowRecursion, payloadSize, counters);
        TransportOptions udpOptions = context.datagramOptions().toBuilder()
                .datagramSessionTimeout(Duration.ZERO)
                .build();
        TransportOptions tcpOptions = context.streamOptions().toBuilder()
                .idleTimeout(shorter(context.streamOptions().idleTimeout(), tcpIdleTimeout))
                .build();
        UdpDnsService udp = new UdpDnsService(handler, limiter, answerCacheSize, payloadSize, counters);
        TcpDnsService tcp = new TcpDnsService(handler, counters);
        boolean wantUdp = context.wants(Protocol.UDP);
        boolean wantTcp = context.wants(Protocol.TCP);
        if (wantUdp && wantTcp) {
            return startBoth(transport, context.address(), udp, tcp, udpOptions, tcpOptions);
        }
        if (wantUdp) {
            return transport.bind(context.address(), UdpDnsService.framer(), udp, udpOptions);
        }
        if (wantTcp) {
            return transport.listen(context.address(), DnsFramers.tcp(), tcp, tcpOptions);
        }
        throw new IllegalArgumentException("neither UDP nor TCP asked for");
    }

    /** The shorter of two idle timeouts, where ZERO means none. */
    private static Duration shorter(Duration a, Duration b) {
        if (a.isZero()) {
            return b;
        }
        return b.isZero() || a.compareTo(b) < 0 ? a : b;
    }

    private static Server startBoth(
            Transport transport,
            InetSocketAddress address,
            UdpDnsService udp,
            TcpDnsService tcp,
            TransportOptions udpOptions,
            TransportOptions tcpOptions)
            throws IOException {
        IOException last = null;
        for (int attempt = 0; attempt < (address.getPort() == 0 ? 20 : 1); attempt++) {
            Server datagrams = transport.bind(address, UdpDnsService.framer(), udp, udpOptions);
            InetSocketAddress same = new InetSocketAddress(
                    address.getAddress(), datagrams.localAddress().getPort());
            try {
                Server streams = transport.listen(same, DnsFramers.tcp(), tcp, tcpOptions);
                List<Server> both = new ArrayList<>(2);
                both.add(datagrams);
                both.add(streams);
                return ServerGroup.of(both);
            } catch (BindException e) {
                datagrams.close();
                last = e;
            } catch (IOException | RuntimeException e) {
                datagrams.close();
                throw e;
            }
        }
        throw last;
    }

    /** The counters so far, over every transport this server was started on. */
    public Stats stats() {
        return new Stats(
                counters.queries.sum(),
                counters.responses.sum(),
                counters.nxdomain.sum(),
                counters.refused.sum(),
                counters.serverFailures.sum(),
                counters.formatErrors.sum(),
                counters.dropped.sum(),
                counters.rateLimited.sum(),
                counters.truncated.sum(),
                counters.forwarded.sum(),
                counters.forwardsRefused.sum(),
                counters.cacheHits.sum(),
                cache.size(),
                counters.answerCacheHits.sum());
    }

    /**
     * A snapshot of a DNS server's counters.
     *
     * @param queries messages received, well-formed or not
     * @param responses responses sent
     * @param nxdomain NXDOMAIN responses
     * @param refused REFUSED responses (not authoritative, recursion not allowed, transfers...)
     * @param serverFailures SERVFAIL responses (upstream failures)
     * @param formatErrors malformed queries (answered FORMERR or dropped)
     * @param dropped messages not answered: responses sent to the server, headerless garbage,
     *     responses the socket could not take
     * @param rateLimited responses dropped or slipped by the rate limit
     * @param truncated responses sent with TC set
     * @param forwarded queries sent upstream
     * @param forwardsRefused questions answered SERVFAIL because every upstream slot was busy
     * @param cacheHits questions answered from the forwarding cache
     * @param cached answers in the forwarding cache now
     * @param answerCacheHits responses from the server's own data reused from its answer cache
     */
    public record Stats(
            long queries,
            long responses,
            long nxdomain,
            long refused,
            long serverFailures,
            long formatErrors,
            long dropped,
            long rateLimited,
            long truncated,
            long forwarded,
            long forwardsRefused,
            long cacheHits,
            int cached,
            long answerCacheHits) {}

    /** Builds a {@link DnsServer}; every value has a safe default. */
    public static final class Builder {
        private final List<Zone> zones = new ArrayList<>();
        private List<InetSocketAddress> forwarders = List.of();
        private List<String> allowRecursion = List.of("127.0.0.0/8", "::1/128");
        private int rateLimit = 100;
        private int rateLimitSlip = 2;
        private int ipv4Prefix = 32;
        private int ipv6Prefix = 64;
        private int rateLimitTable = 1 << 14;
        private int cacheSize = 10_000;
        private long cacheBytes = 32L << 20;
        private Duration maxCacheTtl = Duration.ofDays(1);
        private Duration maxNegativeTtl = Duration.ofHours(3);
        private Duration failureCacheTime = Duration.ofSeconds(5);
        private Duration forwardTimeout = Duration.ofSeconds(2);
        private int forwardAttempts = 2;
        private int maxConcurrentForwards = 100;
        private int answerCacheSize = 10_000;
        private int payloadSize = Edns.DEFAULT_PAYLOAD_SIZE;
        private Duration tcpIdleTimeout = Duration.ofSeconds(10);
        private InstantSource clock = InstantSource.system();

        private Builder() {}

        /** Serves {@code zone} authoritatively. */
        public Builder zone(Zone zone) {
            zones.add(Objects.requireNonNull(zone, "zone"));
            return this;
        }

        /** Serves each of {@code list}. */
        public Builder zones(List<Zone> list) {
            list.forEach(this::zone);
            return this;
        }

        /** Upstream servers for names outside the zones; none by default (no forwarding). */
        public Builder forwarders(List<InetSocketAddress> value) {
            forwarders = List.copyOf(value);
            return this;
        }

        /**
         * The client networks that may have their questions forwarded, in CIDR form
         * ({@code 192.0.2.0/24}, {@code ::1/128}), {@code any}, or {@code none}. Loopback only by
         * default.
         *
         * @throws IllegalArgumentException naming an entry that is not a network
         */
        public Builder allowRecursion(List<String> networks) {
            NetworkList.parse(networks);
            allowRecursion = List.copyOf(networks);
            return this;
        }

        /** UDP responses per second per client (also the burst allowed); 0 turns the limit off. 100 by default. */
        public Builder rateLimit(int perSecond) {
            if (perSecond < 0) {
                throw new IllegalArgumentException("rateLimit < 0: " + perSecond);
            }
            rateLimit = perSecond;
            return this;
        }

        /** Every {@code slip}-th rate-limited response is sent as an empty truncated one; 0 drops all. 2 by default. */
        public Builder rateLimitSlip(int slip) {
            if (slip < 0) {
                throw new IllegalArgumentException("rateLimitSlip < 0: " + slip);
            }
            rateLimitSlip = slip;
            return this;
        }

        /**
         * How many leading bits of a client's address count as one client for the rate limit:
         * 32 and 64 by default (an IPv4 address; an IPv6 /64).
         */
        public Builder rateLimitPrefixes(int ipv4Bits, int ipv6Bits) {
            if (ipv4Bits < 0 || ipv4Bits > 32 || ipv6Bits < 0 || ipv6Bits > 128) {
                throw new IllegalArgumentException(
                        "prefix lengths must be 0-32 and 0-128: " + ipv4Bits + ", " + ipv6Bits);
            }
            ipv4Prefix = ipv4Bits;
            ipv6Prefix = ipv6Bits;
            return this;
        }

        /** The most answers the forwarding cache holds (10,000 by default; 0 disables caching). */
        public Builder cacheSize(int entries) {
            if (entries < 0) {
                throw new IllegalArgumentException("cacheSize < 0: " + entries);
            }
            cacheSize = entries;
            return this;
        }

        /** The most bytes of answers the cache holds, 32 MiB by default. */
        public Builder cacheBytes(long value) {
            if (value < 0) {
                throw new IllegalArgumentException("cacheBytes < 0: " + value);
            }
            cacheBytes = value;
            return this;
        }

        /** The longest a positive answer is cached, whatever its TTL: 1 day by default. */
        public Builder maxCacheTtl(Duration value) {
            maxCacheTtl = notNegative("maxCacheTtl", value);
            return this;
        }

        /** The longest a negative answer is cached (RFC 2308 §5): 3 hours by default. */
        public Builder maxNegativeTtl(Duration value) {
            maxNegativeTtl = notNegative("maxNegativeTtl", value);
            return this;
        }

        /** How long an upstream failure is remembered as SERVFAIL (at most 5 minutes, RFC 2308 §7): 5 s by default. */
        public Builder failureCacheTime(Duration value) {
            if (notNegative("failureCacheTime", value).compareTo(Duration.ofMinutes(5)) > 0) {
                throw new IllegalArgumentException("failureCacheTime over 5 minutes (RFC 2308 §7): " + value);
            }
            failureCacheTime = value;
            return this;
        }

        /** How long to wait for an upstream server on each attempt: 2 s by default. */
        public Builder forwardTimeout(Duration value) {
            if (value.isZero() || value.isNegative()) {
                throw new IllegalArgumentException("forwardTimeout must be positive: " + value);
            }
            forwardTimeout = value;
            return this;
        }

        /** How many rounds over the upstream servers: 2 by default. */
        public Builder forwardAttempts(int value) {
            if (value < 1) {
                throw new IllegalArgumentException("forwardAttempts < 1: " + value);
            }
            forwardAttempts = value;
            return this;
        }

        /** The most upstream queries in flight at once: 100 by default. */
        public Builder maxConcurrentForwards(int value) {
            if (value < 1) {
                throw new IllegalArgumentException("maxConcurrentForwards < 1: " + value);
            }
            maxConcurrentForwards = value;
            return this;
        }

        /**
         * How many finished responses from the zones (and refusals) to keep, encoded, for questions
         * asked again: 10,000 by default; 0 turns it off. Forwarded answers are never kept here.
         */
        public Builder answerCacheSize(int entries) {
            if (entries < 0) {
                throw new IllegalArgumentException("answerCacheSize < 0: " + entries);
            }
            answerCacheSize = entries;
            return this;
        }

        /** The largest UDP response sent to EDNS clients, and advertised: 1232 by default. */
        public Builder udpPayloadSize(int value) {
            if (value < 512 || value > 65535) {
                throw new IllegalArgumentException("udpPayloadSize must be 512-65535: " + value);
            }
            payloadSize = value;
            return this;
        }

        /** How long an idle TCP connection is kept (RFC 7766 §6.2.3): 10 s by default. */
        public Builder tcpIdleTimeout(Duration value) {
            tcpIdleTimeout = notNegative("tcpIdleTimeout", value);
            return this;
        }

        /** The clock for TTLs, the cache and the rate limit. */
        public Builder clock(InstantSource value) {
            clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /**
         * The server.
         *
         * @throws IllegalArgumentException when two zones have the same origin
         */
        public DnsServer build() {
            return new DnsServer(this);
        }

        private static Duration notNegative(String name, Duration value) {
            if (value == null || value.isNegative()) {
                throw new IllegalArgumentException(name + " must not be negative: " + value);
            }
            return value;
        }
    }
}
