package dev.wirekit.api;

/**
 * Stream-style server logic: the whole conversation with one client, written as straight-line
 * blocking code. Each accepted connection gets its own virtual thread, which calls
 * {@link #handle}; when it returns (or throws), the connection is closed in order. Suits protocols
 * with streamed bodies and mixed framing (HTTP, tunnels); message protocols are simpler as a
 * {@link Service}.
 */
@FunctionalInterface
public interface ConnectionHandler {
    /**
     * Talks to one client. Runs on a virtual thread of its own; may block freely. Layers have
     * completed their handshake before this is called.
     */
    void handle(Connection connection) throws Exception;
}
