package dev.wirekit.api;

import java.io.IOException;
import java.time.Duration;

/**
 * A client's framed connection, read by pulling: {@link #receive()} returns the next message. Each
 * {@code receive} and {@code send} may be called from its own thread, so one thread can read while
 * another writes (an interactive chat client, say). Received messages wait in a bounded inbox; when
 * it is full the transport stops reading from the socket.
 *
 * <pre>{@code
 * try (ClientSession<String> calc = transport.connect(address, Framers.lines(1024), TransportOptions.defaults())) {
 *     calc.send("5 + 3");
 *     String answer = calc.receive(Duration.ofSeconds(5));   // "8"
 * }
 * }</pre>
 *
 * @param <T> the message type
 */
public interface ClientSession<T> extends Session<T>, AutoCloseable {

    /**
     * The next message, waiting for at most {@link TransportOptions#readTimeout()} (without limit
     * when that is zero).
     *
     * @return the message, or null when the peer has closed the connection and every message
     *     before the close has been received
     * @throws java.net.SocketTimeoutException when nothing arrived in time (the session stays open)
     * @throws IOException when the connection failed; its cause says why
     */
    T receive() throws IOException;

    /** {@link #receive()} with its own timeout; {@link Duration#ZERO} waits without limit. */
    T receive(Duration timeout) throws IOException;

    /** Closes in order, as {@link Session#close()}. */
    @Override
    void close();
}
