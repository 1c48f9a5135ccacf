package dev.wirekit.dns;

import dev.wirekit.api.Transport;
import dev.wirekit.api.TransportOptions;
import dev.wirekit.dns.internal.Exchange;
import dev.wirekit.dns.internal.IpLiterals;
import dev.wirekit.dns.internal.ResolvConf;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A DNS client that speaks the protocol itself, over UDP and TCP, instead of calling the operating
 * system's resolver: the tutorial's lookups (forward, all addresses, reverse) plus any record type.
 *
 * <pre>{@code
 * try (DnsResolver resolver = DnsResolver.create()) {              // servers from /etc/resolv.conf
 *     List<InetAddress> v4 = resolver.lookup("www.example.com");     // A
 *     List<InetAddress> all = resolver.lookupAll("www.example.com"); // A and AAAA
 *     List<DnsName> names = resolver.reverse(InetAddress.getByName("192.0.2.1"));   // PTR
 *     List<DnsRecord> mx = resolver.lookup("example.com", RecordType.MX);
 *     DnsResponse raw = resolver.query(DnsQuestion.of("example.com", RecordType.SOA));
 * }
 * }</pre>
 *
 * <h2>How it asks</h2>
 *
 * Every query has a random ID (from {@link java.security.SecureRandom}) and goes out from a fresh
 * UDP socket, so from a random source port (RFC 5452). Datagrams that do not carry the ID and the
 * question are ignored. A truncated answer is asked again over TCP. Servers are tried in order
 * ({@code rotate} spreads the first choice); a server that does not answer within the timeout, or
 * answers SERVFAIL, REFUSED or NOTIMP, makes the next one be asked, for the given number of rounds.
 * A server that rejects EDNS is asked again without it. Names are always absolute: no search list
 * is applied.
 *
 * <p>Thread-safe: many threads may look up at once. Blocking: each call waits for its answer, which
 * suits virtual threads. Holds a transport when it made one itself, so close it.
 */
public final class DnsResolver implements AutoCloseable {
    private static final int MAX_CNAME_HOPS = 8;

    private final Transport transport;
    private final boolean ownsTransport;
    private final Exchange exchange;

    private DnsResolver(Builder b, ResolvConf conf) {
        this.ownsTransport = b.transport == null;
        this.transport = ownsTransport ? Transport.load() : b.transport;
        List<InetSocketAddress> servers = b.servers != null ? b.servers : conf.servers();
        this.exchange = new Exchange(
                transport,
                new Exchange.Settings(
                        servers,
                        b.timeout != null ? b.timeout : conf.timeout(),
                        b.attempts > 0 ? b.attempts : conf.attempts(),
                        b.rotate != null ? b.rotate : conf.rotate(),
                        b.tcpOnly,
                        b.ednsPayloadSize,
                        b.recursionDesired,
                        b.datagramOptions,
                        b.streamOptions,
                        b.clock));
    }

    /** A resolver with the servers and options of /etc/resolv.conf and a transport of its own. */
    public static DnsResolver create() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The servers asked, in order. */
    public List<InetSocketAddress> servers() {
        return exchange.settings().servers();
    }

    /**
     * Asks {@code question} and returns the response as it came, whatever its response code.
     *
     * @throws java.net.SocketTimeoutException when no server answered in time
     * @throws IOException when no server could be reached
     */
    public DnsResponse query(DnsQuestion question) throws IOException {
        return exchange.ask(question);
    }

    /** {@link #query(DnsQuestion)} for {@code name} (absolute) and {@code type} in class IN. */
    public DnsResponse query(String name, RecordType type) throws IOException {
        return query(DnsQuestion.of(name, type));
    }

    /**
     * The records of {@code type} at {@code name}, following CNAMEs (in the answer, or by asking
     * again, at most {@value #MAX_CNAME_HOPS} times). Empty when the name exists without such
     * records.
     *
     * @throws DnsLookupException when the name does not exist, or every server failed
     * @throws java.net.SocketTimeoutException when no server answered in time
     */
    public List<DnsRecord> lookup(String name, RecordType type) throws IOException {
        return lookup(DnsName.of(name), type);
    }

