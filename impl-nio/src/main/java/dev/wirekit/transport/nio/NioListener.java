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
    /** After a failed accept (out of file descriptors, say), accepting pauses this long, doubling. */
    private static final long FIRST_PAUSE_NANOS = java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(10);
    /** ... up to this long while accepts keep failing. */
    private static final long MAX_PAUSE_NANOS = java.util.concurrent.TimeUnit.SECONDS.toNanos(1);

    private final NioDriver driver;
    private final EventLoop loop;
    private final ServerSocketChannel server;
    private final TransportOptions options;
    private final Consumer<Wire> acceptor;
    private final InetSocketAddress local;
    /** The pause after the last failed accept, 0 after a good one (loop thread only). */
    private long pauseNanos;

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
                pauseAccepting(e);
                return;
            }
            if (channel == null) {
                return;
            }
            pauseNanos = 0;
            try {
                NioDriver.configure(channel, options);
                acceptor.accept(driver.wrap(driver.nextLoop(), channel, null));
            } catch (IOException | RuntimeException e) {
                NioDriver.closeQuietly(channel);
            }
        }
    }

    /**
     * A failed accept (typically: the process is out of file descriptors) would fail again at once,
     * and a ready listener would spin its loop and flood the log. Stop watching it, and watch again
     * after a pause that doubles while accepts keep failing (10 ms to 1 s): one log line per try.
     */
    private void pauseAccepting(IOException e) {
        pauseNanos = pauseNanos == 0 ? FIRST_PAUSE_NANOS : Math.min(2 * pauseNanos, MAX_PAUSE_NANOS);
        System.getLogger("dev.wirekit.transport.nio")
                .log(
                        System.Logger.Level.WARNING,
                        "accept on " + local + " failed: " + e + "; accepting again in "
                                + java.time.Duration.ofNanos(pauseNanos).toMillis() + " ms");
        java.nio.channels.SelectionKey key = server.keyFor(loop.selector);
        if (key == null || !key.isValid()) {
            return;
        }
        key.interestOps(0);
        java.util.concurrent.CompletableFuture.delayedExecutor(pauseNanos, java.util.concurrent.TimeUnit.NANOSECONDS)
                .execute(() -> {
                    try {
                        loop.execute(() -> {
                            if (key.isValid()) {
                                key.interestOps(java.nio.channels.SelectionKey.OP_ACCEPT);
                            }
                        });
                    } catch (java.util.concurrent.RejectedExecutionException closed) {
                        // the loop has stopped, and the listener with it
                    }
                });
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
