package dev.wirekit.http.client;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * Turns a host name into the addresses the client tries, in order. The default asks the system
 * resolver; a proxy supplies one that refuses forbidden destinations after resolving, so a name
 * cannot smuggle a request to a denied address.
 */
@FunctionalInterface
public interface HostResolver {

    /**
     * The addresses of {@code host} (a name or a literal address), best first; never empty.
     *
     * @throws UnknownHostException when the host has no address
     * @throws java.io.IOException when the host may not be reached (a policy refusal)
     */
    List<InetAddress> resolve(String host) throws java.io.IOException;

    /** The system resolver. */
    static HostResolver system() {
        return host -> {
            InetAddress[] all = InetAddress.getAllByName(host);
            if (all.length == 0) {
                throw new UnknownHostException(host);
            }
            return List.of(all);
        };
    }
}
