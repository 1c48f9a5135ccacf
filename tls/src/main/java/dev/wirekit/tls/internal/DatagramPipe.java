package dev.wirekit.tls.internal;

import dev.wirekit.api.layer.LayerSink;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.bouncycastle.tls.DatagramTransport;

/**
 * The datagram transport BouncyCastle's DTLS runs over: datagrams the engine receives are queued
 * here, datagrams DTLS sends go to the sink.
 *
 * <p>During the handshake a virtual thread blocks in {@link #receive} (BouncyCastle's DTLS handshake
 * is blocking; its retransmission timers are the receive timeouts). {@link #awaitIdle} lets the
 * engine wait until that thread has consumed what it was given, so each {@code receive} call of the
 * engine finishes its work before it returns, as the layer contract asks. After the handshake the
 * pipe is switched to non-blocking: an empty queue ends a read with {@link WouldBlock} instead of
 * waiting, and the engine decrypts each datagram synchronously.
 */
final class DatagramPipe implements DatagramTransport {
    /** Thrown instead of waiting when the pipe is non-blocking and empty. */
    static final class WouldBlock extends InterruptedIOException {
        WouldBlock() {
            super("no datagram queued");
        }

        @Override
        public synchronized Throwable fillInStackTrace() {
            return this;
        }
    }

    private static final int MAX_QUEUED = 64;
    /** Large enough for any DTLS record (2^14 plaintext plus header and expansion). */
    private static final int RECEIVE_LIMIT = (1 << 14) + 1024;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final ArrayDeque<byte[]> queue = new ArrayDeque<>();
    private final LayerSink sink;
    private final int mtu;
    private boolean waiting;
    private boolean finished;
    private boolean closed;
    private volatile boolean nonBlocking;

    DatagramPipe(LayerSink sink, int mtu) {
        this.sink = sink;
        this.mtu = mtu;
    }

    @Override
    public int getReceiveLimit() {
        return RECEIVE_LIMIT;
    }

    @Override
    public int getSendLimit() {
        return mtu;
    }

    @Override
    public int receive(byte[] buf, int off, int len, int waitMillis) throws IOException {
        lock.lock();
        try {
            long deadline =
                    waitMillis <= 0 ? Long.MAX_VALUE : System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(waitMillis);
            while (queue.isEmpty()) {
                if (nonBlocking) {
                    throw new WouldBlock();
                }
                if (closed) {
                    throw new IOException("the DTLS connection was closed");
                }
                waiting = true;
                changed.signalAll();
                try {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        throw new SocketTimeoutException("no datagram within " + waitMillis + " ms");
                    }
                    if (deadline == Long.MAX_VALUE) {
                        changed.await();
                    } else {
                        changed.awaitNanos(left);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("interrupted while waiting for a datagram");
                } finally {
                    waiting = false;
                }
            }
            byte[] datagram = queue.poll();
            int n = Math.min(len, datagram.length);
            System.arraycopy(datagram, 0, buf, off, n);
            return datagram.length; // longer than len: DTLS discards it as oversized
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void send(byte[] buf, int off, int len) {
        byte[] copy = new byte[len];
        System.arraycopy(buf, off, copy, 0, len);
        sink.toNetwork(ByteBuffer.wrap(copy));
    }

    /** Closes the pipe: a blocked handshake read fails; idempotent. */
    @Override
    public void close() {
        lock.lock();
        try {
            closed = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    boolean isClosed() {
        lock.lock();
        try {
            return closed;
        } finally {
            lock.unlock();
        }
    }

    /** Queues one datagram; drops it (as the network may) when the queue is full. */
    boolean offer(byte[] datagram) {
        lock.lock();
        try {
            if (closed || queue.size() >= MAX_QUEUED) {
                return false;
            }
            queue.add(datagram);
            changed.signalAll();
            return true;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits until the handshake thread has taken everything queued and waits for more, or has
     * finished; gives up after {@code timeoutNanos} (the thread is then still working). A closed
     * pipe is not idle: BouncyCastle closes it while failing (a fatal alert received), before its
     * handshake thread has ended and its outcome can be read, so then only the end counts.
     */
    void awaitIdle(long timeoutNanos) {
        long deadline = System.nanoTime() + timeoutNanos;
        lock.lock();
        try {
            while (!finished && (closed || !(waiting && queue.isEmpty()))) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return;
                }
                changed.awaitNanos(left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            lock.unlock();
        }
    }

    /** The handshake thread has ended. */
    void finished() {
        lock.lock();
        try {
            finished = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** After the handshake: reads never wait. */
    void nonBlocking() {
        nonBlocking = true;
    }
}
