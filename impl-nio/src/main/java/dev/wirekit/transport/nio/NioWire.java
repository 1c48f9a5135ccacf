package dev.wirekit.transport.nio;

import dev.wirekit.spi.Wire;
import dev.wirekit.spi.WireReceiver;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One non-blocking socket on an event loop. Reads happen on the loop. A write on the loop is tried at
 * once; a write from any other thread, and whatever the socket does not take, is queued under a lock
 * and flushed by the loop (soon, or when the socket becomes writable), with gathering writes across
 * queued messages.
 *
 * <p>What the receiver sends from the loop while it handles one read is gathered and written when it
 * returns, in one gathering write: a read that held many requests is answered with one system call
 * instead of one per reply. Views of the loop's read buffer lent with {@link #writeTransient} stay
 * valid meanwhile (the buffer is not read into again before the gathered write); whatever that write
 * leaves is queued as for any write, lent bytes copied.
 */
final class NioWire implements Wire, Handler {
    private static final Object SHUTDOWN_OUTPUT = new Object();
    /** Reads of the loop's buffer per readiness event: 4 x 256 KiB, so one busy peer cannot starve the rest. */
    private static final int MAX_READS_PER_EVENT = 4;

    private static final int MAX_GATHER = 256;
    /** Gathered bytes worth one write of their own even while the read is still being handled. */
    private static final long GATHER_BYTES = 256 * 1024;

    /** A file range still to send; advanced as the kernel takes it. */
    private static final class FileRegion {
        final FileChannel file;
        long position;
        long remaining;

        FileRegion(FileChannel file, long position, long count) {
            this.file = file;
            this.position = position;
            this.remaining = count;
        }
    }

    private final NioDriver driver;
    private final EventLoop loop;
    private final SocketChannel channel;
    private final InetSocketAddress local;
    private final InetSocketAddress remote;
    private final ReentrantLock writeLock = new ReentrantLock();
    private final ArrayDeque<Object> queue = new ArrayDeque<>(4);
    private final AtomicLong queued = new AtomicLong();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicBoolean closeReported = new AtomicBoolean();
    private SelectionKey key;
    private WireReceiver receiver;
    private volatile boolean writeInterest;
    private boolean readPaused;
    private boolean inputEnded;
    private boolean outputShut;
    private volatile Throwable failure;

    /** Loop thread: true while the receiver handles a read; its writes from the loop are gathered. */
    private boolean gathering;
    /** One write held back while a read is handled; {@code lent}: its buffers stay the caller's. */
    private record Gathered(ByteBuffer[] buffers, boolean lent) {}

    /** Writes gathered during the current read, in order, with their buffer and byte counts; write lock. */
    private final java.util.ArrayList<Gathered> gathered = new java.util.ArrayList<>();

    private int gatheredBuffers;
    private long gatheredBytes;
    /** Someone saw bytes waiting (a session that will wait for "drained"): report it after a gathered write. */
    private volatile boolean drainWatched;

    NioWire(NioDriver driver, EventLoop loop, SocketChannel channel, SelectionKey existingKey) throws IOException {
        this.driver = driver;
        this.loop = loop;
        this.channel = channel;
        this.key = existingKey;
        this.local = (InetSocketAddress) channel.getLocalAddress();
        this.remote = (InetSocketAddress) channel.getRemoteAddress();
    }

    @Override
    public void start(WireReceiver receiver) {
        this.receiver = receiver;
        loop.run(() -> {
            if (closed.get()) {
                reportClosed();
                return;
            }
            try {
                if (key == null) {
                    key = channel.register(loop.selector, 0, this);
                } else {
                    key.attach(this);
                }
            } catch (IOException e) {
                fail(e);
                return;
            }
            receiver.onActive();
            updateInterest();
        });
    }

    // ---- reading (loop thread) ------------------------------------------------------------

    @Override
    public void ready(int readyOps) {
        if ((readyOps & SelectionKey.OP_WRITE) != 0) {
            flush();
        }
        if ((readyOps & SelectionKey.OP_READ) != 0) {
            read();
        }
    }

