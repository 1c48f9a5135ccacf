package dev.wirekit.spi;

import java.net.InetSocketAddress;

/** A listening socket opened by {@link TransportDriver#listen}. */
public interface WireListener extends AutoCloseable {

    /** The bound address, with the real port when port 0 was asked for. */
    InetSocketAddress localAddress();

    /** Stops accepting and closes the listening socket; accepted wires are not affected. */
    @Override
    void close();
}
