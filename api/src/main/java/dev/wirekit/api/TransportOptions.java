package dev.wirekit.api;

import dev.wirekit.api.layer.Layer;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Socket options, limits and layers for one server or client connection. Immutable; every value
 * has a safe default, so {@code TransportOptions.defaults()} is always a sound start.
 *
 * <pre>{@code
 * TransportOptions options = TransportOptions.builder()
 *         .idleTimeout(Duration.ofMinutes(2))
 *         .maxConnections(500)
 *         .layer(tlsServerLayer)
 *         .build();
 * }</pre>
 *
 * <table>
 * <caption>Defaults</caption>
 * <tr><th>option</th><th>default</th><th>applies to</th></tr>
 * <tr><td>connectTimeout</td><td>10 s</td><td>clients</td></tr>
 * <tr><td>readTimeout</td><td>none</td><td>{@link Connection#read} and {@link ClientSession#receive()}</td></tr>
 * <tr><td>idleTimeout</td><td>5 min</td><td>every connection; datagram peers</td></tr>
 * <tr><td>handshakeTimeout</td><td>10 s</td><td>connections with layers</td></tr>
 * <tr><td>writeTimeout</td><td>30 s</td><td>senders waiting on a full queue</td></tr>
 * <tr><td>drainTimeout</td><td>5 s</td><td>graceful close</td></tr>
 * <tr><td>maxConnections</td><td>10,000</td><td>servers (datagram peers too)</td></tr>
 * <tr><td>maxOutboundBytes</td><td>1 MiB</td><td>queued, unwritten bytes per connection</td></tr>
 * <tr><td>maxInboundBytes</td><td>1 MiB</td><td>read, unprocessed bytes per connection before reading pauses</td></tr>
 * <tr><td>overflowPolicy</td><td>BLOCK</td><td>see {@link OverflowPolicy}</td></tr>
 * <tr><td>backlog</td><td>1024</td><td>servers</td></tr>
 * <tr><td>reuseAddress / tcpNoDelay / keepAlive</td><td>true / true / true</td><td>TCP</td></tr>
 * <tr><td>send/receive buffer size</td><td>0 (the OS default)</td><td>all sockets</td></tr>
 * <tr><td>datagramSessionTimeout</td><td>60 s</td><td>datagram peer sessions (0: one session per datagram; with a layer such as DTLS, which needs a session per peer, 0 means the default)</td></tr>
 * </table>
 */
public final class TransportOptions {
    private static final TransportOptions DEFAULTS = new Builder().build();

    private final Duration connectTimeout;
    private final Duration readTimeout;
    private final Duration idleTimeout;
    private final Duration handshakeTimeout;
    private final Duration writeTimeout;
    private final Duration drainTimeout;
    private final Duration datagramSessionTimeout;
    private final int maxConnections;
    private final int maxOutboundBytes;
    private final int maxInboundBytes;
    private final OverflowPolicy overflowPolicy;
    private final int backlog;
    private final boolean reuseAddress;
    private final boolean tcpNoDelay;
    private final boolean keepAlive;
    private final int sendBufferSize;
    private final int receiveBufferSize;
    private final List<Layer> layers;
    private final String serverName;

    private TransportOptions(Builder b) {
        connectTimeout = b.connectTimeout;
        readTimeout = b.readTimeout;
        idleTimeout = b.idleTimeout;
        handshakeTimeout = b.handshakeTimeout;
        writeTimeout = b.writeTimeout;
        drainTimeout = b.drainTimeout;
        datagramSessionTimeout = b.datagramSessionTimeout;
        maxConnections = b.maxConnections;
        maxOutboundBytes = b.maxOutboundBytes;
        maxInboundBytes = b.maxInboundBytes;
        overflowPolicy = b.overflowPolicy;
        backlog = b.backlog;
        reuseAddress = b.reuseAddress;
        tcpNoDelay = b.tcpNoDelay;
        keepAlive = b.keepAlive;
        sendBufferSize = b.sendBufferSize;
        receiveBufferSize = b.receiveBufferSize;
        layers = List.copyOf(b.layers);
        serverName = b.serverName;
    }

    /** The defaults listed above. */
    public static TransportOptions defaults() {
        return DEFAULTS;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder that starts from these options. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** How long a client waits for a connection to be established. */
    public Duration connectTimeout() {
        return connectTimeout;
    }

    /** How long a blocking read waits for data; {@link Duration#ZERO} waits without limit. */
    public Duration readTimeout() {
        return readTimeout;
    }

    /** A connection with no reads or writes for this long is closed; ZERO disables it. */
    public Duration idleTimeout() {
        return idleTimeout;
    }

    /** How long the layers' handshake (TLS) may take. */
    public Duration handshakeTimeout() {
        return handshakeTimeout;
    }

    /** How long a sender may wait on a full outbound queue before the connection is closed. */
    public Duration writeTimeout() {
        return writeTimeout;
    }

    /** How long a graceful close waits for queued output to be written before it aborts. */
    public Duration drainTimeout() {
        return drainTimeout;
    }

    /**
     * How long a datagram server keeps a peer's session after its last datagram. ZERO gives every
     * datagram a session of its own that closes after the service has handled it, which suits
     * stateless request/response protocols (DNS) under heavy load.
     */
    public Duration datagramSessionTimeout() {
        return datagramSessionTimeout;
    }

    /** Connections (or datagram peers) a server holds at once; more are refused and logged. */
    public int maxConnections() {
        return maxConnections;
    }

    /** Bytes queued for writing per connection before the {@link #overflowPolicy()} applies. */
    public int maxOutboundBytes() {
        return maxOutboundBytes;
    }

    /** Bytes read but not yet processed per connection before reading pauses. */
    public int maxInboundBytes() {
        return maxInboundBytes;
    }

    public OverflowPolicy overflowPolicy() {
        return overflowPolicy;
    }

    public int backlog() {
        return backlog;
    }

    public boolean reuseAddress() {
        return reuseAddress;
    }

    public boolean tcpNoDelay() {
        return tcpNoDelay;
    }

    public boolean keepAlive() {
        return keepAlive;
    }

    /** SO_SNDBUF in bytes; 0 leaves the operating system's default. */
    public int sendBufferSize() {
        return sendBufferSize;
    }

    /** SO_RCVBUF in bytes; 0 leaves the operating system's default. */
    public int receiveBufferSize() {
        return receiveBufferSize;
    }

    /**
     * The layers between socket and framer, the first one nearest the socket. Empty by default;
     * a TLS layer makes the connection secure.
     */
    public List<Layer> layers() {
        return layers;
    }

    /**
     * The host name a client's layers use (TLS sends it as SNI and verifies the certificate
     * against it). Empty means: the host name of the address connected to, when it was given as a
     * name rather than a literal IP address.
     */
    public Optional<String> serverName() {
        return Optional.ofNullable(serverName);
    }

    @Override
    public String toString() {
        return "TransportOptions[connectTimeout=" + connectTimeout + ", readTimeout=" + readTimeout + ", idleTimeout="
                + idleTimeout + ", handshakeTimeout=" + handshakeTimeout + ", writeTimeout=" + writeTimeout
                + ", drainTimeout=" + drainTimeout + ", maxConnections=" + maxConnections + ", maxOutboundBytes="
                + maxOutboundBytes + ", maxInboundBytes=" + maxInboundBytes + ", overflowPolicy=" + overflowPolicy
                + ", layers=" + layers + "]";
    }

    /** Builds {@link TransportOptions}; each setter checks its argument at once. */
    public static final class Builder {
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration readTimeout = Duration.ZERO;
        private Duration idleTimeout = Duration.ofMinutes(5);
        private Duration handshakeTimeout = Duration.ofSeconds(10);
        private Duration writeTimeout = Duration.ofSeconds(30);
        private Duration drainTimeout = Duration.ofSeconds(5);
        private Duration datagramSessionTimeout = Duration.ofSeconds(60);
        private int maxConnections = 10_000;
        private int maxOutboundBytes = 1 << 20;
        private int maxInboundBytes = 1 << 20;
        private OverflowPolicy overflowPolicy = OverflowPolicy.BLOCK;
        private int backlog = 1024;
        private boolean reuseAddress = true;
        private boolean tcpNoDelay = true;
        private boolean keepAlive = true;
        private int sendBufferSize;
        private int receiveBufferSize;
        private List<Layer> layers = List.of();
        private String serverName;

        private Builder() {}

        private Builder(TransportOptions o) {
            connectTimeout = o.connectTimeout;
            readTimeout = o.readTimeout;
            idleTimeout = o.idleTimeout;
            handshakeTimeout = o.handshakeTimeout;
            writeTimeout = o.writeTimeout;
            drainTimeout = o.drainTimeout;
            datagramSessionTimeout = o.datagramSessionTimeout;
            maxConnections = o.maxConnections;
            maxOutboundBytes = o.maxOutboundBytes;
            maxInboundBytes = o.maxInboundBytes;
            overflowPolicy = o.overflowPolicy;
            backlog = o.backlog;
            reuseAddress = o.reuseAddress;
            tcpNoDelay = o.tcpNoDelay;
            keepAlive = o.keepAlive;
            sendBufferSize = o.sendBufferSize;
            receiveBufferSize = o.receiveBufferSize;
            layers = o.layers;
            serverName = o.serverName;
        }

        public Builder connectTimeout(Duration value) {
            connectTimeout = positive("connectTimeout", value);
            return this;
        }

        public Builder readTimeout(Duration value) {
            readTimeout = notNegative("readTimeout", value);
            return this;
        }

        public Builder idleTimeout(Duration value) {
            idleTimeout = notNegative("idleTimeout", value);
            return this;
        }

        public Builder handshakeTimeout(Duration value) {
            handshakeTimeout = positive("handshakeTimeout", value);
            return this;
        }

        public Builder writeTimeout(Duration value) {
            writeTimeout = positive("writeTimeout", value);
            return this;
        }

        public Builder drainTimeout(Duration value) {
            drainTimeout = notNegative("drainTimeout", value);
            return this;
        }

        public Builder datagramSessionTimeout(Duration value) {
            datagramSessionTimeout = notNegative("datagramSessionTimeout", value);
            return this;
        }

        public Builder maxConnections(int value) {
            maxConnections = positive("maxConnections", value);
            return this;
        }

        public Builder maxOutboundBytes(int value) {
            maxOutboundBytes = positive("maxOutboundBytes", value);
            return this;
        }

        public Builder maxInboundBytes(int value) {
            maxInboundBytes = positive("maxInboundBytes", value);
            return this;
        }

        public Builder overflowPolicy(OverflowPolicy value) {
            overflowPolicy = Objects.requireNonNull(value, "overflowPolicy");
            return this;
        }

        public Builder backlog(int value) {
            backlog = positive("backlog", value);
            return this;
        }

        public Builder reuseAddress(boolean value) {
            reuseAddress = value;
            return this;
        }

        public Builder tcpNoDelay(boolean value) {
            tcpNoDelay = value;
            return this;
        }

        public Builder keepAlive(boolean value) {
            keepAlive = value;
            return this;
        }

        public Builder sendBufferSize(int value) {
            sendBufferSize = notNegative("sendBufferSize", value);
            return this;
        }

        public Builder receiveBufferSize(int value) {
            receiveBufferSize = notNegative("receiveBufferSize", value);
            return this;
        }

        /** Replaces the layers; the first is nearest the socket. */
        public Builder layers(List<Layer> value) {
            layers = List.copyOf(value);
            return this;
        }

        /** Adds a layer above the ones already set. */
        public Builder layer(Layer value) {
            Objects.requireNonNull(value, "layer");
            layers = java.util.stream.Stream.concat(layers.stream(), java.util.stream.Stream.of(value))
                    .toList();
            return this;
        }

        /** See {@link TransportOptions#serverName()}; null restores the default. */
        public Builder serverName(String value) {
            serverName = value;
            return this;
        }

        public TransportOptions build() {
            return new TransportOptions(this);
        }

        private static Duration positive(String name, Duration value) {
            if (value == null || value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException(name + " must be positive: " + value);
            }
            return value;
        }

        private static Duration notNegative(String name, Duration value) {
            if (value == null || value.isNegative()) {
                throw new IllegalArgumentException(name + " must not be negative: " + value);
            }
            return value;
        }

        private static int positive(String name, int value) {
            if (value <= 0) {
                throw new IllegalArgumentException(name + " <= 0: " + value);
            }
            return value;
        }

        private static int notNegative(String name, int value) {
            if (value < 0) {
                throw new IllegalArgumentException(name + " < 0: " + value);
            }
            return value;
        }
    }
}