    private void read() {
        ByteBuffer buffer = loop.readBuffer;
        for (int i = 0; i < MAX_READS_PER_EVENT && !closed.get() && !readPaused; i++) {
            buffer.clear();
            int n;
            try {
                n = channel.read(buffer);
            } catch (IOException e) {
                fail(e);
                return;
            }
            if (n > 0) {
                buffer.flip();
                gathering = true;
                try {
                    receiver.onData(buffer);
                } finally {
                    // also when onData failed: what it sent goes out before anything sent later,
                    // and before the buffer it may point into is read into again
                    gathering = false;
                    writeGatheredReplies();
                }
                if (n < buffer.capacity()) {
                    return;
                }
            } else {
                if (n < 0) {
                    inputEnded = true;
                    updateInterest();
                    receiver.onEndOfStream();
                    if (outputShut) {
                        close();
                    }
                }
                return;
            }
        }
    }

    @Override
    public void setReadPaused(boolean paused) {
        loop.run(() -> {
            readPaused = paused;
            updateInterest();
            if (!paused && !closed.get() && !inputEnded) {
                // bytes may already wait in the kernel: the selector will report them
                loop.selector.wakeup();
            }
        });
    }

    /** Sets the key's interest from the wire's state; loop thread only. */
    private void updateInterest() {
        SelectionKey k = key;
        if (k == null || !k.isValid()) {
            return;
        }
        int ops = (readPaused || inputEnded ? 0 : SelectionKey.OP_READ) | (writeInterest ? SelectionKey.OP_WRITE : 0);
        if (k.interestOps() != ops) {
            k.interestOps(ops);
        }
    }

    // ---- writing (any thread) -------------------------------------------------------------

    @Override
    public void write(ByteBuffer... buffers) {
        write(buffers, false);
    }

    /** Writes at once when it can; copies only what must wait in the queue (views of a read buffer). */
    @Override
    public void writeTransient(ByteBuffer... buffers) {
        write(buffers, true);
    }

    private void write(ByteBuffer[] buffers, boolean transientBuffers) {
        if (closed.get()) {
            return;
        }
        boolean writeGathered = false;
        boolean reportDrained = false;
        long n = 0;
        for (ByteBuffer b : buffers) {
            n += b.remaining();
        }
        queued.addAndGet(n);
        writeLock.lock();
        try {
            // Only the loop writes at once. A write from another thread (a session fanning a message
            // out to many peers) joins the queue and the loop flushes it: one hand-off per wire per
            // loop turn, and messages that pile up meanwhile go out in one gathering write, so the
            // cost per message falls as the load rises instead of staying one system call each.
            if (queue.isEmpty() && !writeInterest && loop.inLoop()) {
                if (gathering) {
                    if (buffers.length > 0) {
                        gathered.add(new Gathered(buffers, transientBuffers));
                        gatheredBuffers += buffers.length;
                        gatheredBytes += n;
                    }
                    if (gatheredBuffers >= MAX_GATHER || gatheredBytes >= GATHER_BYTES) {
                        writeGathered = true; // enough for one write: write it after unlocking
                    }
                    return;
                }
                long written = buffers.length == 1 ? channel.write(buffers[0]) : channel.write(buffers);
                queued.addAndGet(-written);
                if (written == n) {
                    // someone may have seen these bytes as queued for a moment and wait to hear
                    reportDrained = drainWatched;
                    return;
                }
            }
            queueGathered();
            // lent buffers are the caller's once this returns: queue a copy of what is left
            queue.add(transientBuffers ? new ByteBuffer[] {Wire.copyOf(buffers)} : buffers);
            requestFlush();
        } catch (IOException e) {
            failLater(e);
        } finally {
            writeLock.unlock();
        }
        if (writeGathered) {
            writeGatheredReplies();
        } else if (reportDrained) {
            reportDrained();
        }
    }

