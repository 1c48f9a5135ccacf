package dev.wirekit.testkit;

import dev.wirekit.api.Server;
import dev.wirekit.api.ServerGroup;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;

/**
 * Starts a service's TCP and UDP servers on one port number, as a real deployment would, in tests:
 * TCP takes a free port, UDP must then get the same number, which something else may already hold,
 * so it retries with a new port.
 */
public final class SamePort {
    private SamePort() {}

    /** Starts one server at {@code address}; may throw {@link BindException} when the port is taken. */
    @FunctionalInterface
    public interface Starter {
        Server start(InetSocketAddress address) throws IOException;
    }

    /** TCP and UDP servers on one loopback port number, as a group (TCP first). */
    public static Server start(Starter tcp, Starter udp) throws IOException {
        for (int attempt = 0; ; attempt++) {
            Server first = tcp.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            try {
                Server second = udp.start(first.localAddress());
                return ServerGroup.of(List.of(first, second));
            } catch (BindException taken) {
                first.close();
                if (attempt == 20) {
                    throw taken;
                }
            }
        }
    }
}
