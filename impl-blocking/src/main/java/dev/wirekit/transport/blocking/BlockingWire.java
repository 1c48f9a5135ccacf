package dev.wirekit.transport.blocking;

import dev.wirekit.spi.Wire;
import dev.wirekit.spi.WireReceiver;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SocketChannel;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One socket with two virtual threads: the reader delivers every receiver callback (and so runs the
 * service, which may block); the writer drains the outbound queue, gathering what is queued into one
 * system call. The socket is a {@link SocketChannel} in blocking mode: large reads land in a direct
 * buffer and direct buffers are written in place, so a 64 KiB message is not copied through the
 * JDK's temporary buffers as {@code java.net.Socket} streams do.
 */
final class BlockingWire implements Wire, AutoCloseable {
    private static final Object SHUTDOWN_OUTPUT = new Object();
    private static final int MIN_READ = 2048;
    private static final int MAX_READ = 256 * 1024;
    /** Read buffers this large are direct: the kernel fills them without a copy through the JDK. */
    private static final int DIRECT_READ = 16 * 1024;
    /** Reads that leave 7/8 of the buffer empty, this many in a row, halve it. */
    private static final int SHRINK_AFTER = 8;

    private static final int STAGING = 16 * 1024;
    /** Heap buffers at least this large are written from their own array instead of being staged. */
    private static final int WRITE_IN_PLACE = 8 * 1024;
    /** At most this many buffers go to one gathering write (the kernel's IOV_MAX is 1024). */
    private static final int MAX_GATHER = 256;
    /** Replies held back while a read is handled are written early once they reach this size. */
    private static final int MAX_HELD = 256 * 1024;
    /** The writer thread stops gathering queued items into one write at this many bytes. */
    private static final int MAX_WRITE = 1024 * 1024;

    private record FileRegion(FileChannel file, long position, long count) {}

    private final BlockingDriver driver;
    private final SocketChannel socket;
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

    // used under the writing lock
    /** Small buffers are copied here so that many of them make one entry of a gathering write. */
    private ByteBuffer staging;

    private final ByteBuffer[] gather = new ByteBuffer[MAX_GATHER];
    private int gathered;
    private int stagedFrom;
    /**
     * Bytes the reader added to the gathering write while it handled a read, not yet written:
     * counted in {@link #queued} until written, so that a drain waits for them.
     */
    private long held;

    /** The receiver never blocks in {@code onData}: what the reader writes there may be held. */
    private boolean holdReplies;
    /** True while the reader thread is in {@code receiver.onData}. */
    private boolean delivering;
    /** The reader held bytes during this {@code onData} (reader thread only). */
    private boolean heldThisRead;

    private volatile Thread reader;
    private final long writeTimeoutNanos;
    /** When the direct write in progress started (System.nanoTime), or 0: watched by the driver. */
    private volatile long directWriteSince;

    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile boolean paused;
    private volatile Throwable failure;
    private WireReceiver receiver;

    BlockingWire(BlockingDriver driver, SocketChannel socket, java.time.Duration writeTimeout) throws IOException {
        this.driver = driver;
        this.writeTimeoutNanos = writeTimeout.toNanos();
        this.socket = socket;
        this.local = (InetSocketAddress) socket.getLocalAddress();
        this.remote = (InetSocketAddress) socket.getRemoteAddress();
    }

