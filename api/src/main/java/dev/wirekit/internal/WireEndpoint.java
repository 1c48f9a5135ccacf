package dev.wirekit.internal;

import dev.wirekit.api.HandshakeTimeoutException;
import dev.wirekit.api.IdleTimeoutException;
import dev.wirekit.api.OutboundOverflowException;
import dev.wirekit.api.OverflowPolicy;
import dev.wirekit.api.SecurityInfo;
import dev.wirekit.api.SessionClosedException;
import dev.wirekit.api.TransportOptions;
import dev.wirekit.api.WriteTimeoutException;
import dev.wirekit.api.layer.LayerContext;
import dev.wirekit.spi.Wire;
import dev.wirekit.spi.WireReceiver;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * What every stream endpoint over a {@link Wire} shares, whether its inbound side is pushed to a
 * service ({@link StreamSession}) or pulled by a reader ({@link WireConnection}): the layer chain,
 * bounded output with its overflow policy, read pausing, timeouts, and the close sequence with its
 * one log line.
 */
abstract class WireEndpoint implements WireReceiver, LayerChain.Host {
    static final int OPENING = 0;
    static final int OPEN = 1;
    static final int CLOSING = 2;
    static final int CLOSED = 3;
    private static final long ROOM_POLL_NANOS = 5_000_000;

    final DefaultTransport transport;
    final Wire wire;
    final TransportOptions options;
    final Counters counters;
    final String id;
    final LayerChain chain;
    final AtomicInteger state = new AtomicInteger(OPENING);
    /** Sends hold the read side while they check the state and write; closing takes the write side. */
    final ReentrantReadWriteLock sendLock = new ReentrantReadWriteLock();

    private final ReentrantLock outLock = new ReentrantLock();
    private final Condition drained = outLock.newCondition();
    private final Object pauseLock = new Object();
    private final Runnable onFinished;
    private boolean inboundFull;
    private boolean outboundFull;
    private volatile boolean closeWhenDrained;
    private volatile Throwable closeCause;
    private volatile long lastActivity = System.nanoTime();
    private volatile ScheduledFuture<?> idleTask;
    private volatile ScheduledFuture<?> handshakeTask;
    private volatile ScheduledFuture<?> drainTask;

    WireEndpoint(
            DefaultTransport transport,
            Wire wire,
            TransportOptions options,
            Counters counters,
            LayerContext.Role role,
            Optional<String> serverName,
            Runnable onFinished) {
        this.transport = transport;
        this.wire = wire;
        this.options = options;
        this.counters = counters;
        this.onFinished = onFinished;
        this.id = transport.nextId();
        this.chain = options.layers().isEmpty()
                ? null
                : new LayerChain(
                        options.layers(),
                        new LayerChain.Facts(
                                role,
                                wire.localAddress(),
                                wire.remoteAddress(),
                                serverName,
                                false,
                                transport.virtualThreads(),
                                transport.timer()),
                        this);
    }

    // ---- subclass hooks -------------------------------------------------------------------

    /** The wire has closed; tell the service or wake the readers. Called once. */
    abstract void closed(Throwable cause);

    /** What a log line calls this endpoint. */
    String describe() {
        return id + " " + wire.remoteAddress();
    }

    // ---- state ----------------------------------------------------------------------------

    public boolean isOpen() {
        int s = state.get();
        return s == OPEN || s == OPENING;
    }

    public InetSocketAddress remoteAddress() {
        return wire.remoteAddress();
    }

    public InetSocketAddress localAddress() {
        return wire.localAddress();
    }

    public Optional<SecurityInfo> security() {
        return chain == null ? Optional.empty() : chain.security();
    }

    final void touch() {
        lastActivity = System.nanoTime();
    }

    final Throwable closeCause() {
        return closeCause;
    }

    final void recordCause(Throwable cause) {
        if (cause != null && closeCause == null) {
            closeCause = cause;
        }
    }

    final SessionClosedException closedException() {
        return new SessionClosedException(describe() + " is closed", closeCause);
    }

    // ---- timers ---------------------------------------------------------------------------

    final void armTimers() {
        Duration idle = options.idleTimeout();
        if (!idle.isZero()) {
            idleTask = transport.timer().schedule(this::checkIdle, idle.toNanos(), TimeUnit.NANOSECONDS);
        }
        if (chain != null) {
            Duration limit = options.handshakeTimeout();
            handshakeTask = transport
                    .timer()
                    .schedule(
                            () -> {
                                if (!chain.isEstablished() && isOpen()) {
                                    abort(new HandshakeTimeoutException("handshake not complete after " + limit));
                                }
                            },
                            limit.toNanos(),
                            TimeUnit.NANOSECONDS);
        }
    }

    final void handshakeDone() {
        cancel(handshakeTask);
    }