    @Override
    public void writeFile(FileChannel file, long position, long count) {
        if (closed.get()) {
            return;
        }
        queued.addAndGet(count);
        writeLock.lock();
        try {
            queueGathered();
            queue.add(new FileRegion(file, position, count));
            requestFlush();
        } finally {
            writeLock.unlock();
        }
    }

    @Override
    public void shutdownOutput() {
        writeLock.lock();
        try {
            queueGathered();
            queue.add(SHUTDOWN_OUTPUT);
            requestFlush();
        } finally {
            writeLock.unlock();
        }
    }

    /**
     * Writes what the receiver sent while it handled the read just done, in one gathering write;
     * queues what the socket did not take. Loop thread, before the read buffer is used again.
     */
    @Override
    public void flushGathered() {
        if (loop.inLoop()) {
            writeGatheredReplies();
        }
    }

    private void writeGatheredReplies() {
        if (gatheredBuffers == 0) {
            return;
        }
        boolean drained = false;
        IOException error = null;
        writeLock.lock();
        try {
            if (gathered.isEmpty()) {
                return; // another thread queued after them meanwhile, which moved them to the queue
            }
            if (closed.get()) {
                clearGathered();
                return;
            }
            long written;
            if (gathered.size() == 1 && gatheredBuffers == 1) {
                written = channel.write(gathered.get(0).buffers()[0]);
            } else {
                ByteBuffer[] all = new ByteBuffer[gatheredBuffers];
                int i = 0;
                for (Gathered g : gathered) {
                    for (ByteBuffer b : g.buffers()) {
                        all[i++] = b;
                    }
                }
                written = channel.write(all);
            }
            queued.addAndGet(-written);
            if (written == gatheredBytes) {
                clearGathered();
                drained = queue.isEmpty() && drainWatched;
            } else {
                queueGathered();
                requestFlush();
            }
        } catch (IOException e) {
            error = e;
        } finally {
            writeLock.unlock();
        }
        if (error != null) {
            fail(error);
        } else if (drained) {
            reportDrained();
        }
    }

    /** Tells the receiver that nothing waits any more, for whoever saw bytes waiting. */
    private void reportDrained() {
        if (receiver != null) {
            drainWatched = false;
            receiver.onDrained();
        }
    }

    /**
     * Moves the gathered writes to the head of the queue, in order, copying what is left of lent
     * buffers: they were sent before anything queued after them. Write lock held.
     */
    private void queueGathered() {
        for (int i = gathered.size() - 1; i >= 0; i--) {
            Gathered g = gathered.get(i);
            if (hasRemaining(g.buffers())) {
                queue.addFirst(g.lent() ? new ByteBuffer[] {Wire.copyOf(g.buffers())} : g.buffers());
            }
        }
        clearGathered();
    }

    private void clearGathered() {
        gathered.clear();
        gatheredBuffers = 0;
        gatheredBytes = 0;
    }

    /** Asks the loop to flush the queue; caller holds the write lock. */
    private void requestFlush() {
        if (writeInterest) {
            return;
        }
        writeInterest = true;
        if (loop.inLoop()) {
            flushSoon();
        } else {
            try {
                loop.execute(this::flushSoon);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                failLater(new IOException("the event loop has stopped"));
            }
        }
    }

    private void flushSoon() {
        // Try now: the socket usually has room; OP_WRITE is only kept while it does not.
        flush();
    }

    /** Writes as much of the queue as the socket takes; loop thread only. */
    private void flush() {
        boolean drained = false;
        IOException error = null;
        writeLock.lock();
        try {
            drained = drainQueue();
        } catch (IOException e) {
            error = e;
        } finally {
            writeLock.unlock();
        }
        if (error != null) {
            fail(error);
            return;
        }
        updateInterest();
        if (drained && !closed.get()) {
            receiver.onDrained();
            if (outputShut && inputEnded) {
                close();
            }
        }
    }

