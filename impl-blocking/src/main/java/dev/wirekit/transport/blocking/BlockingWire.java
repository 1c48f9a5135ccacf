package dev.wirekit.transport.blocking;

import dev.wirekit.spi.Wire;
import dev.wirekit.spi.WireReceiver;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One socket with two virtual threads: the reader delivers every receiver callback (and so runs the
 * service, which may block); the writer drains the outbound queue, coalescing small buffers into
 * one system call.
 */
final class BlockingWire implements Wire, AutoCloseable {
    private static final Object SHUTDOWN_OUTPUT = new Object();
    private static final int MIN_READ = 2048;
    private static final int MAX_READ = 64 * 1024;
    private static final int STAGING = 64 * 1024;
    /** Heap buffers at least this large are written from their own array instead of being staged. */
    private static final int WRITE_IN_PLACE = 8 * 1024;

    private record FileRegion(FileChannel file, long position, long count) {}

    private final BlockingDriver driver;
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final InetSocketAddress local;
    private final InetSocketAddress remote;
    private final ConcurrentLinkedQueue<Object> queue = new ConcurrentLinkedQueue<>();
    private final AtomicLong queued = new AtomicLong();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition writable = lock.newCondition();
    private final Condition resumed = lock.newCondition();
    private final CountDownLatch closedLatch = new CountDownLatch(1);
    /** Held while bytes go to the socket, by the writer thread or a direct write: keeps them in order. */
    private final ReentrantLock writing = new ReentrantLock();

    private final byte[] staging = new byte[STAGING];
    private volatile Thread reader;
    private final long writeTimeoutNanos;
    /** When the direct write in progress started (System.nanoTime), or 0: watched by the driver. */
    private volatile long directWriteSince;

    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile boolean paused;
    private volatile Throwable failure;
    private WireReceiver receiver;

    BlockingWire(BlockingDriver driver, Socket socket, java.time.Duration writeTimeout) throws IOException {
        this.driver = driver;
        this.writeTimeoutNanos = writeTimeout.toNanos();
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
        this.local = (InetSocketAddress) socket.getLocalSocketAddress();
        this.remote = (InetSocketAddress) socket.getRemoteSocketAddress();
    }

    @Override
    public void start(WireReceiver receiver) {
        this.receiver = receiver;
        driver.start(this::readLoop);
        driver.start(this::writeLoop);
    }

    // ---- reading --------------------------------------------------------------------------

