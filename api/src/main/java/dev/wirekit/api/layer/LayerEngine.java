package dev.wirekit.api.layer;

import dev.wirekit.api.SecurityInfo;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * One connection's instance of a {@link Layer}: bytes are offered in, bytes come out through the
 * {@link LayerSink}. Engines never do I/O themselves.
 *
 * <h2>Threading</h2>
 *
 * The connection machinery calls {@link #start}, {@link #receive}, {@link #send} and
 * {@link #closeOutbound} one at a time, never concurrently, and never on an event-loop thread (a
 * handshake's CPU work is allowed to take time). An engine that finishes work asynchronously (on
 * its own thread or timer) reports through the sink methods documented as callable from any
 * thread.
 */
public interface LayerEngine {

    /** Starts the handshake; a client engine typically sends its first flight to the sink. */
    void start() throws IOException;

    /**
     * Bytes from the network (the layer below), in order, as they arrived. The engine consumes all
     * of them (buffering a partial record itself) before it returns.
     *
     * @throws IOException when the bytes violate the layer's protocol; the connection is closed
     */
    void receive(ByteBuffer fromNetwork) throws IOException;

    /**
     * Plaintext from the layer above, only after {@link LayerSink#established()}; the engine
     * consumes all of it before it returns.
     */
    void send(ByteBuffer plaintext) throws IOException;

    /** Ends this side in order (TLS sends close_notify). Nothing is sent after this. */
    void closeOutbound() throws IOException;

    /** What was negotiated, once established; empty for layers without security. */
    default Optional<SecurityInfo> security() {
        return Optional.empty();
    }

    /** Releases resources; the connection is gone. Never throws. */
    default void dispose() {}
}
