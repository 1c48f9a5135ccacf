package dev.wirekit.proxy.internal;

import dev.wirekit.http.client.HostResolver;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Where the proxy may connect: addresses in a deny list (loopback, link-local, cloud metadata,
 * unspecified and multicast by default) are refused unless an allow entry covers them, and CONNECT
 * goes only to the allowed ports. Checks the resolved addresses, so a host name cannot lead to a
 * denied address.
 */
public final class DestinationPolicy {
    /** The ranges denied by default. */
    public static final List<String> DEFAULT_DENY = List.of(
            "127.0.0.0/8",
            "::1/128", // loopback
            "169.254.0.0/16",
            "fe80::/10", // link-local, which holds 169.254.169.254 (cloud metadata)
            "100.100.100.200/32", // Alibaba's metadata service
            "fd00:ec2::254/128", // AWS's IPv6 metadata service
            "0.0.0.0/8",
            "::/128", // unspecified
            "224.0.0.0/4",
            "ff00::/8"); // multicast

    private final List<Cidr> deny;
    private final List<Cidr> allow;
    private final Set<Integer> connectPorts;
    private final HostResolver resolver;

    public DestinationPolicy(List<Cidr> deny, List<Cidr> allow, Set<Integer> connectPorts, HostResolver resolver) {
        this.deny = List.copyOf(deny);
        this.allow = List.copyOf(allow);
        this.connectPorts = Set.copyOf(connectPorts);
        this.resolver = resolver;
    }

    public boolean connectPortAllowed(int port) {
        return connectPorts.contains(port);
    }

    public Set<Integer> connectPorts() {
        return connectPorts;
    }

    /** Whether the proxy may connect to {@code address}. */
    public boolean allowed(InetAddress address) {
        for (Cidr c : allow) {
            if (c.contains(address)) {
                return true;
            }
        }
        for (Cidr c : deny) {
            if (c.contains(address)) {
                return false;
            }
        }
        return true;
    }

    /** A resolver that drops denied addresses and refuses a host that has only denied ones. */
    public HostResolver resolver() {
        return host -> {
            List<InetAddress> all = resolver.resolve(host);
            List<InetAddress> ok = new ArrayList<>();
            for (InetAddress a : all) {
                if (allowed(a)) {
                    ok.add(a);
                }
            }
            if (ok.isEmpty()) {
                if (all.isEmpty()) {
                    throw new UnknownHostException(host);
                }
                throw new ForbiddenDestinationException("the destination " + host + " ("
                        + all.get(0).getHostAddress() + ") is denied by the proxy's policy");
            }
            return ok;
        };
    }

    /** Resolves {@code host} under the policy. */
    public List<InetAddress> resolve(String host) throws IOException {
        return resolver().resolve(host);
    }
}
