package dev.wirekit.scanner;

import dev.wirekit.api.ClientSession;
import dev.wirekit.api.Connection;
import dev.wirekit.api.ConnectionHandler;
import dev.wirekit.api.Server;
import dev.wirekit.api.Service;
import dev.wirekit.api.Session;
import dev.wirekit.api.Transport;
import dev.wirekit.api.TransportCapabilities;
import dev.wirekit.api.TransportOptions;
import dev.wirekit.api.framing.Framer;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/** A transport that counts every attempt to use the network and refuses it: proof that nothing was sent. */
final class RefusingTransport implements Transport {
    final AtomicInteger uses = new AtomicInteger();

    private AssertionError used() {
        uses.incrementAndGet();
        return new AssertionError("the network was used");
    }

    @Override
    public String name() {
        return "refusing";
    }

    @Override
    public TransportCapabilities capabilities() {
        throw used();
    }

    @Override
    public <T> Server listen(InetSocketAddress a, Framer<T> f, Service<T> s, TransportOptions o) {
        throw used();
    }

    @Override
    public Server listen(InetSocketAddress a, ConnectionHandler h, TransportOptions o) {
        throw used();
    }

    @Override
    public <T> Server bind(InetSocketAddress a, Framer<T> f, Service<T> s, TransportOptions o) {
        throw used();
    }

    @Override
    public Connection connect(InetSocketAddress a, TransportOptions o) {
        throw used();
    }

    @Override
    public CompletableFuture<Connection> connectAsync(InetSocketAddress a, TransportOptions o) {
        throw used();
    }

    @Override
    public <T> ClientSession<T> connect(InetSocketAddress a, Framer<T> f, TransportOptions o) {
        throw used();
    }

    @Override
    public <T> Session<T> connect(InetSocketAddress a, Framer<T> f, Service<T> s, TransportOptions o) {
        throw used();
    }

    @Override
    public <T> ClientSession<T> connectDatagram(InetSocketAddress a, Framer<T> f, TransportOptions o) {
        throw used();
    }

    @Override
    public void close() {}
}