    private void checkIdle() {
        if (state.get() == CLOSED) {
            return;
        }
        long idle = options.idleTimeout().toNanos();
        long quiet = System.nanoTime() - lastActivity;
        if (quiet >= idle) {
            closeOrderly(new IdleTimeoutException("nothing read or written for " + options.idleTimeout()));
        } else {
            idleTask = transport.timer().schedule(this::checkIdle, idle - quiet, TimeUnit.NANOSECONDS);
        }
    }

    private static void cancel(ScheduledFuture<?> task) {
        if (task != null) {
            task.cancel(false);
        }
    }

    // ---- outbound -------------------------------------------------------------------------

    @Override
    public final void writeToWire(ByteBuffer bytes) {
        counters.bytesWritten.add(bytes.remaining());
        wire.write(bytes);
    }

    /** Writes framed plaintext: straight to the wire, or through the layers. */
    final void writeParts(ByteBuffer[] parts) throws IOException {
        writeParts(parts, false);
    }

    /**
     * Writes framed plaintext; {@code transientParts}: the parts are valid only during this call
     * (views of a read buffer), so the wire copies what it cannot write at once.
     */
    final void writeParts(ByteBuffer[] parts, boolean transientParts) throws IOException {
        touch();
        if (chain == null) {
            long n = 0;
            for (ByteBuffer p : parts) {
                n += p.remaining();
            }
            counters.bytesWritten.add(n);
            if (transientParts) {
                wire.writeTransient(parts);
            } else {
                wire.write(parts);
            }
        } else {
            chain.send(parts.length == 1 ? parts[0] : Buffers.concat(parts));
        }
    }

    final boolean hasRoom(long size) {
        if (roomFor(size)) {
            return true;
        }
        // Part of what looks queued may be replies the wire holds back from this thread, to write
        // them together when the read is handled: not a backlog. Write them out, then look again.
        wire.flushGathered();
        return roomFor(size);
    }

    private boolean roomFor(long size) {
        long queued = wire.queuedBytes();
        return queued == 0 || queued + size <= options.maxOutboundBytes();
    }

    /**
     * Applies the overflow policy for {@code size} more bytes: returns when they may be queued,
     * throws when they are refused.
     */
    final void reserve(long size, OverflowPolicy policy) {
        if (hasRoom(size)) {
            return;
        }
        String full = describe() + ": outbound queue full (" + wire.queuedBytes() + " bytes queued, limit "
                + options.maxOutboundBytes() + ")";
        switch (policy) {
            case FAIL -> throw new OutboundOverflowException(full);
            case CLOSE -> {
                OutboundOverflowException e =
                        new OutboundOverflowException(full + "; closed: the peer does not read fast enough");
                abort(e);
                throw e;
            }
            default -> {
                if (wire.inEventLoop()) {
                    // Never block a loop: stop reading this peer until what it owes us drains.
                    setOutboundFull(true);
                    return;
                }
                awaitRoom(size, full);
            }
        }
    }