    /** {@link #lookup(String, RecordType)} for a {@link DnsName}. */
    public List<DnsRecord> lookup(DnsName name, RecordType type) throws IOException {
        DnsName current = name;
        for (int hop = 0; hop <= MAX_CNAME_HOPS; hop++) {
            DnsResponse response = query(DnsQuestion.of(current, type));
            DnsMessage m = response.message();
            if (!m.rcode().equals(ResponseCode.NOERROR)) {
                throw new DnsLookupException(
                        current + " " + type + ": " + describe(m.rcode()) + " (" + m.rcode() + " from "
                                + response.server() + ")",
                        response);
            }
            Chain chain = follow(m, current, type);
            if (!chain.records.isEmpty() || chain.end.equals(current) || type.equals(RecordType.CNAME)) {
                return chain.records;
            }
            current = chain.end; // the answer stops at an alias: ask about its target
        }
        throw new IOException(name + " " + type + ": more than " + MAX_CNAME_HOPS + " CNAME hops");
    }

    private static String describe(ResponseCode rcode) {
        if (rcode.equals(ResponseCode.NXDOMAIN)) {
            return "no such name";
        }
        if (rcode.equals(ResponseCode.SERVFAIL)) {
            return "the server failed";
        }
        if (rcode.equals(ResponseCode.REFUSED)) {
            return "the server refused";
        }
        return "lookup failed";
    }

    private record Chain(DnsName end, List<DnsRecord> records) {}

    /** The records of {@code type} reached from {@code name} through the answer's CNAMEs. */
    private static Chain follow(DnsMessage m, DnsName name, RecordType type) {
        DnsName current = name;
        for (int hop = 0; hop <= MAX_CNAME_HOPS; hop++) {
            List<DnsRecord> found = new ArrayList<>();
            DnsName alias = null;
            for (DnsRecord r : m.answers()) {
                if (!r.name().equals(current)) {
                    continue;
                }
                if (r.type().equals(type)) {
                    found.add(r);
                } else if (r.data() instanceof RData.Cname c) {
                    alias = c.target();
                }
            }
            if (!found.isEmpty() || alias == null) {
                return new Chain(current, found);
            }
            current = alias;
        }
        return new Chain(current, List.of());
    }

    /**
     * The IPv4 addresses of {@code host} (A records), as {@code gethostbyname} gives them. An IP
     * literal is returned as it is.
     *
     * @throws DnsLookupException when the name does not exist
     */
    public List<InetAddress> lookup(String host) throws IOException {
        InetAddress literal = IpLiterals.parse(host);
        if (literal != null) {
            return List.of(literal);
        }
        return addresses(lookup(host, RecordType.A));
    }

    /**
     * Every address of {@code host}: its A records, then its AAAA records, as
     * {@code getaddrinfo} lists them. Empty when it has neither.
     *
     * @throws DnsLookupException when the name does not exist
     */
    public List<InetAddress> lookupAll(String host) throws IOException {
        InetAddress literal = IpLiterals.parse(host);
        if (literal != null) {
            return List.of(literal);
        }
        List<InetAddress> all = new ArrayList<>(addresses(lookup(host, RecordType.A)));
        all.addAll(addresses(lookup(host, RecordType.AAAA)));
        return List.copyOf(all);
    }

    private static List<InetAddress> addresses(List<DnsRecord> records) {
        List<InetAddress> list = new ArrayList<>(records.size());
        for (DnsRecord r : records) {
            switch (r.data()) {
                case RData.A a -> list.add(a.address());
                case RData.Aaaa a -> list.add(a.address());
                default -> {}
            }
        }
        return List.copyOf(list);
    }

    /**
     * The names of {@code address} (PTR records of its {@code in-addr.arpa} or {@code ip6.arpa}
     * name), as {@code gethostbyaddr} gives them.
     *
     * @throws DnsLookupException when there is no such reverse name
     */
    public List<DnsName> reverse(InetAddress address) throws IOException {
        List<DnsName> names = new ArrayList<>();
        for (DnsRecord r : lookup(DnsName.reverse(address), RecordType.PTR)) {
            names.add(((RData.Ptr) r.data()).target());
        }
        return List.copyOf(names);
    }

