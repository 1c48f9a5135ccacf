package dev.wirekit.internal;

import dev.wirekit.api.Service;
import dev.wirekit.api.Session;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The service behind a {@link dev.wirekit.api.ClientSession}: it keeps received messages for
 * {@link #take} in a bounded queue. While the queue is full, {@code onMessage} waits, which pauses
 * reading from the socket: the server cannot flood a client that reads slowly.
 */
final class Inbox<T> implements Service<T> {
    static final int CAPACITY = 1024;
    private static final Object END = new Object();

    private final LinkedBlockingQueue<Object> queue = new LinkedBlockingQueue<>();
    private final Semaphore room = new Semaphore(CAPACITY);
    private volatile Throwable failure;

    @Override
    public void onMessage(Session<T> session, T message) throws InterruptedException {
        while (!room.tryAcquire(50, TimeUnit.MILLISECONDS)) {
            if (!session.isOpen()) {
                return; // closed by its owner: nobody will read it
            }
        }
        queue.add(message);
    }

    @Override
    public void onClose(Session<T> session, Throwable cause) {
        failure = cause;
        queue.add(END);
    }

    /**
     * The next message, null at the end of the stream.
     *
     * @throws SocketTimeoutException when nothing arrives within {@code timeout} (zero: no limit)
     */
    @SuppressWarnings("unchecked")
    T take(Duration timeout) throws IOException {
        Object next;
        try {
            next = timeout.isZero() ? queue.take() : queue.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while receiving");
        }
        if (next == null) {
            throw new SocketTimeoutException("nothing received within " + timeout);
        }
        if (next == END) {
            queue.add(END); // every later call sees the end too
            Throwable cause = failure;
            if (cause != null) {
                throw cause instanceof IOException io
                        ? new IOException(io.getMessage(), io)
                        : new IOException("connection failed: " + CloseLog.reason(cause), cause);
            }
            return null;
        }
        room.release();
        return (T) next;
    }
}
