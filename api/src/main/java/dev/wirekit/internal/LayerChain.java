package dev.wirekit.internal;

import dev.wirekit.api.SecurityInfo;
import dev.wirekit.api.layer.Layer;
import dev.wirekit.api.layer.LayerContext;
import dev.wirekit.api.layer.LayerEngine;
import dev.wirekit.api.layer.LayerSink;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A connection's layer engines stacked into one: the first nearest the socket. All calls into the
 * engines happen under one lock, so an engine is never entered concurrently, whether by the reading
 * thread, a sending thread, or the engine's own asynchronous work.
 */
final class LayerChain {

    /** What the chain's ends are attached to. */
    interface Host {
        /** Bytes for the socket; any thread. */
        void writeToWire(ByteBuffer bytes);

        /** Plaintext for the application; only during {@link #receive}, on its thread. */
        void plaintext(ByteBuffer bytes);

        /** Every engine has completed its handshake; any thread. */
        void established();

        /** The top engine ended its input in order; during {@link #receive}. */
        void endOfInput();

        /** An engine failed; any thread. */
        void failed(Throwable cause);
    }

    /** The connection facts every engine's context shares. */
    record Facts(
            LayerContext.Role role,
            InetSocketAddress local,
            InetSocketAddress remote,
            Optional<String> serverName,
            boolean datagram,
            Executor blockingExecutor,
            ScheduledExecutorService timer) {}

    private final ReentrantLock lock = new ReentrantLock();
    private final List<LayerEngine> engines = new ArrayList<>();
    private final Host host;
    private volatile boolean established;

    LayerChain(List<Layer> layers, Facts facts, Host host) {
        this.host = host;
        for (int i = 0; i < layers.size(); i++) {
            Layer layer = layers.get(i);
            if (layer.forDatagrams() != facts.datagram()) {
                throw new IllegalArgumentException("layer '" + layer.name() + "' is for "
                        + (layer.forDatagrams() ? "datagrams" : "streams") + " and cannot run on a "
                        + (facts.datagram() ? "datagram" : "stream") + " connection");
            }
            engines.add(layer.open(new Context(i, facts)));
        }
    }

    boolean isEstablished() {
        return established;
    }

    void start() throws IOException {
        lock.lock();
        try {
            engines.get(0).start();
        } finally {
            lock.unlock();
        }
    }

    void receive(ByteBuffer fromNetwork) throws IOException {
        lock.lock();
        try {
            engines.get(0).receive(fromNetwork);
        } finally {
            lock.unlock();
        }
    }

    void send(ByteBuffer plaintext) throws IOException {
        lock.lock();
        try {
            engines.get(engines.size() - 1).send(plaintext);
        } finally {
            lock.unlock();
        }
    }

    void closeOutbound() throws IOException {
        lock.lock();
        try {
            for (int i = engines.size() - 1; i >= 0; i--) {
                engines.get(i).closeOutbound();
            }
        } finally {
            lock.unlock();
        }
    }

    Optional<SecurityInfo> security() {
        for (int i = engines.size() - 1; i >= 0; i--) {
            Optional<SecurityInfo> info = engines.get(i).security();
            if (info.isPresent()) {
                return info;
            }
        }
        return Optional.empty();
    }

    void dispose() {
        for (LayerEngine engine : engines) {
            try {
                engine.dispose();
            } catch (RuntimeException ignored) {
                // dispose never throws by contract; a broken engine must not stop the others
            }
        }
    }

    private final class Context implements LayerContext, LayerSink {
        private final int index;
        private final Facts facts;

        Context(int index, Facts facts) {
            this.index = index;
            this.facts = facts;
        }

        @Override
        public Role role() {
            return facts.role();
        }

        @Override
        public InetSocketAddress remoteAddress() {
            return facts.remote();
        }

        @Override
        public InetSocketAddress localAddress() {
            return facts.local();
        }

        @Override
        public Optional<String> serverName() {
            return facts.serverName();
        }

        @Override
        public boolean datagram() {
            return facts.datagram();
        }

        @Override
        public LayerSink sink() {
            return this;
        }

        @Override
        public Executor blockingExecutor() {
            return facts.blockingExecutor();
        }

        @Override
        public ScheduledExecutorService timer() {
            return facts.timer();
        }

        @Override
        public void toNetwork(ByteBuffer bytes) {
            if (index == 0) {
                host.writeToWire(bytes);
                return;
            }
            lock.lock();
            try {
                engines.get(index - 1).send(bytes);
            } catch (IOException e) {
                host.failed(e);
            } finally {
                lock.unlock();
            }
        }

        @Override
        public void toApplication(ByteBuffer bytes) {
            if (index == engines.size() - 1) {
                host.plaintext(bytes);
                return;
            }
            try {
                engines.get(index + 1).receive(bytes);
            } catch (IOException e) {
                host.failed(e);
            }
        }

        @Override
        public void established() {
            if (index == engines.size() - 1) {
                established = true;
                host.established();
                return;
            }
            lock.lock();
            try {
                engines.get(index + 1).start();
            } catch (IOException e) {
                host.failed(e);
            } finally {
                lock.unlock();
            }
        }

        @Override
        public void endOfInput() {
            host.endOfInput();
        }

        @Override
        public void failed(Throwable cause) {
            host.failed(cause);
        }
    }
}
