package dev.wirekit.dns.internal;

import dev.wirekit.dns.DnsName;
import dev.wirekit.dns.DnsServer;
import dev.wirekit.dns.Zone;
import dev.wirekit.spi.Deployment;
import dev.wirekit.spi.HostPort;
import dev.wirekit.spi.OptionSpec;
import dev.wirekit.spi.OptionValues;
import dev.wirekit.spi.Protocol;
import dev.wirekit.spi.ServiceProvider;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** {@code wirekit serve dns}: a {@link DnsServer} configured from command-line options. */
public final class DnsServiceProvider implements ServiceProvider {
    private static final int DNS_PORT = 53;

    public DnsServiceProvider() {}

    @Override
    public String name() {
        return "dns";
    }

    @Override
    public String description() {
        return "DNS server: authoritative for zone files, optionally forwarding with a cache (UDP and TCP)";
    }

    @Override
    public int defaultPort() {
        return DnsServer.DEFAULT_PORT;
    }

    @Override
    public Set<Protocol> protocols() {
        return Set.of(Protocol.TCP, Protocol.UDP);
    }

    @Override
    public List<OptionSpec> options() {
        return List.of(
                OptionSpec.list(
                        "zone",
                        "a master file to serve: PATH, or ORIGIN=PATH when the file sets no" + " $ORIGIN (repeatable)"),
                OptionSpec.list(
                        "forward",
                        "an upstream server (IP[:port]) for names outside the zones"
                                + " (repeatable; none: no forwarding)"),
                OptionSpec.list(
                        "allow-recursion",
                        "client networks whose questions may be forwarded: CIDR, any"
                                + " or none (repeatable; default 127.0.0.0/8 and ::1/128)"),
                OptionSpec.integer("rate-limit", "UDP responses per second per client address (0: no limit)", 100),
                OptionSpec.integer(
                        "rate-limit-slip", "send every Nth rate-limited response truncated (0: drop all)", 2),
                OptionSpec.integer("cache-size", "answers the forwarding cache holds (0: no cache)", 10_000),
                duration("max-cache-ttl", "the longest an answer is cached", "1d"),
                duration("max-negative-ttl", "the longest a negative answer is cached", "3h"),
                duration("forward-timeout", "how long to wait for an upstream server", "2s"),
                OptionSpec.integer("max-forwards", "upstream queries in flight at once", 100),
                OptionSpec.integer("udp-payload-size", "the largest UDP response to EDNS clients", 1232),
                duration(
                        "tcp-idle-timeout",
                        "how long an idle TCP connection is kept (the shorter of this and --idle-timeout applies)",
                        "10s"));
    }

    private static OptionSpec duration(String name, String description, String defaultValue) {
        return new OptionSpec(name, description, OptionSpec.Type.DURATION, defaultValue, List.of(), List.of(), false);
    }

    @Override
    public Deployment create(OptionValues options) {
        DnsServer.Builder b = DnsServer.builder();
        for (String zone : options.list("zone")) {
            b.zone(loadZone(zone));
        }
        List<InetSocketAddress> upstreams = new ArrayList<>();
        for (String spec : options.list("forward")) {
            if (!spec.equalsIgnoreCase("none")) {
                upstreams.add(upstream(spec));
            }
        }
        b.forwarders(upstreams);
        if (!options.list("allow-recursion").isEmpty()) {
            b.allowRecursion(options.list("allow-recursion"));
        }
        b.rateLimit(options.integer("rate-limit"))
                .rateLimitSlip(options.integer("rate-limit-slip"))
                .cacheSize(options.integer("cache-size"))
                .maxCacheTtl(options.duration("max-cache-ttl"))
                .maxNegativeTtl(options.duration("max-negative-ttl"))
                .forwardTimeout(options.duration("forward-timeout"))
                .maxConcurrentForwards(options.integer("max-forwards"))
                .udpPayloadSize(options.integer("udp-payload-size"))
                .tcpIdleTimeout(options.duration("tcp-idle-timeout"));
        DnsServer server = b.build();
        if (server.zones().isEmpty() && server.forwarders().isEmpty()) {
            throw new IllegalArgumentException("nothing to serve: give --zone FILE and/or --forward SERVER");
        }
        return server::start;
    }

    private static Zone loadZone(String spec) {
        int eq = spec.indexOf('=');
        try {
            if (eq > 0) {
                return Zone.load(Path.of(spec.substring(eq + 1)), DnsName.of(spec.substring(0, eq)));
            }
            return Zone.load(Path.of(spec));
        } catch (IOException e) {
            throw new IllegalArgumentException("zone " + spec + ": " + e.getMessage(), e);
        }
    }

    private static InetSocketAddress upstream(String spec) {
        InetSocketAddress hp = HostPort.parse(spec, DNS_PORT);
        InetAddress ip = IpLiterals.parse(hp.getHostString());
        if (ip == null) {
            throw new IllegalArgumentException("--forward " + spec + ": give the upstream server as an IP address");
        }
        return new InetSocketAddress(ip, hp.getPort());
    }
}
