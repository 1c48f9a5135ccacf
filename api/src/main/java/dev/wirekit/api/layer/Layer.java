package dev.wirekit.api.layer;

/**
 * A byte-to-byte transform that runs between the socket and the framer, on every transport: TLS is
 * one. A layer is a factory; {@link #open} gives each connection its own {@link LayerEngine}.
 *
 * <p>Layers are set in {@link dev.wirekit.api.TransportOptions#layers()}; the first one is nearest
 * the socket. Transports do not handle layers themselves: the connection machinery above every
 * transport driver runs them, which is how one TLS implementation secures every transport.
 */
public interface Layer {

    /** A short name for logs and diagnostics: {@code tls}, {@code dtls}. */
    String name();

    /**
     * A new engine for one connection (or one datagram peer). Opens nothing and starts no thread;
     * the engine starts when {@link LayerEngine#start()} is called.
     */
    LayerEngine open(LayerContext context);

    /** True when this layer works on datagrams (DTLS); false for byte streams (TLS). */
    default boolean forDatagrams() {
        return false;
    }
}
