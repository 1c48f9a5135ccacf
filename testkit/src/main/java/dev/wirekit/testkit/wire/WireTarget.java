package dev.wirekit.testkit.wire;

import dev.wirekit.api.Transport;
import dev.wirekit.api.TransportOptions;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * The live server a wire suite checks, and how to reach it: the address, the transport and client
 * options to connect with (a TLS layer in the options checks the server over TLS), and how long to
 * wait for any one answer.
 *
 * @param address the server
 * @param transport the transport the suite connects with; owned by whoever made the target
 * @param streamOptions options for stream connections (add the TLS client layer for a TLS server)
 * @param datagramOptions options for datagram connections
 * @param datagrams whether the server also serves the protocol over UDP at the same port
 * @param timeout the longest wait for any one answer
 * @param facts what the suite may rely on about the server's content, by fact name (a DNS zone's
 *     records, an HTTP document root's files ...); a fact not given takes the suite's documented
 *     default ({@link WireSuites#facts(String)}), and a fact given as the empty string is declared
 *     missing, which skips the rules that need it
 */
public record WireTarget(
        InetSocketAddress address,
        Transport transport,
        TransportOptions streamOptions,
        TransportOptions datagramOptions,
        boolean datagrams,
        Duration timeout,
        Map<String, String> facts) {

    public WireTarget {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(streamOptions, "streamOptions");
        Objects.requireNonNull(datagramOptions, "datagramOptions");
        Objects.requireNonNull(timeout, "timeout");
        facts = Map.copyOf(Objects.requireNonNull(facts, "facts"));
    }

    /** A target whose facts are all the suite's defaults. */
    public WireTarget(
            InetSocketAddress address,
            Transport transport,
            TransportOptions streamOptions,
            TransportOptions datagramOptions,
            boolean datagrams,
            Duration timeout) {
        this(address, transport, streamOptions, datagramOptions, datagrams, timeout, Map.of());
    }

    /** A plain TCP target with default options and a 10 s timeout. */
    public static WireTarget of(InetSocketAddress address, Transport transport) {
        return new WireTarget(
                address,
                transport,
                TransportOptions.defaults(),
                TransportOptions.defaults(),
                false,
                Duration.ofSeconds(10));
    }

    /** This target, also checked over UDP at the same address. */
    public WireTarget withDatagrams() {
        return new WireTarget(address, transport, streamOptions, datagramOptions, true, timeout, facts);
    }

    /** This target with another timeout for each answer. */
    public WireTarget withTimeout(Duration timeout) {
        return new WireTarget(address, transport, streamOptions, datagramOptions, datagrams, timeout, facts);
    }

    /**
     * This target with {@code more} facts (they replace facts of the same name). The suite checks
     * the names: a fact it does not know fails the run before anything connects.
     */
    public WireTarget withFacts(Map<String, String> more) {
        Map<String, String> all = new java.util.HashMap<>(facts);
        all.putAll(more);
        return new WireTarget(address, transport, streamOptions, datagramOptions, datagrams, timeout, all);
    }

    /** This target with one more fact. */
    public WireTarget withFact(String name, String value) {
        return withFacts(Map.of(name, value));
    }

    /** Whether the stream options carry a layer (TLS). */
    public boolean layered() {
        return !streamOptions.layers().isEmpty();
    }

    @Override
    public String toString() {
        return address.getHostString() + ":" + address.getPort() + (layered() ? " (tls)" : "");
    }
}
