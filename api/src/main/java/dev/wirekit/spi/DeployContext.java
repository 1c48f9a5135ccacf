package dev.wirekit.spi;

import dev.wirekit.api.Transport;
import dev.wirekit.api.TransportOptions;
import java.net.InetSocketAddress;
import java.util.Set;

/**
 * Where and how a {@link Deployment} serves: filled in by the CLI from {@code --host}, {@code
 * --port}, {@code --transport}, the TLS options and the limits, or by an application.
 *
 * @param transport the transport to serve on
 * @param address the address to bind
 * @param protocols which of the provider's protocols to start
 * @param streamOptions options for TCP listeners, including any TLS layer
 * @param datagramOptions options for UDP sockets, including any DTLS layer
 */
public record DeployContext(
        Transport transport,
        InetSocketAddress address,
        Set<Protocol> protocols,
        TransportOptions streamOptions,
        TransportOptions datagramOptions) {

    public DeployContext {
        protocols = Set.copyOf(protocols);
    }

    /** Serve {@code protocols} on {@code address} with default options. */
    public static DeployContext of(Transport transport, InetSocketAddress address, Protocol... protocols) {
        return new DeployContext(
                transport, address, Set.of(protocols), TransportOptions.defaults(), TransportOptions.defaults());
    }

    public boolean wants(Protocol protocol) {
        return protocols.contains(protocol);
    }
}
