package dev.wirekit.spi;

import java.nio.ByteBuffer;

/**
 * Receives one {@link Wire}'s events; implemented by Wirekit. Called one at a time, in order, on
 * the driver's delivery thread (see {@link TransportDriver} on threading). {@link #onDrained()} may
 * also come from whichever thread completed the write.
 */
public interface WireReceiver {

    /** The wire is ready; the first callback. */
    void onActive();

    /**
     * Bytes read from the socket, between {@code data}'s position and limit. Valid only during the
     * call: the driver reuses the buffer.
     */
    void onData(ByteBuffer data);

    /**
     * True when {@link #onData} never blocks (a non-blocking service runs inside it). A driver that
     * delivers on a thread of its own may then hold what that thread writes during the call and
     * write it all in one gathering write when the call returns. When false (the default), what is
     * written during {@code onData} must go out as at any other time: the receiver may be waiting,
     * inside the call, for the peer to answer what it wrote.
     */
    default boolean handlesDataWithoutBlocking() {
        return false;
    }

    /** The peer shut down its output: no more data follows, writing may go on. */
    void onEndOfStream();

    /** The write queue was non-empty and has just become empty. */
    void onDrained();

    /**
     * The wire has closed: after {@link Wire#close()}, after a failure ({@code cause} says which),
     * or after both directions ended. The last callback; it always comes, exactly once.
     */
    void onClosed(Throwable cause);
}