    private void readLoop() {
        reader = Thread.currentThread();
        boolean virtual = reader.isVirtual();
        Throwable cause = null;
        try {
            receiver.onActive();
            byte[] buffer = new byte[MIN_READ * 2];
            while (!closed.get()) {
                awaitResume();
                int n = in.read(buffer);
                if (n < 0) {
                    receiver.onEndOfStream();
                    closedLatch.await();
                    break;
                }
                receiver.onData(ByteBuffer.wrap(buffer, 0, n));
                if (n < buffer.length && virtual) {
                    // The socket is probably empty now: a read would fail, register with the JDK's
                    // poller and park (two system calls and a wake-up later). Let the other
                    // connections' threads run first; on a busy server the peer's next request has
                    // usually arrived by then and the read takes it at once. Alone, this costs a
                    // yield that returns at once.
                    Thread.yield();
                }
                buffer = adapt(buffer, n);
            }
        } catch (IOException e) {
            if (!closed.get()) {
                cause = e;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Throwable t) {
            cause = t;
        } finally {
            closeSocket(false);
            Throwable why = failure != null ? failure : cause;
            receiver.onClosed(why);
            driver.forget(this);
        }
    }

    /** Grows the read buffer while reads fill it, shrinks it when they do not: idle sockets stay small. */
    private static byte[] adapt(byte[] buffer, int lastRead) {
        if (lastRead == buffer.length && buffer.length < MAX_READ) {
            return new byte[buffer.length * 2];
        }
        if (lastRead < buffer.length / 8 && buffer.length > MIN_READ) {
            return new byte[buffer.length / 2];
        }
        return buffer;
    }

    private void awaitResume() throws InterruptedException {
        if (!paused) {
            return;
        }
        lock.lock();
        try {
            while (paused && !closed.get()) {
                resumed.await();
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void setReadPaused(boolean value) {
        if (paused == value) {
            return;
        }
        lock.lock();
        try {
            paused = value;
            resumed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    // ---- writing --------------------------------------------------------------------------

    /**
     * Queues {@code buffers} for the writer thread, or, when called by this connection's own reader
     * thread with nothing queued, writes them at once: that saves a thread hand-off per reply, and
     * blocking there is the right backpressure (the service is answering this very peer).
     */
    @Override
    public void write(ByteBuffer... buffers) {
        if (closed.get()) {
            return;
        }
        long n = 0;
        for (ByteBuffer b : buffers) {
            n += b.remaining();
        }
        if (Thread.currentThread() == reader && queue.isEmpty() && writing.tryLock()) {
            try {
                if (queue.isEmpty()) {
                    directWriteSince = System.nanoTime() | 1; // never 0 while writing
                    driver.directWriteStarted();
                    try {
                        int staged = 0;
                        for (ByteBuffer b : buffers) {
                            staged = stage(b, staged);
                        }
                        writeStaged(staged);
                    } finally {
                        directWriteSince = 0;
                        driver.directWriteEnded();
                    }
                    return;
                }
            } catch (IOException e) {
                if (!closed.get()) {
                    failure = e;
                    closeSocket(false);
                }
                return;
            } finally {
                writing.unlock();
            }
        }
        queued.addAndGet(n);
        queue.add(buffers);
        wakeWriter();
    }

    /**
     * Copies {@code b} into the staging array at {@code staged} and returns the new fill; a large
     * heap buffer, or one that does not fit, goes out from its own array after what is staged (a
     * copy of 64 KiB costs more than the extra system call it would save).
     */
    private int stage(ByteBuffer b, int staged) throws IOException {
        int len = b.remaining();
        boolean large = len >= WRITE_IN_PLACE && b.hasArray();
        if (!large && len <= staging.length - staged) {
            b.get(staging, staged, len);
            return staged + len;
        }
        writeStaged(staged);
        writeDirect(b);
        return 0;
    }

    @Override
    public void writeFile(FileChannel file, long position, long count) {
        if (closed.get()) {
            return;
        }
        queued.addAndGet(count);
        queue.add(new FileRegion(file, position, count));
        wakeWriter();
    }

    @Override
    public void shutdownOutput() {
        queue.add(SHUTDOWN_OUTPUT);
        wakeWriter();
    }

    private void wakeWriter() {
        lock.lock();
        try {
            writable.signal();
        } finally {
            lock.unlock();
        }
    }

    private void writeLoop() {
        try {
            while (!closed.get()) {
                if (queue.isEmpty()) {
                    lock.lock();
                    try {
                        while (queue.isEmpty() && !closed.get()) {
                            writable.await();
                        }
                    } finally {
                        lock.unlock();
                    }
                    continue;
                }
                long written;
                writing.lock();
                try {
                    written = writeQueued();
                } finally {
                    writing.unlock();
                }
                if (queued.addAndGet(-written) == 0 && queue.isEmpty()) {
                    receiver.onDrained();
                }
            }
        } catch (IOException e) {
            if (!closed.get()) {
                failure = e;
                closeSocket(false);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Writes queued items, small ones coalesced into one system call; returns the bytes written. */
    private long writeQueued() throws IOException {
        int staged = 0;
        long written = 0;
        Object item = queue.poll();
        while (item != null) {
            if (item instanceof ByteBuffer[] buffers) {
                for (ByteBuffer b : buffers) {
                    written += b.remaining();
                    staged = stage(b, staged);
                }
            } else {
                writeStaged(staged);
                staged = 0;
                if (item instanceof FileRegion region) {
                    written += copyFile(region);
                } else if (item == SHUTDOWN_OUTPUT) {
                    socket.shutdownOutput();
                }
            }
            item = staged < staging.length / 2 ? queue.poll() : null;
        }
        writeStaged(staged);
        return written;
    }

    /** Writes the first {@code staged} bytes of the staging array, if any. */
    private void writeStaged(int staged) throws IOException {
        if (staged > 0) {
            out.write(staging, 0, staged);
        }
    }

    private void writeDirect(ByteBuffer b) throws IOException {
        if (b.hasArray()) {
            out.write(b.array(), b.arrayOffset() + b.position(), b.remaining());
            b.position(b.limit());
        } else {
            byte[] copy = new byte[b.remaining()];
            b.get(copy);
            out.write(copy);
        }
    }

    private long copyFile(FileRegion region) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(staging);
        long done = 0;
        while (done < region.count()) {
            buffer.clear().limit((int) Math.min(staging.length, region.count() - done));
            int n = region.file().read(buffer, region.position() + done);
            if (n < 0) {
                throw new IOException("file ended " + (region.count() - done) + " bytes early while sending it");
            }
            out.write(staging, 0, n);
            done += n;
        }
        return done;
    }

    /**
     * Called by the driver's watchdog: aborts the connection when a direct write has been stuck
     * (the peer does not read) for longer than the write timeout.
     */
    void checkDirectWrite(long now) {
        long since = directWriteSince;
        if (since != 0 && now - since > writeTimeoutNanos && !closed.get()) {
            failure = new dev.wirekit.api.WriteTimeoutException("the peer read nothing for "
                    + java.time.Duration.ofNanos(writeTimeoutNanos) + " while a write was in progress");
            closeSocket(true);
        }
    }

    @Override
    public long queuedBytes() {
        return queued.get();
    }

    // ---- closing --------------------------------------------------------------------------

    @Override
    public void close() {
        closeSocket(false);
    }

    @Override
    public void abort() {
        closeSocket(true);
    }

    private void closeSocket(boolean reset) {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            if (reset && !socket.isClosed()) {
                socket.setSoLinger(true, 0);
            }
        } catch (IOException ignored) {
            // closing anyway
        }
        BlockingDriver.closeQuietly(socket);
        queue.clear();
        closedLatch.countDown();
        lock.lock();
        try {
            writable.signalAll();
            resumed.signalAll();
        } finally {
            lock.unlock();
        }
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
        return "BlockingWire[" + local + " -> " + remote + "]";
    }
}
