package dev.wirekit.testkit;

import dev.wirekit.api.Connection;
import dev.wirekit.api.ConnectionHandler;
import dev.wirekit.api.Service;
import dev.wirekit.api.Session;
import dev.wirekit.api.framing.FramingException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/** The small services the verification rules run on the transport under test. */
final class Probes {
    private Probes() {}

    /** Echoes every message back; records how each session closed. */
    static class Echo<T> implements Service<T> {
        final List<Session<T>> opened = new CopyOnWriteArrayList<>();
        final CompletableFuture<Throwable> firstClose = new CompletableFuture<>();
        final List<Throwable> closes = new CopyOnWriteArrayList<>();

        @Override
        public void onOpen(Session<T> session) {
            opened.add(session);
        }

        @Override
        public void onMessage(Session<T> session, T message) {
            session.send(message);
        }

        @Override
        public boolean onFramingError(Session<T> session, FramingException error) {
            return false;
        }

        @Override
        public void onClose(Session<T> session, Throwable cause) {
            closes.add(cause == null ? new OrderlyClose() : cause);
            firstClose.complete(cause);
        }
    }

    /** Marks an orderly close in a list of close causes. */
    static final class OrderlyClose extends Exception {
        OrderlyClose() {
            super("orderly close", null, false, false);
        }
    }

    /** Copies bytes back until the peer ends its side, then ends its own. */
    static ConnectionHandler rawEcho() {
        return connection -> {
            ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
            while (connection.read(buffer) >= 0) {
                buffer.flip();
                connection.write(buffer);
                buffer.clear();
            }
            connection.shutdownOutput();
            drainToEnd(connection);
        };
    }

    private static void drainToEnd(Connection connection) throws java.io.IOException {
        connection.flush();
    }

    /** Reads exactly {@code n} bytes. */
    static byte[] readExactly(Connection connection, int n, java.time.Duration timeout) throws java.io.IOException {
        ByteBuffer all = ByteBuffer.allocate(n);
        while (all.hasRemaining()) {
            if (connection.read(all, timeout) < 0) {
                throw new java.io.EOFException("stream ended after " + all.position() + " of " + n + " bytes");
            }
        }
        return all.array();
    }
}
