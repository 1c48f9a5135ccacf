package dev.wirekit.scanner;

import dev.wirekit.api.Connection;
import dev.wirekit.api.Transport;
import dev.wirekit.api.TransportOptions;
import dev.wirekit.scanner.internal.ConnectScan;
import dev.wirekit.scanner.internal.RateLimiter;
import dev.wirekit.scanner.internal.RefusalProbe;
import dev.wirekit.scanner.internal.ResultCollector;
import dev.wirekit.scanner.internal.ServiceNames;
import dev.wirekit.scanner.internal.ServiceProber;
import dev.wirekit.scanner.internal.Ticker;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * A TCP connect port scanner: which ports of which hosts accept connections, and — with banners on
 * — what runs there.
 *
 * <pre>{@code
 * PortScanner scanner = PortScanner.builder()
 *         .target("192.0.2.0/29")            // required: nothing is scanned by default
 *         .ports("22,80,443,8000-8100")
 *         .banners(true)
 *         .build();                           // targets and ports are checked here
 * ScanResult result = scanner.scan(ScanReports.jsonLines(System.out));
 * ScanReports.writeTable(result, System.err);
 * }</pre>
 *
 * <h2>How it scans</h2>
 *
 * Every port gets a non-blocking connect through the {@link Transport} ({@code nio} finds out most
 * answers without a system call to spare): a connection means <b>open</b>, a reset means
 * <b>closed</b>, no answer within {@link Builder#timeout} (after {@link Builder#retries} more
 * tries) or an ICMP unreachable means <b>filtered</b>. At most {@link Builder#concurrency} ports are
 * in progress at once (each holds a socket), and at most {@link Builder#rate} attempts start per
 * second.
 *
 * <h2>Safety</h2>
 *
 * There is no default target; the rate is limited by default (1,000 attempts per second); CIDR
 * ranges are limited to {@link Targets#DEFAULT_MAX_HOSTS} addresses; and the only bytes ever sent
 * are the {@link Probe}s, and only to open ports that stay silent. A scanner only scans what it is
 * allowed to: scan your own hosts, or hosts whose owner agreed.
 *
 * <p>A {@code PortScanner} is immutable and may run {@link #scan} any number of times, from any
 * thread. It does not own the transport it was given; without one it loads the default transport
 * for each scan and closes it afterwards.
 */
public final class PortScanner {
    public static final int DEFAULT_RATE = 1_000;
    public static final int DEFAULT_CONCURRENCY = 256;
    /** The most ports in progress at once that the scanner accepts (each holds a file descriptor). */
    public static final int MAX_CONCURRENCY = 16_384;

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(2);
    public static final int DEFAULT_RETRIES = 1;
    public static final Duration DEFAULT_BANNER_TIMEOUT = Duration.ofSeconds(3);
    public static final int DEFAULT_MAX_BANNER_BYTES = 8_192;
    public static final PortSet DEFAULT_PORTS = PortSet.range(1, 1024);

    private static final System.Logger LOG = System.getLogger("dev.wirekit.scanner");

    private final Transport transport;
    private final List<Target> targets;
    private final ScanSettings settings;
    private final MatchTable matches;
    private final InstantSource clock;
    private final Ticker ticker;

    private PortScanner(Builder b, List<Target> targets) {
        this.transport = b.transport;
        this.targets = targets;
        this.settings = new ScanSettings(
                b.ports,
                b.rate,
                b.concurrency,
                b.timeout,
                b.retries,
                b.banners,
                b.bannerTimeout,
                b.maxBannerBytes,
                b.probes,
                b.listed);
        this.matches = b.matches;
        this.clock = b.clock;
        this.ticker = b.ticker;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The hosts this scanner scans, parsed and resolved when it was built. */
    public List<Target> targets() {
        return targets;
    }

    public ScanSettings settings() {
        return settings;
    }

    /** Scans every target; see {@link #scan(ScanListener)}. */
    public ScanResult scan() throws IOException, InterruptedException {
        return scan(null);
    }

    /**
     * Scans every port of every target, telling {@code listener} as it goes, and returns once every
     * port is settled.
     *
     * @param listener hears about each port as it settles; may be null
     * @throws IOException when the scan cannot go on for a local reason (no sockets left); the
     *     message says what to change
     * @throws InterruptedException when interrupted; the attempts under way are finished first
     * @throws IllegalArgumentException when the concurrency needs more sockets than this process may
     *     open
     */
    public ScanResult scan(ScanListener listener) throws IOException, InterruptedException {
        checkDescriptorLimit(settings.concurrency());
        Transport t = transport != null ? transport : Transport.load();
        try {
            return run(t, listener);
        } finally {
            if (transport == null) {
                t.close();
            }
        }
    }

    /**
     * Whether {@code t} connects with the system's TCP sockets, so that a refusal the system reports
     * at once (see {@link RefusalProbe}) is the answer {@code t} would get: Wirekit's NIO and
     * blocking transports. Any other transport (an in-memory one, a tunnel) is asked for every port.
     */
    private static boolean usesSystemSockets(Transport t) {
        return t.name().equals("nio") || t.name().equals("blocking");
    }

    private ScanResult run(Transport t, ScanListener listener) throws IOException, InterruptedException {
        ResultCollector collector = new ResultCollector(targets, settings.listed(), listener);
        TransportOptions options = connectOptions();
        ServiceNames names = ServiceNames.builtIn();
        ServiceProber prober = settings.banners()
                ? new ServiceProber(
                        t,
                        options,
                        matches != null ? matches : MatchTable.builtIn(),
                        names,
                        settings.bannerTimeout(),
                        settings.maxBannerBytes(),
                        settings.probes())
                : null;
        ConnectScan.Outcomes outcomes = new ConnectScan.Outcomes() {
            @Override
            public void open(
                    int target, int port, Connection connection, long latency, int attempts, Runnable release) {
                if (prober == null) {
                    connection.close();
                    ServiceInfo guess =
                            names.name(port).map(ServiceInfo::fromPort).orElse(null);
                    collector.add(target, result(target, port, latency, attempts, guess, null, null));
                    release.run();
                    return;
                }
                Thread.ofVirtual().name("wirekit-scan-banner-" + port).start(() -> {
                    ServiceProber.Findings found = null;
                    try {
                        found = prober.identify(targets.get(target), port, connection);
                    } catch (RuntimeException e) {
                        connection.abort();
                        LOG.log(
                                System.Logger.Level.WARNING,
                                "identifying " + targets.get(target).withPort(port) + " failed",
                                e);
                    } finally {
                        collector.add(
                                target,
                                found == null
                                        ? result(target, port, latency, attempts, null, null, null)
                                        : result(
                                                target,
                                                port,
                                                latency,
                                                attempts,
                                                found.service(),
                                                found.banner(),
                                                found.tls()));
                        release.run();
                    }
                });
            }

            @Override
            public void settled(int target, int port, PortState state, String reason, long latency, int attempts) {
                if (collector.wants(state)) {
                    collector.add(
                            target,
                            new PortResult(
                                    targets.get(target),
                                    port,
                                    state,
                                    reason,
                                    Duration.ofNanos(latency),
                                    attempts,
                                    null,
                                    null,
                                    null));
                } else {
                    collector.count(target, state);
                }
            }
        };
        RateLimiter limiter = settings.rate() == 0
                ? null
                : new RateLimiter(settings.rate(), RateLimiter.defaultBurst(settings.rate()), ticker);
        int lanes = Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), settings.concurrency()));
        ConnectScan scan = new ConnectScan(
                t,
                options,
                targets.stream().map(Target::address).toList(),
                settings.ports().toArray(),
                settings.concurrency(),
                settings.retries(),
                limiter,
                ticker,
                outcomes);
        if (usesSystemSockets(t)) {
            RefusalProbe.forThisPlatform().ifPresent(scan::refusalProbe);
        }
        Instant started = clock.instant();
        collector.started(started, settings);
        scan.run(lanes);
        return collector.finish(started, clock.instant(), settings);
    }

    private PortResult result(
            int target, int port, long latency, int attempts, ServiceInfo service, Banner banner, TlsInfo tls) {
        return new PortResult(
                targets.get(target),
                port,
                PortState.OPEN,
                "syn-ack",
                Duration.ofNanos(latency),
                attempts,
                service,
                banner,
                tls);
    }

    /** Options for every connection the scan opens. */
    private TransportOptions connectOptions() {
        int inbound = Math.max(64 * 1024, 2 * settings.maxBannerBytes() + 20 * 1024);
        return TransportOptions.builder()
                .connectTimeout(settings.timeout())
                // both off: a scan's connections carry a few probe bytes, and each option set is a
                // system call per port
                .tcpNoDelay(false)
                .keepAlive(false)
                .maxInboundBytes(inbound)
                .handshakeTimeout(settings.bannerTimeout())
                .writeTimeout(settings.bannerTimeout())
                .drainTimeout(Duration.ofSeconds(1))
                .build();
    }

    private static void checkDescriptorLimit(int concurrency) {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.UnixOperatingSystemMXBean unix) {
            long max = unix.getMaxFileDescriptorCount();
            long open = unix.getOpenFileDescriptorCount();
            if (concurrency + open + 32 > max) {
                throw new IllegalArgumentException(String.format(
                        Locale.ROOT,
                        "concurrency %,d needs as many sockets, but this process may open %,d files and has %,d"
                                + " open (ulimit -n): lower the concurrency",
                        concurrency,
                        max,
                        open));
            }
        }
    }

    /** Builds a {@link PortScanner}; every setter checks its argument at once. */
    public static final class Builder {
        private Transport transport;
        private final List<String> targetSpecs = new ArrayList<>();
        private final List<Target> targetList = new ArrayList<>();
        private PortSet ports = DEFAULT_PORTS;
        private int rate = DEFAULT_RATE;
        private int concurrency = DEFAULT_CONCURRENCY;
        private Duration timeout = DEFAULT_TIMEOUT;
        private int retries = DEFAULT_RETRIES;
        private boolean banners;
        private Duration bannerTimeout = DEFAULT_BANNER_TIMEOUT;
        private int maxBannerBytes = DEFAULT_MAX_BANNER_BYTES;
        private Set<Probe> probes = EnumSet.allOf(Probe.class);
        private Set<PortState> listed = EnumSet.of(PortState.OPEN);
        private MatchTable matches; // the built-in table, loaded when banners are grabbed
        private HostResolver resolver = HostResolver.system();
        private int maxHosts = Targets.DEFAULT_MAX_HOSTS;
        private InstantSource clock = InstantSource.system();
        private Ticker ticker = Ticker.system();

        private Builder() {}

        /** The transport to scan with; the default transport, loaded per scan, when not set. */
        public Builder transport(Transport value) {
            transport = Objects.requireNonNull(value, "transport");
            return this;
        }

        /**
         * Adds targets: host names, IPv4 and IPv6 addresses, CIDR ranges, separated by commas or
         * spaces (see {@link Targets}). Checked and resolved by {@link #build()}.
         */
        public Builder target(String... specs) {
            for (String s : specs) {
                targetSpecs.add(Objects.requireNonNull(s, "target"));
            }
            return this;
        }

        /** Adds targets already parsed. */
        public Builder targets(List<Target> values) {
            targetList.addAll(values);
            return this;
        }

        /** The ports to scan on every target, such as {@code 22,80,8000-8100}; 1-1024 by default. */
        public Builder ports(String spec) {
            ports = PortSet.parse(spec);
            return this;
        }

        public Builder ports(PortSet value) {
            ports = Objects.requireNonNull(value, "ports");
            return this;
        }

        /**
         * The most connection attempts started per second, on average, over all targets; 0 turns
         * the limit off (for hosts you own). {@value #DEFAULT_RATE} by default.
         */
        public Builder rate(int perSecond) {
            if (perSecond < 0 || perSecond > 10_000_000) {
                throw new IllegalArgumentException("rate must be 0 (no limit) to 10,000,000 per second: " + perSecond);
            }
            rate = perSecond;
            return this;
        }

        /**
         * The most ports in progress at once, each holding one socket (and, with banners on, for as
         * long as its banner takes); {@value #DEFAULT_CONCURRENCY} by default, at most
         * {@value #MAX_CONCURRENCY}, and below the process's open-file limit.
         */
        public Builder concurrency(int value) {
            if (value < 1 || value > MAX_CONCURRENCY) {
                throw new IllegalArgumentException("concurrency must be 1 to " + MAX_CONCURRENCY
                        + " (each port in progress holds a socket): " + value);
            }
            concurrency = value;
            return this;
        }

        /** How long one connection attempt waits for an answer; 2 s by default. */
        public Builder timeout(Duration value) {
            timeout = positive("timeout", value, Duration.ofMinutes(5));
            return this;
        }

        /** How many more times a port that did not answer is tried (0-10); 1 by default. */
        public Builder retries(int value) {
            if (value < 0 || value > 10) {
                throw new IllegalArgumentException("retries must be 0 to 10: " + value);
            }
            retries = value;
            return this;
        }

        /** Whether to grab banners and identify services on open ports; off by default. */
        public Builder banners(boolean value) {
            banners = value;
            return this;
        }

        /** How long to wait for a greeting, and for each probe's answer; 3 s by default. */
        public Builder bannerTimeout(Duration value) {
            bannerTimeout = positive("bannerTimeout", value, Duration.ofMinutes(1));
            return this;
        }

        /** The most bytes read from one exchange (64 bytes to 1 MiB); 8 KiB by default. */
        public Builder maxBannerBytes(int value) {
            if (value < 64 || value > 1 << 20) {
                throw new IllegalArgumentException("maxBannerBytes must be 64 to 1048576: " + value);
            }
            maxBannerBytes = value;
            return this;
        }

        /**
         * What may be sent to silent open ports; both by default. With none, the scanner only
         * listens.
         */
        public Builder probes(Set<Probe> value) {
            probes = value.isEmpty() ? EnumSet.noneOf(Probe.class) : EnumSet.copyOf(value);
            return this;
        }

        /** Which states' ports the result lists one by one (the rest are counted); open by default. */
        public Builder list(Set<PortState> states) {
            listed = states.isEmpty() ? EnumSet.noneOf(PortState.class) : EnumSet.copyOf(states);
            return this;
        }

        /** The rules that identify services; {@link MatchTable#builtIn()} by default. */
        public Builder matchTable(MatchTable value) {
            matches = Objects.requireNonNull(value, "matchTable");
            return this;
        }

        /** Resolves host names given as targets; the system resolver by default. */
        public Builder resolver(HostResolver value) {
            resolver = Objects.requireNonNull(value, "resolver");
            return this;
        }

        /** The most addresses the targets may hold together; {@value Targets#DEFAULT_MAX_HOSTS} by default. */
        public Builder maxHosts(int value) {
            if (value < 1) {
                throw new IllegalArgumentException("maxHosts must be positive: " + value);
            }
            maxHosts = value;
            return this;
        }

        /** Where the scan's start and end times come from; the system clock by default. */
        public Builder clock(InstantSource value) {
            clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /** Monotonic time for the rate limit and latencies; for tests. */
        Builder ticker(Ticker value) {
            ticker = Objects.requireNonNull(value, "ticker");
            return this;
        }

        /**
         * Checks the targets (resolving names) and builds the scanner. Nothing is sent.
         *
         * @throws IllegalStateException when no target was given: a scanner never picks its own
         * @throws IllegalArgumentException naming a target that is malformed, does not resolve, or
         *     makes the scan larger than the host limit
         */
        public PortScanner build() {
            if (targetSpecs.isEmpty() && targetList.isEmpty()) {
                throw new IllegalStateException(
                        "no target given: name the hosts, addresses or CIDR ranges to scan with target(...);"
                                + " nothing is scanned by default");
            }
            List<Target> all = new ArrayList<>(targetList);
            if (!targetSpecs.isEmpty()) {
                all.addAll(Targets.parse(targetSpecs, resolver, maxHosts));
            }
            List<Target> unique = new ArrayList<>();
            java.util.Set<java.net.InetAddress> seen = new java.util.HashSet<>();
            for (Target target : all) {
                if (seen.add(target.address())) {
                    unique.add(target);
                }
            }
            if (unique.size() > maxHosts) {
                throw new IllegalArgumentException("the targets hold " + unique.size() + " addresses; at most "
                        + maxHosts + " are scanned at once");
            }
            return new PortScanner(this, List.copyOf(unique));
        }

        private static Duration positive(String name, Duration value, Duration max) {
            if (value == null || value.isNegative() || value.isZero() || value.compareTo(max) > 0) {
                throw new IllegalArgumentException(name + " must be positive and at most " + max + ": " + value);
            }
            return value;
        }
    }
}
