package dev.wirekit.testkit.wire;

import dev.wirekit.api.Transport;
import dev.wirekit.api.TransportOptions;
import java.net.InetSocketAddress;
import java.time.Duration;
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
 */
public record WireTarget(
        InetSocketAddress address,
        Transport transport,
        TransportOptions streamOptions,
        TransportOptions datagramOptions,
        boolean datagrams,
        Duration timeout) {

    public WireTarget {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(streamOptions, "streamOptions");
        Objects.requireNonNull(datagramOptions, "datagramOptions");
        Objects.requireNonNull(timeout, "timeout");
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
        return new WireTarget(address, transport, streamOptions, datagramOptions, true, timeout);
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
