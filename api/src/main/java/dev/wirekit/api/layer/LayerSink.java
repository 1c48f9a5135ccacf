package dev.wirekit.api.layer;

import java.nio.ByteBuffer;

/**
 * Where a {@link LayerEngine} puts what it produces. The connection machinery implements it.
 *
 * <p>Threading: {@link #toApplication} and {@link #endOfInput} may be called only from inside
 * {@link LayerEngine#receive}, on the thread that called it. {@link #toNetwork},
 * {@link #established} and {@link #failed} may be called from any thread at any time.
 */
public interface LayerSink {

    /**
     * Bytes for the peer (ciphertext, handshake records). The sink takes ownership of the buffer:
     * the engine must not touch it afterwards.
     */
    void toNetwork(ByteBuffer bytes);

    /**
     * Bytes for the layer above (plaintext). Valid only during the call; the sink copies what it
     * keeps. On a datagram connection each call is one datagram.
     */
    void toApplication(ByteBuffer bytes);

    /** The handshake has completed: application data may flow in both directions. */
    void established();

    /** The peer ended its side in order (TLS close_notify): no more application bytes follow. */
    void endOfInput();

    /**
     * The engine has failed (an alert, a certificate that does not verify). The connection is
     * closed and {@code cause} is reported to the service and logged.
     */
    void failed(Throwable cause);
}
