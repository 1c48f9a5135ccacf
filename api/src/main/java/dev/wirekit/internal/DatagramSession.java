package dev.wirekit.internal;

import dev.wirekit.api.AttributeKey;
import dev.wirekit.api.HandshakeTimeoutException;
import dev.wirekit.api.OutboundOverflowException;
import dev.wirekit.api.SecurityInfo;
import dev.wirekit.api.Service;
import dev.wirekit.api.Session;
import dev.wirekit.api.SessionClosedException;
import dev.wirekit.api.TransportOptions;
import dev.wirekit.api.framing.Framer;
import dev.wirekit.api.framing.FramingException;
import dev.wirekit.api.layer.LayerContext;
import dev.wirekit.spi.DatagramWire;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One datagram peer seen as a session: each datagram is one message. Shares its socket with the
 * other peers of a server (or owns it, for a client). With a DTLS layer the session is that peer's
 * DTLS connection.
 */
final class DatagramSession<T> implements Session<T>, LayerChain.Host {
    /** Where a session belongs: a server's peer table, or a client. */
    interface Owner {
        DefaultTransport transport();

        DatagramWire wire();

        TransportOptions options();

        Counters counters();

        void finished(DatagramSession<?> session);
    }

    private final Owner owner;
    private final InetSocketAddress peer;
    private final Framer<T> framer;
    private final Service<T> service;
    private final Executor executor;
    private final boolean inline;
    private final LayerChain chain;
    /** The id's number; its text is made only when asked for (logs), not for every datagram. */
    private final long serial;

    private volatile String id;
    private final ConcurrentHashMap<AttributeKey<?>, Object> attributes = new ConcurrentHashMap<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicInteger pending = new AtomicInteger();
    private final CompletableFuture<Void> opened = new CompletableFuture<>();
    private volatile long lastActivity = System.nanoTime();
    private volatile ScheduledFuture<?> idleTask;
    private volatile Throwable closeCause;
    private volatile boolean outputShut;
    private boolean serviceOpened;
    private boolean pendingOpen;

    DatagramSession(
            Owner owner,
            InetSocketAddress peer,
            Framer<T> framer,
            Service<T> service,
            LayerContext.Role role,
            Optional<String> serverName) {
        this.owner = owner;
        this.peer = peer;
        this.framer = framer;
        this.service = service;
        DefaultTransport transport = owner.transport();
        this.serial = transport.nextSerial();
        this.chain = owner.options().layers().isEmpty()
                ? null
                : new LayerChain(
                        owner.options().layers(),
                        new LayerChain.Facts(
                                role,
                                owner.wire().localAddress(),
                                peer,
                                serverName,
                                true,
                                transport.virtualThreads(),
                                transport.timer()),
                        this);
        // The socket's delivery thread serves every peer, on any transport: only a non-blocking
        // service without layers may run on it.
        this.inline = chain == null && service.isNonBlocking();
        this.executor = inline ? Runnable::run : new SerialExecutor(transport.virtualThreads());
    }

    CompletableFuture<Void> opened() {
        return opened;
    }

    /** Starts the session: the service's onOpen, or the layers' handshake. */
    void start(Duration keepAlive) {
        if (!keepAlive.isZero()) {
            idleTask = owner.transport()
                    .timer()
                    .schedule(() -> checkIdle(keepAlive.toNanos()), keepAlive.toNanos(), TimeUnit.NANOSECONDS);
        }
        if (chain == null) {
            executor.execute(this::open);
            return;
        }
        Duration limit = owner.options().handshakeTimeout();
        owner.transport()
                .timer()
                .schedule(
                        () -> {
                            if (!chain.isEstablished()) {
                                fail(new HandshakeTimeoutException("DTLS handshake not complete after " + limit));
                            }
                        },
                        limit.toNanos(),
                        TimeUnit.NANOSECONDS);
        executor.execute(() -> {
            try {
                chain.start();
            } catch (IOException | RuntimeException e) {
                fail(e);
            }
        });
    }

    private void checkIdle(long limit) {
        if (closed.get()) {
            return;
        }
        long quiet = System.nanoTime() - lastActivity;
        if (quiet >= limit) {
            close();
        } else {
            idleTask = owner.transport().timer().schedule(() -> checkIdle(limit), limit - quiet, TimeUnit.NANOSECONDS);
        }
    }

    /** Closes once everything queued for the service so far has run: the end of a one-datagram session. */
    void closeWhenIdle() {
        executor.execute(this::close);
    }

    /** One datagram from the peer; called on the socket's delivery thread. */
    void onDatagram(ByteBuffer payload) {
        lastActivity = System.nanoTime();
        if (inline) {
            process(payload);
            return;
        }
        int n = payload.remaining();
        if (pending.addAndGet(n) > owner.options().maxInboundBytes()) {
            pending.addAndGet(-n);
            DatagramLog.dropped(
                    peer,
                    "its session has " + owner.options().maxInboundBytes() + " bytes waiting for the service already");
            return;
        }
        ByteBuffer copy = Buffers.copy(payload);
        executor.execute(() -> {
            try {
                process(copy);
            } finally {
                pending.addAndGet(-n);
            }
        });
    }

