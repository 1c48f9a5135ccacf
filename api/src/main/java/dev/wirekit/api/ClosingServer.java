package dev.wirekit.api;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;

/** A server that closes one more resource after itself; see {@link Server#alsoClosing}. */
record ClosingServer(Server server, AutoCloseable resource, String name) implements Server {
    ClosingServer {
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(resource, "resource");
        Objects.requireNonNull(name, "name");
    }

    @Override
    public InetSocketAddress localAddress() {
        return server.localAddress();
    }

    @Override
    public String protocol() {
        return server.protocol();
    }

    @Override
    public ServerStats stats() {
        return server.stats();
    }

    @Override
    public boolean isOpen() {
        return server.isOpen();
    }

    @Override
    public void close() {
        try {
            server.close();
        } finally {
            closeResource();
        }
    }

    @Override
    public void close(Duration drainTimeout) {
        try {
            server.close(drainTimeout);
        } finally {
            closeResource();
        }
    }

    private void closeResource() {
        try {
            resource.close();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("closing " + resource + " after " + server + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void awaitClose() throws InterruptedException {
        server.awaitClose();
    }

    @Override
    public String toString() {
        return name + " " + server;
    }
}