    @Override
    public void start(WireReceiver receiver) {
        this.receiver = receiver;
        this.holdReplies = receiver.handlesDataWithoutBlocking();
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
            ByteBuffer buffer = ByteBuffer.allocate(MIN_READ * 2);
            int smallReads = 0;
            while (!closed.get()) {
                awaitResume();
                int n = socket.read(buffer.clear());
                if (n < 0) {
                    receiver.onEndOfStream();
                    closedLatch.await();
                    break;
                }
                delivering = true;
                try {
                    receiver.onData(buffer.flip());
                } finally {
                    delivering = false;
                    writeHeld(); // before the next read reuses the buffer that lent views point into
                }
                if (n < buffer.capacity() && virtual) {
                    // The socket is probably empty now: a read would fail, register with the JDK's
                    // poller and park (two system calls and a wake-up later). Let the other
                    // connections' threads run first; on a busy server the peer's next request has
                    // usually arrived by then and the read takes it at once. Alone, this costs a
                    // yield that returns at once.
                    Thread.yield();
                }
                smallReads = n < buffer.capacity() / 8 ? smallReads + 1 : 0;
                if (n == buffer.capacity() && buffer.capacity() < MAX_READ) {
                    buffer = readBuffer(buffer.capacity() * 2);
                } else if (smallReads >= SHRINK_AFTER && buffer.capacity() > MIN_READ) {
                    buffer = readBuffer(buffer.capacity() / 2); // idle sockets stay small
                    smallReads = 0;
                }
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

    private static ByteBuffer readBuffer(int size) {
        return size >= DIRECT_READ ? ByteBuffer.allocateDirect(size) : ByteBuffer.allocate(size);
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
     * thread with nothing queued, writes them itself: at once, or, while a non-blocking receiver
     * handles a read, together with the rest of that read's replies when it is handled. That saves
     * a thread hand-off per reply, and blocking there is the right backpressure (the service is
     * answering this very peer).
     */
    @Override
    public void write(ByteBuffer... buffers) {
        write(buffers, false);
    }

    /** Lent buffers are written at once when they can be, and copied only when they must wait. */
    @Override
    public void writeTransient(ByteBuffer... buffers) {
        write(buffers, true);
    }

    private void write(ByteBuffer[] buffers, boolean lent) {
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
                    for (ByteBuffer b : buffers) {
                        add(b, true); // may write what is gathered so far, first
                    }
                    if (delivering && holdReplies) {
                        // Replies to one read go out together in one gathering write once it is
                        // handled (a pipelining peer's requests then cost one system call, not one
                        // each). Only for a receiver that never blocks there: a blocking service may
                        // wait inside onData for the peer to answer what it just sent.
                        queued.addAndGet(n); // after add: a write inside it settles only earlier bytes
                        held += n;
                        heldThisRead = true;
                        if (held >= MAX_HELD) {
                            flush(true);
                        }
                    } else {
                        flush(true);
                    }
                    return;
                }
            } catch (IOException e) {
                writeFailed(e);
                return;
            } finally {
                writing.unlock();
            }
        }
        if (lent) {
            buffers = new ByteBuffer[] {Wire.copyOf(buffers)};
        }
        queued.addAndGet(n);
        queue.add(buffers);
        wakeWriter();
    }

    /** A write failed: the connection closes with that cause, unless it was closing already. */
    private void writeFailed(IOException e) {
        if (!closed.get()) {
            failure = e;
            closeSocket(false);
        }
    }

    /**
     * Writes what the reader held back while it handled a read (unless the writer thread already
     * did, ahead of what it wrote itself) and reports the queue drained when nothing else waits.
     */
    private void writeHeld() {
        if (!heldThisRead) {
            return;
        }
        heldThisRead = false;
        writing.lock();
        try {
            flush(true);
        } catch (IOException e) {
            writeFailed(e);
            return;
        } finally {
            writing.unlock();
        }
        if (queued.get() == 0 && queue.isEmpty()) {
            receiver.onDrained();
        }
    }

    /** On the reader thread, writes what it holds back: before a wait for room or for a drain. */
    @Override
    public void flushGathered() {
        if (Thread.currentThread() == reader) {
            writeHeld();
        }
    }