    /** Closes the transport if this resolver made it. */
    @Override
    public void close() {
        if (ownsTransport) {
            transport.close();
        }
    }

    @Override
    public String toString() {
        return "DnsResolver" + servers();
    }

    /** Builds a {@link DnsResolver}; anything not set comes from resolv.conf or the defaults. */
    public static final class Builder {
        private Transport transport;
        private List<InetSocketAddress> servers;
        private Path resolvConf = ResolvConf.DEFAULT_PATH;
        private Duration timeout;
        private int attempts;
        private Boolean rotate;
        private boolean tcpOnly;
        private int ednsPayloadSize = Edns.DEFAULT_PAYLOAD_SIZE;
        private boolean recursionDesired = true;
        private TransportOptions datagramOptions = TransportOptions.defaults();
        private TransportOptions streamOptions = TransportOptions.defaults();
        private InstantSource clock = InstantSource.system();

        private Builder() {}

        /** The transport to use (not closed by the resolver); by default one is loaded and owned. */
        public Builder transport(Transport value) {
            transport = Objects.requireNonNull(value, "transport");
            return this;
        }

        /** The servers to ask, in order, instead of resolv.conf's. */
        public Builder servers(List<InetSocketAddress> value) {
            if (value.isEmpty()) {
                throw new IllegalArgumentException("at least one server is needed");
            }
            servers = List.copyOf(value);
            return this;
        }

        /** {@link #servers(List)} of {@code value}. */
        public Builder server(InetSocketAddress value) {
            return servers(List.of(value));
        }

        /** Where to read nameservers and options from when not set here; /etc/resolv.conf by default. */
        public Builder resolvConf(Path value) {
            resolvConf = Objects.requireNonNull(value, "resolvConf");
            return this;
        }

        /** How long to wait for each server on each attempt (resolv.conf {@code timeout}, else 5 s). */
        public Builder timeout(Duration value) {
            if (value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException("timeout must be positive: " + value);
            }
            timeout = value;
            return this;
        }

        /** How many rounds over the servers (resolv.conf {@code attempts}, else 2). */
        public Builder attempts(int value) {
            if (value < 1) {
                throw new IllegalArgumentException("attempts < 1: " + value);
            }
            attempts = value;
            return this;
        }

        /** Whether successive queries start at successive servers (resolv.conf {@code rotate}). */
        public Builder rotate(boolean value) {
            rotate = value;
            return this;
        }

        /** Ask over TCP only (for DNS over TLS, put a TLS layer in {@link #streamOptions}). */
        public Builder tcpOnly(boolean value) {
            tcpOnly = value;
            return this;
        }

        /** The UDP payload size advertised with EDNS(0); 0 sends no EDNS. 1232 by default. */
        public Builder ednsPayloadSize(int value) {
            if (value != 0 && (value < 512 || value > 65535)) {
                throw new IllegalArgumentException("EDNS payload size must be 0 or 512-65535: " + value);
            }
            ednsPayloadSize = value;
            return this;
        }

        /** Whether queries ask for recursion (RD); true by default. */
        public Builder recursionDesired(boolean value) {
            recursionDesired = value;
            return this;
        }

        /** Options for the UDP sockets. */
        public Builder datagramOptions(TransportOptions value) {
            datagramOptions = Objects.requireNonNull(value, "datagramOptions");
            return this;
        }

        /** Options for TCP connections, with any TLS layer. */
        public Builder streamOptions(TransportOptions value) {
            streamOptions = Objects.requireNonNull(value, "streamOptions");
            return this;
        }

        /** The clock that measures timeouts and query times. */
        public Builder clock(InstantSource value) {
            clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /**
         * The resolver.
         *
         * @throws UncheckedIOException when resolv.conf is needed and cannot be read
         */
        public DnsResolver build() {
            ResolvConf conf;
            if (servers != null && timeout != null && attempts > 0 && rotate != null) {
                conf = ResolvConf.defaults();
            } else {
                try {
                    conf = ResolvConf.load(resolvConf);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read " + resolvConf, e);
                }
            }
            return new DnsResolver(this, conf);
        }
    }
}
