package dev.wirekit.testkit;

import dev.wirekit.api.layer.Layer;
import dev.wirekit.api.layer.LayerContext;
import dev.wirekit.api.layer.LayerEngine;
import dev.wirekit.api.layer.LayerSink;
import dev.wirekit.testkit.property.Chunking;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * A client engine and a server engine of one layer, connected in memory: the layer rules drive
 * them the way the connection machinery would (one call at a time, on one thread), with the bytes
 * between them cut into pieces by a {@link Chunking}.
 */
final class LayerPair implements AutoCloseable {
    final Side client;
    final Side server;
    private final Semaphore activity = new Semaphore(0);
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("wirekit-testkit-layer-timer").factory());
    private final ExecutorService blocking = Executors.newVirtualThreadPerTaskExecutor();

    LayerPair(Layer serverLayer, Layer clientLayer, Optional<String> serverName) {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        InetSocketAddress serverAddress = new InetSocketAddress(loopback, 4433);
        InetSocketAddress clientAddress = new InetSocketAddress(loopback, 50_000);
        server = new Side(serverLayer, LayerContext.Role.SERVER, Optional.empty(), serverAddress, clientAddress);
        client = new Side(clientLayer, LayerContext.Role.CLIENT, serverName, clientAddress, serverAddress);
    }

    /** Starts both engines (server first, as an accepted connection is ready before the client speaks). */
    void start() {
        server.call(server.engine::start);
        client.call(client.engine::start);
    }

    /**
     * Moves bytes both ways, each direction's pending bytes cut by {@code chunking}, until
     * {@code done} holds; fails naming {@code what} if it does not within {@code timeout}.
     */
    void pump(String what, Chunking chunking, SplittableRandom random, BooleanSupplier done, Duration timeout) {
        pump(what, chunking, random, done, timeout, null);
    }

    /**
     * As {@link #pump(String, Chunking, SplittableRandom, BooleanSupplier, Duration)}, but returns
     * (leaving the verdict to the caller's assertions) once no byte has moved and no engine has
     * reported anything for {@code quiet}: application bytes come out only of {@code receive}, so
     * with nothing in flight nothing more can arrive.
     */
    void pump(
            String what,
            Chunking chunking,
            SplittableRandom random,
            BooleanSupplier done,
            Duration timeout,
            Duration quiet) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!done.getAsBoolean()) {
            boolean moved = deliver(client, server, chunking, random) | deliver(server, client, chunking, random);
            if (!moved) {
                if (System.nanoTime() - deadline > 0) {
                    throw new AssertionError("timed out after " + timeout + " waiting for " + what + " (client: "
                            + client + ", server: " + server + ")");
                }
                try {
                    // an engine working on another thread reports through the sink, which signals
                    long wait = quiet == null ? 10 : quiet.toMillis();
                    if (!activity.tryAcquire(wait, TimeUnit.MILLISECONDS) && quiet != null) {
                        return;
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError("interrupted waiting for " + what, e);
                }
            }
        }
    }

    /** Delivers what {@code from} sent so far to {@code to}; false when there was nothing. */
    private static boolean deliver(Side from, Side to, Chunking chunking, SplittableRandom random) {
        ByteArrayOutputStream pending = new ByteArrayOutputStream();
        ByteBuffer b;
        while ((b = from.network.poll()) != null) {
            byte[] bytes = new byte[b.remaining()];
            b.get(bytes);
            pending.writeBytes(bytes);
        }
        if (pending.size() == 0) {
            return false;
        }
        for (ByteBuffer piece : chunking.split(pending.toByteArray(), random)) {
            if (to.failure.isDone()) {
                break; // the connection machinery stops reading a failed engine
            }
            to.call(() -> to.engine.receive(piece));
            if (piece.hasRemaining() && !to.failure.isDone()) {
                to.fail(new AssertionError("receive() returned with " + piece.remaining()
                        + " bytes unconsumed (LayerEngine.receive must consume all it is given)"));
            }
        }
        return true;
    }

    @Override
    public void close() {
        client.engine.dispose();
        server.engine.dispose();
        timer.shutdownNow();
        blocking.shutdownNow();
    }

    /** One engine with the context and sink the machinery would give it, recording what it does. */
    final class Side implements LayerContext, LayerSink {
        final ConcurrentLinkedQueue<ByteBuffer> network = new ConcurrentLinkedQueue<>();
        final ByteArrayOutputStream application = new ByteArrayOutputStream();
        final CompletableFuture<Void> established = new CompletableFuture<>();
        final CompletableFuture<Throwable> failure = new CompletableFuture<>();
        volatile boolean endOfInput;
        /** Set when application bytes came out before {@link #established()}. */
        volatile String earlyApplicationBytes;

        final LayerEngine engine;
        private final Role role;
        private final Optional<String> serverName;
        private final InetSocketAddress local;
        private final InetSocketAddress remote;

        Side(Layer layer, Role role, Optional<String> serverName, InetSocketAddress local, InetSocketAddress remote) {
            this.role = role;
            this.serverName = serverName;
            this.local = local;
            this.remote = remote;
            this.engine = layer.open(this);
        }

        interface Call {
            void run() throws IOException;
        }

        /** Runs an engine call; an exception fails this side as the machinery would (closing it). */
        void call(Call call) {
            try {
                call.run();
            } catch (IOException | RuntimeException e) {
                fail(e);
            }
        }

        void send(byte[] plaintext) {
            call(() -> engine.send(ByteBuffer.wrap(plaintext.clone())));
        }

        void closeOutbound() {
            call(engine::closeOutbound);
        }

        boolean isEstablished() {
            return established.isDone();
        }

        boolean hasFailed() {
            return failure.isDone();
        }

        private void fail(Throwable cause) {
            failure.complete(cause);
            activity.release();
        }

        @Override
        public String toString() {
            return role + (isEstablished() ? " established" : " not established")
                    + (hasFailed() ? ", failed: " + failure.join() : "") + ", " + application.size()
                    + " application bytes" + (endOfInput ? ", end of input" : "");
        }

        // ---- LayerContext ----

        @Override
        public Role role() {
            return role;
        }

        @Override
        public InetSocketAddress remoteAddress() {
            return remote;
        }

        @Override
        public InetSocketAddress localAddress() {
            return local;
        }

        @Override
        public Optional<String> serverName() {
            return serverName;
        }

        @Override
        public boolean datagram() {
            return false;
        }

        @Override
        public LayerSink sink() {
            return this;
        }

        @Override
        public java.util.concurrent.Executor blockingExecutor() {
            return blocking;
        }

        @Override
        public ScheduledExecutorService timer() {
            return timer;
        }

        // ---- LayerSink ----

        @Override
        public void toNetwork(ByteBuffer bytes) {
            network.add(bytes);
            activity.release();
        }

        @Override
        public void toApplication(ByteBuffer bytes) {
            if (!isEstablished() && earlyApplicationBytes == null) {
                earlyApplicationBytes = bytes.remaining() + " bytes";
            }
            byte[] copy = new byte[bytes.remaining()];
            bytes.get(copy);
            application.writeBytes(copy);
        }

        @Override
        public void established() {
            established.complete(null);
            activity.release();
        }

        @Override
        public void endOfInput() {
            endOfInput = true;
        }

        @Override
        public void failed(Throwable cause) {
            fail(cause);
        }
    }
}