    /**
     * Adds {@code b} to the next gathering write: a small heap buffer is copied into the staging
     * buffer (one entry for many of them), a large or direct one goes in as it is. Writes what is
     * gathered first when there is no room for it. Under the writing lock.
     */
    private void add(ByteBuffer b, boolean watched) throws IOException {
        int len = b.remaining();
        if (len == 0) {
            return;
        }
        if (!b.isDirect() && len < WRITE_IN_PLACE) {
            if (staging == null) {
                staging = ByteBuffer.allocateDirect(STAGING);
            }
            if (len > staging.remaining() || gathered >= MAX_GATHER - 1) {
                flush(watched);
            }
            staging.put(b);
            return;
        }
        if (gathered >= MAX_GATHER - 2) {
            flush(watched);
        }
        closeStaged();
        gather[gathered++] = b;
    }

    /** Ends the staged run so far as one gather entry. */
    private void closeStaged() {
        if (staging != null && staging.position() > stagedFrom) {
            gather[gathered++] = staging.slice(stagedFrom, staging.position() - stagedFrom);
            stagedFrom = staging.position();
        }
    }

    /**
     * Writes everything gathered so far, blocking until the socket has taken it all. Under the
     * writing lock. {@code watched} (writes by the reader thread, and any write carrying what the
     * reader holds): the driver's watchdog aborts the connection when the peer takes nothing for
     * the write timeout, so that neither the reader nor a flush waiting for the lock hangs.
     */
    private void flush(boolean watched) throws IOException {
        closeStaged();
        if (gathered > 0) {
            watched |= held > 0;
            if (watched) {
                directWriteSince = System.nanoTime() | 1; // never 0 while writing
                driver.directWriteStarted();
            }
            try {
                int from = 0;
                while (from < gathered) {
                    long n = socket.write(gather, from, gathered - from);
                    if (watched && n > 0) {
                        directWriteSince = System.nanoTime() | 1; // the peer reads: time it afresh
                    }
                    while (from < gathered && !gather[from].hasRemaining()) {
                        from++;
                    }
                }
            } finally {
                if (watched) {
                    directWriteSince = 0;
                    driver.directWriteEnded();
                }
            }
            java.util.Arrays.fill(gather, 0, gathered, null);
            gathered = 0;
        }
        stagedFrom = 0;
        if (staging != null) {
            staging.clear();
        }
        if (held > 0) {
            queued.addAndGet(-held);
            held = 0;
        }
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
            writeFailed(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Writes queued items, gathered into as few system calls as fit; returns the bytes written. */
    private long writeQueued() throws IOException {
        long written = 0;
        Object item = queue.poll();
        while (item != null) {
            if (item instanceof ByteBuffer[] buffers) {
                for (ByteBuffer b : buffers) {
                    written += b.remaining();
                    add(b, false);
                }
            } else {
                flush(false);
                if (item instanceof FileRegion region) {
                    written += copyFile(region);
                } else if (item == SHUTDOWN_OUTPUT) {
                    socket.shutdownOutput();
                }
            }
            item = written < MAX_WRITE ? queue.poll() : null;
        }
        flush(false);
        return written;
    }

    /**
     * Sends a file region with {@code transferTo}, which the kernel copies from the file to the
     * socket (sendfile). A virtual thread's socket is non-blocking underneath, so a full socket makes
     * {@code transferTo} return 0 instead of waiting: then one chunk goes out by a blocking write,
     * which parks until the peer has read enough. Under the writing lock, after a flush.
     */
    private long copyFile(FileRegion region) throws IOException {
        long done = 0;
        while (done < region.count()) {
            long at = region.position() + done;
            long n = region.file().transferTo(at, region.count() - done, socket);
            if (n > 0) {
                done += n;
                continue;
            }
            if (staging == null) {
                staging = ByteBuffer.allocateDirect(STAGING);
            }
            ByteBuffer chunk = staging.clear().limit((int) Math.min(STAGING, region.count() - done));
            int read = region.file().read(chunk, at);
            if (read < 0) {
                throw new IOException("file ended " + (region.count() - done) + " bytes early while sending it");
            }
            chunk.flip();
            while (chunk.hasRemaining()) {
                socket.write(chunk);
            }
            chunk.clear();
            done += read;
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
            if (reset && socket.isOpen()) {
                socket.setOption(java.net.StandardSocketOptions.SO_LINGER, 0);
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
