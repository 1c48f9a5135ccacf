package dev.wirekit.testkit.doubles;

import dev.wirekit.spi.Wire;
import dev.wirekit.spi.WireReceiver;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.ArrayDeque;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One end of an in-memory connection. What it writes goes into its peer's inbox; the peer's
 * delivery thread (a virtual thread) hands it to the peer's receiver. Bytes count as queued on the
 * writing side until the peer's receiver has taken them, so a peer that stops reading fills the
 * writer's queue exactly as a slow TCP peer would.
 */
final class PipeWire implements Wire {
    private static final Object END = new Object();

    private final PipeDriver driver;
    private final InetSocketAddress local;
    private final InetSocketAddress remote;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final ArrayDeque<Object> inbox = new ArrayDeque<>();
    private final AtomicLong queued = new AtomicLong();
    private final AtomicBoolean closed = new AtomicBoolean();
    private PipeWire peer;
    private WireReceiver receiver;
    private boolean paused;
    private boolean outputShut;
    private Throwable failure;

    PipeWire(PipeDriver driver, InetSocketAddress local, InetSocketAddress remote) {
        this.driver = driver;
        this.local = local;
        this.remote = remote;
    }

    void connectTo(PipeWire other) {
        this.peer = other;
    }

    @Override
    public void start(WireReceiver receiver) {
        this.receiver = receiver;
        driver.start(this::deliver);
    }

    /** The delivery thread: takes what the peer wrote, in order, and hands it over. */
    private void deliver() {
        receiver.onActive();
        while (true) {
            Object next;
            lock.lock();
            try {
                while (!closed.get() && (inbox.isEmpty() || paused)) {
                    changed.awaitUninterruptibly();
                }
                if (closed.get()) {
                    break;
                }
                next = inbox.poll();
            } finally {
                lock.unlock();
            }
            if (next == END) {
                receiver.onEndOfStream();
                continue;
            }
            ByteBuffer data = (ByteBuffer) next;
            int n = data.remaining();
            try {
                receiver.onData(data);
            } finally {
                peer.consumed(n);
            }
        }
        driver.forget(this);
        receiver.onClosed(failure);
    }

    /** The peer's receiver took {@code n} of this side's bytes. */
    private void consumed(long n) {
        if (queued.addAndGet(-n) == 0 && receiver != null && !closed.get()) {
            receiver.onDrained();
        }
    }

    /** Queues {@code item} for this end's receiver; false when this end is closed (the item is dropped). */
    private boolean offer(Object item) {
        lock.lock();
        try {
            if (closed.get()) {
                return false;
            }
            inbox.add(item);
            changed.signalAll();
            return true;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void write(ByteBuffer... buffers) {
        if (closed.get() || outputShut) {
            return;
        }
        ByteBuffer copy = Wire.copyOf(buffers);
        int n = copy.remaining();
        queued.addAndGet(n);
        if (!peer.offer(copy)) {
            // The peer has closed: the bytes are gone, as a kernel discards them after a reset. They
            // must not stay queued, or a close that drains its output would wait for them in vain.
            consumed(n);
        }
    }

    @Override
    public void writeFile(FileChannel file, long position, long count) {
        try {
            for (long done = 0; done < count; ) {
                ByteBuffer chunk = ByteBuffer.allocate((int) Math.min(64 * 1024, count - done));
                int n = file.read(chunk, position + done);
                if (n < 0) {
                    throw new IOException("file ended " + (count - done) + " bytes early");
                }
                done += n;
                write(chunk.flip());
            }
        } catch (IOException e) {
            fail(e);
        }
    }

    @Override
    public long queuedBytes() {
        return queued.get();
    }

    @Override
    public void setReadPaused(boolean value) {
        lock.lock();
        try {
            paused = value;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void shutdownOutput() {
        if (!outputShut) {
            outputShut = true;
            peer.offer(END);
        }
    }

    @Override
    public void close() {
        if (shut()) {
            peer.offer(END); // the peer reads the end of the stream, as after a FIN
        }
    }

    @Override
    public void abort() {
        if (shut()) {
            peer.fail(new SocketException("Connection reset by peer (pipe)"));
        }
    }

    private void fail(Throwable cause) {
        lock.lock();
        try {
            if (failure == null) {
                failure = cause;
            }
        } finally {
            lock.unlock();
        }
        shut();
    }

    /** Marks this end closed and wakes its delivery thread, which reports the close. */
    private boolean shut() {
        if (!closed.compareAndSet(false, true)) {
            return false;
        }
        long dropped = 0;
        lock.lock();
        try {
            for (Object item : inbox) {
                if (item instanceof ByteBuffer data) {
                    dropped += data.remaining();
                }
            }
            inbox.clear();
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        if (dropped > 0) {
            peer.consumed(dropped); // unread bytes are gone: the writer must not wait for them to drain
        }
        return true;
    }

    @Override
    public boolean isOpen() {
        return !closed.get();
    }

    @Override
    public boolean inEventLoop() {
        return false;
    }

    @Override
    public InetSocketAddress localAddress() {
        return local;
    }

    @Override
    public InetSocketAddress remoteAddress() {
        return remote;
    }

    @Override
    public String toString() {
        return "PipeWire[" + local + " -> " + remote + "]";
    }
}