    private void process(ByteBuffer payload) {
        if (closed.get()) {
            return;
        }
        if (chain == null) {
            deliver(payload);
            return;
        }
        try {
            chain.receive(payload);
        } catch (IOException | RuntimeException e) {
            fail(e);
        }
        if (pendingOpen && !serviceOpened) {
            open();
        }
    }

    private void deliver(ByteBuffer datagram) {
        T message;
        try {
            message = framer.decodeDatagram(datagram);
        } catch (FramingException e) {
            boolean keep;
            try {
                keep = service.onFramingError(this, e) && e.isRecoverable();
            } catch (Throwable t) {
                fail(t);
                return;
            }
            if (!keep) {
                fail(e);
            }
            return;
        }
        owner.counters().messagesReceived.increment();
        try {
            service.onMessage(this, message);
        } catch (Throwable t) {
            fail(t);
        }
    }

    private void open() {
        if (serviceOpened) {
            return;
        }
        serviceOpened = true;
        try {
            service.onOpen(this);
        } catch (Throwable t) {
            fail(t);
        }
        opened.complete(null);
    }

    private void fail(Throwable cause) {
        if (closeCause == null) {
            closeCause = cause;
        }
        if (!closed.get()) {
            owner.counters().errors.increment();
            CloseLog.log(describe(), cause);
        }
        close();
    }

    private String describe() {
        return id() + " " + peer;
    }

    // ---- layer host -----------------------------------------------------------------------

    @Override
    public void writeToWire(ByteBuffer bytes) {
        owner.counters().bytesWritten.add(bytes.remaining());
        if (!owner.wire().send(bytes, peer)) {
            DatagramLog.dropped(peer, "the socket's send queue is full");
        }
    }

    @Override
    public void plaintext(ByteBuffer bytes) {
        if (pendingOpen && !serviceOpened) {
            open();
        }
        deliver(bytes);
    }

    @Override
    public void established() {
        pendingOpen = true;
        executor.execute(() -> {
            if (!serviceOpened && !closed.get()) {
                open();
            }
        });
    }

    @Override
    public void endOfInput() {
        close();
    }

    @Override
    public void failed(Throwable cause) {
        fail(cause);
    }

    // ---- session --------------------------------------------------------------------------

    @Override
    public String id() {
        String text = id;
        if (text == null) {
            text = owner.transport().idOf(serial);
            id = text;
        }
        return text;
    }

    @Override
    public InetSocketAddress remoteAddress() {
        return peer;
    }

    @Override
    public InetSocketAddress localAddress() {
        return owner.wire().localAddress();
    }

    @Override
    public Optional<SecurityInfo> security() {
        return chain == null ? Optional.empty() : chain.security();
    }

    @Override
    public boolean isOpen() {
        return !closed.get();
    }

    @Override
    public void send(T message) {
        if (!trySend(message)) {
            throw new OutboundOverflowException(describe() + ": the socket's send queue is full");
        }
    }

    @Override
    public boolean trySend(T message) {
        if (closed.get() || outputShut) {
            throw new SessionClosedException(describe() + " is closed", closeCause);
        }
        ByteBuffer datagram = framer.encodeDatagram(message);
        lastActivity = System.nanoTime();
        owner.counters().messagesSent.increment();
        if (chain == null) {
            owner.counters().bytesWritten.add(datagram.remaining());
            return owner.wire().send(datagram, peer);
        }
        try {
            chain.send(datagram);
            return true;
        } catch (IOException e) {
            fail(e);
            throw new SessionClosedException(describe() + " failed to encrypt", e);
        }
    }

    @Override
    public void sendFile(FileChannel file, long position, long count) {
        throw new UnsupportedOperationException("a datagram session cannot send a file as one message");
    }

    @Override
    public void flush() {
        // datagrams are handed to the socket as they are sent
    }

    @Override
    public void shutdownOutput() {
        outputShut = true;
    }

    @Override
    public void close(T lastMessage) {
        try {
            send(lastMessage);
        } catch (RuntimeException ignored) {
            // closing anyway
        }
        close();
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        ScheduledFuture<?> idle = idleTask;
        if (idle != null) {
            idle.cancel(false);
        }
        if (chain != null) {
            try {
                chain.closeOutbound();
            } catch (IOException | RuntimeException ignored) {
                // the peer may be gone
            }
        }
        executor.execute(() -> {
            if (chain != null) {
                chain.dispose();
            }
            try {
                if (serviceOpened) {
                    service.onClose(this, closeCause);
                }
            } catch (Throwable t) {
                CloseLog.LOG.log(System.Logger.Level.ERROR, "onClose of " + describe() + " failed", t);
            } finally {
                if (!opened.isDone()) { // usually done: only a session closed before it opened needs the exception
                    opened.completeExceptionally(
                            closeCause != null ? closeCause : new IOException(describe() + " closed"));
                }
                owner.finished(this);
            }
        });
    }

    @Override
    public void abort() {
        close();
    }

    @Override
    public <A> A attribute(AttributeKey<A> key) {
        return key.valueOf(attributes.get(key));
    }

    @Override
    public <A> A attribute(AttributeKey<A> key, A value) {
        Object previous = value == null ? attributes.remove(key) : attributes.put(key, value);
        return key.valueOf(previous);
    }

    @Override
    public String toString() {
        return "Session[" + describe() + "]";
    }
}