    private void awaitRoom(long size, String full) {
        long timeout = options.writeTimeout().toNanos();
        long deadline = System.nanoTime() + timeout;
        outLock.lock();
        try {
            while (!hasRoom(size)) {
                if (state.get() == CLOSED) {
                    throw closedException();
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    WriteTimeoutException e = new WriteTimeoutException("the peer read nothing for "
                            + options.writeTimeout() + " while the outbound queue was full");
                    abort(e);
                    throw new OutboundOverflowException(full + "; closed after " + options.writeTimeout());
                }
                // Drivers signal only a fully drained queue: look again every few milliseconds so a
                // steadily reading peer frees the sender as soon as there is room, not at empty.
                drained.awaitNanos(Math.min(left, ROOM_POLL_NANOS));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OutboundOverflowException(full + "; interrupted while waiting for room");
        } finally {
            outLock.unlock();
        }
    }

    /** Waits until everything queued has been written, or the endpoint closed. */
    final void awaitDrained(Duration timeout) throws IOException {
        wire.flushGathered();
        if (wire.queuedBytes() > 0 && wire.inEventLoop()) {
            // Only this thread could write the queue out: waiting here would wait for ever.
            throw new IllegalStateException(describe() + ": flush() on the event loop would block it; the"
                    + " queued output is written as the socket takes it");
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        outLock.lock();
        try {
            while (wire.queuedBytes() > 0) {
                if (state.get() == CLOSED) {
                    throw new IOException(describe() + " closed before its output was written", closeCause);
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new WriteTimeoutException(describe() + ": output not written after " + timeout + " ("
                            + wire.queuedBytes() + " bytes left)");
                }
                drained.awaitNanos(left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while flushing " + describe());
        } finally {
            outLock.unlock();
        }
    }

    @Override
    public void onDrained() {
        touch();
        outLock.lock();
        try {
            drained.signalAll();
        } finally {
            outLock.unlock();
        }
        setOutboundFull(false);
        // A driver's "drained" can arrive late: its flusher emptied the queue, then a goodbye was
        // queued and closing began before the report came. Close only over an empty queue; the
        // flush of the goodbye reports again.
        if (closeWhenDrained && wire.queuedBytes() == 0) {
            wire.close();
        }
    }

    // ---- read pausing ---------------------------------------------------------------------

    /**
     * Bytes were added to what waits for processing; pauses reading above maxInboundBytes. The
     * decision is taken under the pause lock, re-reading {@code pending}, so it cannot race with
     * {@link #inboundShrank}.
     */
    final void inboundGrew(AtomicLong pending) {
        long max = options.maxInboundBytes();
        if (pending.get() > max) {
            synchronized (pauseLock) {
                if (!inboundFull && pending.get() > max) {
                    inboundFull = true;
                    wire.setReadPaused(true);
                }
            }
        }
    }

    /** Bytes waiting for processing were consumed; resumes reading once half the limit is free. */
    final void inboundShrank(AtomicLong pending) {
        long low = options.maxInboundBytes() / 2;
        if (pending.get() <= low) {
            synchronized (pauseLock) {
                if (inboundFull && pending.get() <= low) {
                    inboundFull = false;
                    wire.setReadPaused(outboundFull);
                }
            }
        }
    }

    private void setOutboundFull(boolean full) {
        synchronized (pauseLock) {
            if (outboundFull != full) {
                outboundFull = full;
                wire.setReadPaused(inboundFull || outboundFull);
            }
        }
    }

    // ---- closing --------------------------------------------------------------------------

    /**
     * Closes in order: stops accepting output, lets the layers say goodbye, writes what is queued
     * (for at most the drain timeout), then closes the wire.
     */
    /**
     * Closes after a service callback threw {@code t}. A {@link SessionClosedException} thrown
     * because the connection went away underneath (the peer reset it while the service was
     * answering) is not the service's fault: the wire reports the real cause when it closes, and
     * that is the one line logged, instead of a service error with a stack trace.
     */
    final void serviceFailed(Throwable t) {
        closeOrderly(t instanceof SessionClosedException && !wire.isOpen() ? null : t);
    }

    final void closeOrderly(Throwable cause) {
        int s;
        sendLock.writeLock().lock();
        try {
            s = state.get();
            if (s >= CLOSING || !state.compareAndSet(s, CLOSING)) {
                return;
            }
        } finally {
            sendLock.writeLock().unlock();
        }
        recordCause(cause);
        closing();
        if (s == OPENING) {
            wire.close();
            return;
        }
        if (chain != null) {
            try {
                chain.closeOutbound();
            } catch (IOException | RuntimeException e) {
                // the peer may already be gone; closing goes on
            }
        }
        closeWhenDrained = true;
        if (wire.queuedBytes() == 0) {
            wire.close();
        } else {
            Duration drain = options.drainTimeout();
            drainTask = transport
                    .timer()
                    .schedule(
                            () -> abort(new WriteTimeoutException(
                                    "queued output not written within the drain timeout of " + drain)),
                            drain.toNanos(),
                            TimeUnit.NANOSECONDS);
        }
    }

    /**
     * Closes because a layer failed: nothing more is accepted or sent through the layers, but what
     * they already produced (a TLS alert telling the peer why) is written first, for at most the
     * drain timeout. Unlike {@link #closeOrderly}, the layers are not asked to say goodbye again.
     */
    final void closeAfterFlush(Throwable cause) {
        sendLock.writeLock().lock();
        try {
            int s = state.get();
            if (s >= CLOSING || !state.compareAndSet(s, CLOSING)) {
                return;
            }
        } finally {
            sendLock.writeLock().unlock();
        }
        recordCause(cause);
        closing();
        closeWhenDrained = true;
        if (wire.queuedBytes() == 0) {
            wire.close();
        } else {
            Duration drain = options.drainTimeout();
            drainTask = transport
                    .timer()
                    .schedule(
                            () -> abort(new WriteTimeoutException(
                                    "queued output not written within the drain timeout of " + drain)),
                            drain.toNanos(),
                            TimeUnit.NANOSECONDS);
        }
    }

    /** Closes at once, discarding queued output (a reset for TCP). */
    final void abort(Throwable cause) {
        recordCause(cause);
        int s = state.getAndSet(CLOSED);
        if (s < CLOSING) {
            closing();
        }
        wire.abort();
    }

    /** Called once when closing starts, before any output is flushed; may be overridden. */
    void closing() {}

    @Override
    public final void onClosed(Throwable cause) {
        state.set(CLOSED);
        recordCause(cause);
        cancel(idleTask);
        cancel(handshakeTask);
        cancel(drainTask);
        outLock.lock();
        try {
            drained.signalAll();
        } finally {
            outLock.unlock();
        }
        if (chain != null) {
            chain.dispose();
        }
        Throwable why = closeCause;
        if (why != null) {
            counters.errors.increment();
            CloseLog.log(describe(), why);
        }
        try {
            closed(why);
        } finally {
            onFinished.run();
        }
    }

    // ---- layer host -----------------------------------------------------------------------

    @Override
    public void failed(Throwable cause) {
        closeAfterFlush(cause);
    }
}
