package dev.wirekit.api.layer;

import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;

/** What a {@link LayerEngine} knows about its connection, and where it sends its output. */
public interface LayerContext {

    /** Which side of the connection this engine is on. */
    enum Role {
        CLIENT,
        SERVER
    }

    Role role();

    InetSocketAddress remoteAddress();

    InetSocketAddress localAddress();

    /**
     * For a client: the host name it connected to (for SNI and certificate checks), unless it
     * connected to a literal IP address without naming a server.
     */
    Optional<String> serverName();

    /** True on datagram transports: each {@code receive} and {@code toApplication} is one datagram. */
    boolean datagram();

    /** Where the engine's output goes. */
    LayerSink sink();

    /** Virtual threads, for an engine that must run blocking work (a blocking DTLS handshake). */
    Executor blockingExecutor();

    /** A shared timer, for retransmissions and such; tasks must be short and never block. */
    ScheduledExecutorService timer();
}
