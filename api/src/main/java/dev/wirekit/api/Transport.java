package dev.wirekit.api;

import dev.wirekit.api.framing.Framer;
import dev.wirekit.internal.TransportLookup;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The I/O engine: listens and connects (streams), binds and connects (datagrams).
 *
 * <p>Wirekit ships two, found through {@link java.util.ServiceLoader}: {@code blocking} (java.net
 * sockets, one virtual thread per connection) and {@code nio} (selector event loops on platform
 * threads). Third parties add their own with a {@link dev.wirekit.spi.TransportProvider}.
 *
 * <pre>{@code
 * try (Transport transport = Transport.load("nio");
 *      Server server = transport.listen(new InetSocketAddress("127.0.0.1", 0),
 *              Framers.lines(8192), new EchoService(), TransportOptions.defaults())) {
 *     System.out.println("listening on " + server.localAddress());
 *     server.awaitClose();
 * }
 * }</pre>
 *
 * <p>A transport owns threads (event loops, a timer), started when first needed. Closing it closes
 * every server and connection it made. Two transports in one JVM never share anything.
 */
public interface Transport extends AutoCloseable {

    /**
     * The transport named by the system property {@code wirekit.transport} if it is set, else the
     * available one with the highest priority ({@code nio} when Wirekit's own are present).
     *
     * @throws IllegalStateException when none is found; the message lists what was found, and why
     *     each broken provider was skipped
     */
    static Transport load() {
        return TransportLookup.load(null);
    }

    /**
     * The transport called {@code name}.
     *
     * @throws IllegalStateException when there is none by that name; the message lists the names
     *     found
     */
    static Transport load(String name) {
        return TransportLookup.load(name);
    }

    /**
     * A transport made directly from {@code provider}, without {@link java.util.ServiceLoader}: for
     * tests of a transport under development, and for applications that wire things by hand.
     */
    static Transport of(dev.wirekit.spi.TransportProvider provider) {
        return TransportLookup.create(provider);
    }

    /** The transports that can be loaded, best first, with any provider that failed to load. */
    static List<TransportInfo> available() {
        return TransportLookup.available();
    }

    /** This transport's name: {@code nio}, {@code blocking}, ... */
    String name();

    /** What this transport supports beyond the required rules. */
    TransportCapabilities capabilities();

    /**
     * Listens for stream connections; each one becomes a {@link Session} framed by
     * {@code framer} and served by {@code service}.
     */
    <T> Server listen(InetSocketAddress address, Framer<T> framer, Service<T> service, TransportOptions options)
            throws IOException;

    /** Listens for stream connections; each one is handed to {@code handler} on a virtual thread. */
    Server listen(InetSocketAddress address, ConnectionHandler handler, TransportOptions options) throws IOException;

    /**
     * Binds a datagram socket; each peer address becomes a {@link Session} whose messages are whole
     * datagrams decoded by {@link Framer#decodeDatagram}.
     */
    <T> Server bind(InetSocketAddress address, Framer<T> framer, Service<T> service, TransportOptions options)
            throws IOException;

    /**
     * Opens a stream connection, and completes the layers' handshake, before returning.
     *
     * @throws java.net.ConnectException when the peer refuses
     * @throws ConnectTimeoutException when it takes longer than the connect timeout
     */
    Connection connect(InetSocketAddress address, TransportOptions options) throws IOException;

    /**
     * Opens a stream connection without blocking the caller; suits thousands of concurrent
     * connection attempts (a port scan). The future fails with the same exceptions
     * {@link #connect(InetSocketAddress, TransportOptions)} throws.
     */
    CompletableFuture<Connection> connectAsync(InetSocketAddress address, TransportOptions options);

    /** Opens a stream connection seen through {@code framer}, read with {@link ClientSession#receive()}. */
    <T> ClientSession<T> connect(InetSocketAddress address, Framer<T> framer, TransportOptions options)
            throws IOException;

    /**
     * Opens a stream connection served by {@code service}, exactly like a server's session: for
     * clients that react to messages rather than pull them.
     */
    <T> Session<T> connect(InetSocketAddress address, Framer<T> framer, Service<T> service, TransportOptions options)
            throws IOException;

    /**
     * Opens a datagram socket connected to {@code address} (from a fresh random local port): each
     * message sent is one datagram, each datagram received from that peer is one message.
     */
    <T> ClientSession<T> connectDatagram(InetSocketAddress address, Framer<T> framer, TransportOptions options)
            throws IOException;

    /** Closes every server and connection this transport made, and stops its threads. */
    @Override
    void close();
}