    /** Writes queued items until the socket is full; true when the queue emptied. Write lock held. */
    private boolean drainQueue() throws IOException {
        while (!queue.isEmpty()) {
            Object head = queue.peek();
            if (head instanceof ByteBuffer[]) {
                if (!writeGathered()) {
                    return false;
                }
            } else if (head instanceof FileRegion region) {
                long n = region.file.transferTo(region.position, region.remaining, channel);
                region.position += n;
                region.remaining -= n;
                queued.addAndGet(-n);
                if (region.remaining > 0) {
                    if (n == 0 && region.position >= region.file.size()) {
                        throw new IOException("file ended " + region.remaining + " bytes early while sending it");
                    }
                    return false;
                }
                queue.poll();
            } else if (head == SHUTDOWN_OUTPUT) {
                queue.poll();
                channel.shutdownOutput();
                outputShut = true;
            }
        }
        writeInterest = false;
        return true;
    }

    /** One gathering write of the buffers at the head of the queue; true when all were written. */
    private boolean writeGathered() throws IOException {
        ByteBuffer[] batch = new ByteBuffer[Math.min(MAX_GATHER, 8 * queue.size())];
        int count = 0;
        long total = 0;
        for (Object item : queue) {
            if (!(item instanceof ByteBuffer[] buffers) || count + buffers.length > batch.length) {
                break;
            }
            for (ByteBuffer b : buffers) {
                batch[count++] = b;
                total += b.remaining();
            }
        }
        if (count == 0) { // one huge message: write it alone
            ByteBuffer[] buffers = (ByteBuffer[]) queue.peek();
            batch = buffers;
            count = buffers.length;
            for (ByteBuffer b : buffers) {
                total += b.remaining();
            }
        }
        long written = channel.write(batch, 0, count);
        queued.addAndGet(-written);
        while (!queue.isEmpty() && queue.peek() instanceof ByteBuffer[] buffers && !hasRemaining(buffers)) {
            queue.poll();
        }
        return written == total;
    }

    private static boolean hasRemaining(ByteBuffer[] buffers) {
        for (ByteBuffer b : buffers) {
            if (b.hasRemaining()) {
                return true;
            }
        }
        return false;
    }

    @Override
    public long queuedBytes() {
        long n = queued.get();
        if (n > 0) {
            // Flag first, then look again: either the writer sees the flag and reports "drained",
            // or this sees the bytes gone. Checking once and flagging after could miss both.
            drainWatched = true;
            n = queued.get();
        }
        return n;
    }

    // ---- closing --------------------------------------------------------------------------

    @Override
    public void close() {
        closeChannel(false);
    }

    @Override
    public void abort() {
        closeChannel(true);
    }

    private void failLater(Throwable cause) {
        if (failure == null) {
            failure = cause;
        }
        closeChannel(false);
    }

    private void fail(Throwable cause) {
        if (failure == null && !closed.get()) {
            failure = cause;
        }
        closeChannel(false);
    }

    private void closeChannel(boolean reset) {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            if (reset && channel.isOpen()) {
                channel.setOption(StandardSocketOptions.SO_LINGER, 0);
            }
        } catch (IOException ignored) {
            // closing anyway
        }
        try {
            channel.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        try {
            loop.run(this::reportClosed);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            reportClosed();
        }
    }

    private void reportClosed() {
        if (!closeReported.compareAndSet(false, true)) {
            return;
        }
        writeLock.lock();
        try {
            queue.clear();
            clearGathered();
        } finally {
            writeLock.unlock();
        }
        driver.forget(this);
        if (receiver != null) {
            receiver.onClosed(failure);
        }
    }

    @Override
    public void loopClosed() {
        closeChannel(false);
        reportClosed();
    }

    @Override
    public boolean failed(Throwable failure) {
        fail(failure);
        return true;
    }

    @Override
    public boolean isOpen() {
        return !closed.get();
    }

    @Override
    public boolean inEventLoop() {
        return loop.inLoop();
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
        return "NioWire[" + local + " -> " + remote + "]";
    }
}
