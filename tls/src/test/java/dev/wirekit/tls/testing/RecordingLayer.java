package dev.wirekit.tls.testing;

import dev.wirekit.api.SecurityInfo;
import dev.wirekit.api.layer.Layer;
import dev.wirekit.api.layer.LayerContext;
import dev.wirekit.api.layer.LayerEngine;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** Wraps a layer and records every exception its engines throw, so a test can inspect the typed failure. */
public final class RecordingLayer implements Layer {
    private final Layer delegate;
    public final LinkedBlockingQueue<Throwable> failures = new LinkedBlockingQueue<>();

    public RecordingLayer(Layer delegate) {
        this.delegate = delegate;
    }

    /** The next failure, waiting up to {@code timeout}; fails the test when there is none. */
    public Throwable nextFailure(Duration timeout) throws InterruptedException {
        Throwable t = failures.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (t == null) {
            throw new AssertionError("the layer reported no failure within " + timeout);
        }
        return t;
    }

    @Override
    public String name() {
        return delegate.name();
    }

    @Override
    public boolean forDatagrams() {
        return delegate.forDatagrams();
    }

    @Override
    public LayerEngine open(LayerContext context) {
        LayerEngine engine = delegate.open(context);
        return new LayerEngine() {
            @Override
            public void start() throws IOException {
                try {
                    engine.start();
                } catch (IOException | RuntimeException e) {
                    failures.add(e);
                    throw e;
                }
            }

            @Override
            public void receive(ByteBuffer fromNetwork) throws IOException {
                try {
                    engine.receive(fromNetwork);
                } catch (IOException | RuntimeException e) {
                    failures.add(e);
                    throw e;
                }
            }

            @Override
            public void send(ByteBuffer plaintext) throws IOException {
                engine.send(plaintext);
            }

            @Override
            public void closeOutbound() throws IOException {
                engine.closeOutbound();
            }

            @Override
            public Optional<SecurityInfo> security() {
                return engine.security();
            }

            @Override
            public void dispose() {
                engine.dispose();
            }
        };
    }
}
