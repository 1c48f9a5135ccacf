package dev.wirekit.spi;

import dev.wirekit.api.Server;
import dev.wirekit.api.ServerGroup;
import dev.wirekit.api.Service;
import dev.wirekit.api.Transport;
import dev.wirekit.api.TransportOptions;
import dev.wirekit.api.framing.Framer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
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

    /**
     * Serves {@code service} with {@code framer} on every protocol wanted: a TCP listener and/or a
     * UDP socket at {@link #address()}. If one fails to start, the ones started are closed.
     */
    public <T> Server serve(Framer<T> framer, Service<T> service) throws IOException {
        return serve(framer, service, service, List.of());
    }

    /**
     * Serves {@code tcp} over TCP and {@code udp} over UDP (as wanted), closing {@code resources}
     * (a log file, a store) when the returned server closes. If anything fails to start, what was
     * started is closed, resources included.
     */
    public <T> Server serve(Framer<T> framer, Service<T> tcp, Service<T> udp, List<? extends AutoCloseable> resources)
            throws IOException {
        List<Server> servers = new ArrayList<>();
        try {
            if (wants(Protocol.TCP)) {
                servers.add(transport.listen(address, framer, tcp, streamOptions));
            }
            if (wants(Protocol.UDP)) {
                servers.add(transport.bind(address, framer, udp, datagramOptions));
            }
        } catch (IOException | RuntimeException e) {
            servers.forEach(Server::close);
            for (AutoCloseable r : resources) {
                try {
                    r.close();
                } catch (Exception suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            throw e;
        }
        return ServerGroup.of(servers, resources);
    }
}
