package dev.wirekit.tls.testing;

import dev.wirekit.api.layer.Layer;
import dev.wirekit.api.layer.LayerContext;
import java.io.IOException;
import java.util.Optional;

/** A client and a server TLS engine joined in memory; {@link #pump()} moves bytes until both are quiet. */
public final class Pair {
    public final Endpoint client;
    public final Endpoint server;

    public Pair(Layer clientLayer, Layer serverLayer, Optional<String> serverName) {
        client = new Endpoint(clientLayer, LayerContext.Role.CLIENT, serverName, Runnable::run, null, 50000, 443);
        server = new Endpoint(serverLayer, LayerContext.Role.SERVER, Optional.empty(), Runnable::run, null, 443, 50000);
    }

    /** Starts both engines and pumps until the handshake is done (or fails with an exception). */
    public Pair handshake() throws IOException {
        server.engine.start();
        client.engine.start();
        pump();
        return this;
    }

    /** Moves everything each side sent to the other until neither sends more. */
    public void pump() throws IOException {
        for (int round = 0; round < 100; round++) {
            byte[] toServer = client.drainNetwork();
            byte[] toClient = server.drainNetwork();
            if (toServer.length == 0 && toClient.length == 0) {
                return;
            }
            if (toServer.length > 0) {
                server.receive(toServer);
            }
            if (toClient.length > 0) {
                client.receive(toClient);
            }
        }
        throw new IllegalStateException("the engines never went quiet");
    }
}
