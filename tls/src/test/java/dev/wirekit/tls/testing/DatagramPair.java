package dev.wirekit.tls.testing;

import dev.wirekit.api.layer.Layer;
import dev.wirekit.api.layer.LayerContext;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;

/**
 * A DTLS client and server engine joined in memory, with a lossy "network" between them: the test
 * decides which datagrams arrive. The handshake threads run on virtual threads, as in a server.
 */
public final class DatagramPair implements AutoCloseable {
    public final Endpoint client;
    public final Endpoint server;
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();

    public DatagramPair(Layer clientLayer, Layer serverLayer, int clientPort) {
        client = new Endpoint(
                clientLayer, LayerContext.Role.CLIENT, Optional.of("localhost"), threads, null, clientPort, 4433);
        server = new Endpoint(serverLayer, LayerContext.Role.SERVER, Optional.empty(), threads, null, 4433, clientPort);
    }

    public void start() throws IOException {
        server.engine.start();
        client.engine.start();
    }

    /**
     * Moves datagrams both ways (dropping those {@code drop} matches) until both sides are
     * established, or fails after {@code timeout}.
     */
    public void handshake(Duration timeout, Predicate<ByteBuffer> drop) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!(client.isEstablished() && server.isEstablished())) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("DTLS handshake not complete within " + timeout + " (client "
                        + client.isEstablished() + ", server " + server.isEstablished() + ", failures "
                        + client.failures + server.failures + ")");
            }
            if (!moveOnce(drop)) {
                LockSupport.parkNanos(200_000);
            }
        }
        moveOnce(drop);
    }

    /** Moves what is queued right now; true when anything moved. */
    public boolean moveOnce(Predicate<ByteBuffer> drop) throws IOException {
        boolean moved = false;
        ByteBuffer b;
        while ((b = client.network.poll()) != null) {
            moved = true;
            if (!drop.test(b)) {
                server.engine.receive(b);
            }
        }
        while ((b = server.network.poll()) != null) {
            moved = true;
            if (!drop.test(b)) {
                client.engine.receive(b);
            }
        }
        return moved;
    }

    @Override
    public void close() {
        client.engine.dispose();
        server.engine.dispose();
        threads.shutdownNow();
    }
}
