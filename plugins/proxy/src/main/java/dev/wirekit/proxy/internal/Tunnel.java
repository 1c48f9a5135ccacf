package dev.wirekit.proxy.internal;

import dev.wirekit.api.Connection;
import dev.wirekit.api.OutboundOverflowException;
import dev.wirekit.api.SessionClosedException;
import dev.wirekit.http.HttpException;
import dev.wirekit.http.server.Request;
import dev.wirekit.http.server.Response;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A CONNECT tunnel: checks the port and the destination, connects, answers 200, then copies bytes
 * both ways on two virtual threads. An end of stream on one side half-closes the other; the tunnel
 * closes when both directions have ended, on an error, or after the idle timeout with nothing
 * moving in either direction.
 */
final class Tunnel {
    private static final int BUFFER = 16 * 1024;

    private final ProxyConfig config;

    Tunnel(ProxyConfig config) {
        this.config = config;
    }

    void open(Request req, Response res) throws Exception {
        String authority = req.target();
        int colon = authority.lastIndexOf(':');
        String host = authority.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port = Integer.parseInt(authority.substring(colon + 1));
        if (!config.destinations().connectPortAllowed(port)) {
            throw new HttpException(
                    403,
                    "CONNECT to port " + port + " is not allowed (allowed: "
                            + config.destinations().connectPorts() + ")");
        }
        Connection upstream = connect(host, port);
        try {
            res.status(200).takeOver(client -> pump(client, upstream));
        } finally {
            upstream.close();
        }
    }

    private Connection connect(String host, int port) {
        List<InetAddress> addresses;
        try {
            addresses = config.destinations().resolve(host);
        } catch (IOException e) {
            throw UpstreamFailures.map(e, host);
        }
        IOException failure = null;
        for (InetAddress a : addresses) {
            try {
                return config.transport().connect(new InetSocketAddress(a, port), config.tunnelOptions());
            } catch (IOException e) {
                failure = e;
            }
        }
        throw UpstreamFailures.map(failure, host + ":" + port);
    }

    private void pump(Connection client, Connection upstream) throws InterruptedException {
        AtomicLong lastActivity = new AtomicLong(System.nanoTime());
        Thread down = Thread.ofVirtual().name("wirekit-tunnel-down").start(() -> copy(upstream, client, lastActivity));
        copy(client, upstream, lastActivity);
        down.join();
    }

    /** Copies {@code from} to {@code to} until the end of {@code from}, then half-closes {@code to}. */
    private void copy(Connection from, Connection to, AtomicLong lastActivity) {
        Duration idle = config.tunnelIdleTimeout();
        ByteBuffer buf = ByteBuffer.allocate(BUFFER);
        try {
            while (true) {
                buf.clear();
                int n;
                try {
                    n = from.read(buf, idle);
                } catch (SocketTimeoutException e) {
                    if (System.nanoTime() - lastActivity.get() >= idle.toNanos()) {
                        from.abort();
                        to.abort();
                        return;
                    }
                    continue; // the other direction is busy: the tunnel is not idle
                }
                if (n < 0) {
                    if (to.isOpen()) {
                        to.shutdownOutput();
                    }
                    return;
                }
                lastActivity.set(System.nanoTime());
                to.write(buf.flip());
            }
        } catch (IOException | SessionClosedException | OutboundOverflowException e) {
            // one side failed or went away: the tunnel is over for both
            from.abort();
            to.abort();
        }
    }
}
