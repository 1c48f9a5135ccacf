package dev.wirekit.transport.nio;

import dev.wirekit.api.TransportOptions;
import dev.wirekit.spi.Wire;
import dev.wirekit.spi.WireListener;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.function.Consumer;

/** A listening channel: accepts in batches on its loop and spreads connections over all loops. */
final class NioListener implements WireListener, Handler {
    private static final int ACCEPTS_PER_EVENT = 64;

    private final NioDriver driver;
    private final EventLoop loop;
    private final ServerSocketChannel server;
    private final TransportOptions options;
    private final Consumer<Wire> acceptor;
    private final InetSocketAddress local;

    NioListener(
            NioDriver driver,
            EventLoop loop,
            ServerSocketChannel server,
            TransportOptions options,
            Consumer<Wire> acceptor)
            throws IOException {
        this.driver = driver;
        this.loop = loop;
        this.server = server;
        this.options = options;
        this.acceptor = acceptor;
        this.local = (InetSocketAddress) server.getLocalAddress();
    }

    @Override
    public void ready(int readyOps) {
        for (int i = 0; i < ACCEPTS_PER_EVENT; i++) {
            SocketChannel channel;
            try {
                channel = server.accept();
            } catch (IOException e) {
                System.getLogger("dev.wirekit.transport.nio")
                        .log(System.Logger.Level.WARNING, "accept on " + local + " failed: " + e);
                return;
            }
            if (channel == null) {
                return;
            }
            try {
                NioDriver.configure(channel, options);
                acceptor.accept(driver.wrap(driver.nextLoop(), channel, null));
            } catch (IOException | RuntimeException e) {
                NioDriver.closeQuietly(channel);
            }
        }
    }

    @Override
    public InetSocketAddress localAddress() {
        return local;
    }

    @Override
    public void close() {
        driver.forget(this);
        try {
            loop.run(() -> NioDriver.closeQuietly(server));
        } catch (java.util.concurrent.RejectedExecutionException e) {
            NioDriver.closeQuietly(server);
        }
    }

    @Override
    public void loopClosed() {
        NioDriver.closeQuietly(server);
    }

    @Override
    public String toString() {
        return "NioListener[" + local + "]";
    }
}
