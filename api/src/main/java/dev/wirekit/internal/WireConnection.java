package dev.wirekit.internal;

import dev.wirekit.api.Connection;
import dev.wirekit.api.HandshakeTimeoutException;
import dev.wirekit.api.OutboundOverflowException;
import dev.wirekit.api.OverflowPolicy;
import dev.wirekit.api.TransportOptions;
import dev.wirekit.api.WriteTimeoutException;
import dev.wirekit.api.layer.LayerContext;
import dev.wirekit.spi.Wire;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A {@link Connection}: bytes pushed by the driver wait in a bounded inbox (reading pauses when it
 * is full) until a reader pulls them; layers run on the reading thread, never on the driver's.
 *
 * <p>Armed for inline answers ({@link #armInline}), bytes go to the {@link InlineReader} on the
 * driver's thread instead. The state machine: the reading thread moves IDLE to ARMED (only with
 * an empty inbox) and back when its read returns; the driver's thread moves ARMED to ANSWERING and
 * back to ARMED (answered) or to IDLE (declined: then, and only then, the bytes join the inbox).
 * So nothing is answered inline while older bytes wait in the inbox, and the reading thread never
 * runs while an answer is being written.
 */
final class WireConnection extends WireEndpoint implements Connection {
    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);
    private static final int WRITE_CHUNK = 64 * 1024;
    private static final long FILE_REGION = 1 << 20;
    private static final System.Logger LOG = System.getLogger("dev.wirekit.connection");
    private static final int IDLE = 0;
    private static final int ARMED = 1;
    private static final int ANSWERING = 2;

    private final ConcurrentLinkedDeque<ByteBuffer> inbox = new ConcurrentLinkedDeque<>();
    private final AtomicLong inboxBytes = new AtomicLong();
    private final ReentrantLock signalLock = new ReentrantLock();
    private final Condition readable = signalLock.newCondition();
    private volatile boolean rawEnded;
    private boolean layerEnded;
    private ByteBuffer plain = EMPTY;
    private final AtomicInteger inline = new AtomicInteger(IDLE);
    private volatile InlineReader inlineReader;
    /** When the inline reader last answered (System.nanoTime); reads time out from there. */
    private volatile long lastAnswer;
    /** Completes when the driver has made the wire active (or fails if it closed first). */
    final java.util.concurrent.CompletableFuture<Void> active = new java.util.concurrent.CompletableFuture<>();

    WireConnection(
            DefaultTransport transport,
            Wire wire,
            TransportOptions options,
            Counters counters,
            LayerContext.Role role,
            Optional<String> serverName,
            Runnable onFinished) {
        super(transport, wire, options, counters, role, serverName, onFinished);
        if (chain == null) {
            state.set(OPEN); // writes may start before the driver reports the wire active
        }
    }

    // ---- driver side ----------------------------------------------------------------------

    @Override
    public void onActive() {
        armTimers();
        active.complete(null);
    }

    @Override
    public void onData(ByteBuffer data) {
        int n = data.remaining();
        counters.bytesRead.add(n);
        touch();
        if (inline.get() == ARMED && answeredInline(data)) {
            return;
        }
        inbox.addLast(Buffers.copy(data));
        // The reading thread may have armed after the check above: these bytes come before
        // anything answered inline, so cancel that arming (its own inbox check may have missed them).
        if (inline.get() == ARMED) {
            inline.compareAndSet(ARMED, IDLE);
        }
        inboxBytes.addAndGet(n);
        inboundGrew(inboxBytes);
        signal();
    }

    @Override
    public void onEndOfStream() {
        rawEnded = true;
        signal();
    }

    @Override
    void closed(Throwable cause) {
        rawEnded = true;
        active.completeExceptionally(
                cause instanceof IOException io ? io : new java.net.SocketException("closed while connecting"));
        signal();
    }

    /** Offers {@code data} to the armed inline reader; true when it answered (driver's thread). */
    private boolean answeredInline(ByteBuffer data) {
        if (!inline.compareAndSet(ARMED, ANSWERING)) {
            return false;
        }
        boolean answered = false;
        Throwable failure = null;
        try {
            // Bytes still in the inbox came first: they are the reading thread's, and so is this.
            // A connection that is closing answers nothing more.
            answered = state.get() == OPEN && inbox.isEmpty() && inlineReader.answer(data.duplicate());
        } catch (Throwable t) {
            failure = t;
        } finally {
            if (answered) {
                lastAnswer = System.nanoTime();
            }
            inline.set(answered ? ARMED : IDLE);
        }
        if (failure != null) {
            Throwable cause = failure;
            LOG.log(System.Logger.Level.WARNING, () -> describe() + ": the inline answer failed, closing: " + cause);
            abort(failure);
            if (failure instanceof Error error) {
                throw error;
            }
            return true;
        }
        return answered;
    }

    @Override
    public boolean armInline(InlineReader reader) {
        if (chain != null || !transport.capabilities().eventLoop() || state.get() != OPEN || rawEnded) {
            return false;
        }
        if (plain.hasRemaining() || inline.get() != IDLE) {
            return false;
        }
        inlineReader = reader;
        lastAnswer = System.nanoTime();
        inline.set(ARMED);
        // Armed first, then the inbox checked: bytes the driver queued before it could see the
        // arming are found here; bytes it queues later make it cancel the arming itself.
        if (!inbox.isEmpty()) {
            disarm();
            return false;
        }
        return true;
    }

    /** Back to IDLE, after an answer in progress has been written (reading thread). */
    private void disarm() {
        for (int spins = 0; ; spins++) {
            int s = inline.get();
            if (s == IDLE || (s == ARMED && inline.compareAndSet(ARMED, IDLE))) {
                return;
            }
            if (spins < 100) {
                Thread.onSpinWait();
            } else {
                Thread.yield(); // an answer is short: it never blocks
            }
        }
    }

    private void signal() {
        signalLock.lock();
        try {
            readable.signalAll();
        } finally {
            signalLock.unlock();
        }
    }

    // ---- handshake ------------------------------------------------------------------------

    /** Runs the layers' handshake on the calling thread; returns once application data may flow. */
    void handshake() throws IOException {
        if (chain == null) {
            return;
        }
        long deadline = System.nanoTime() + options.handshakeTimeout().toNanos();
        chain.start();
        while (!chain.isEstablished()) {
            ByteBuffer raw = nextRaw(deadline, 0, true);
            if (raw == null) {
                Throwable cause = closeCause();
                throw cause instanceof IOException io
                        ? io
                        : new EOFException("the connection closed during the handshake"
                                + (cause == null ? "" : ": " + CloseLog.reason(cause)));
            }
            chain.receive(raw);
        }
        state.compareAndSet(OPENING, OPEN);
    }

    @Override
    public void plaintext(ByteBuffer bytes) {
        ByteBuffer joined = ByteBuffer.allocate(plain.remaining() + bytes.remaining());
        plain = joined.put(plain).put(bytes).flip();
    }

    @Override
    public void established() {
        handshakeDone();
    }

    @Override
    public void endOfInput() {
        layerEnded = true;
    }

    // ---- reading --------------------------------------------------------------------------

    @Override
    public int read(ByteBuffer dst) throws IOException {
        return read(dst, options.readTimeout());
    }

    @Override
    public int read(ByteBuffer dst, Duration timeout) throws IOException {
        if (inline.get() == IDLE) {
            return readPlain(dst, timeout);
        }
        try {
            return readPlain(dst, timeout);
        } finally {
            disarm();
        }
    }

    private int readPlain(ByteBuffer dst, Duration timeout) throws IOException {
        if (!dst.hasRemaining()) {
            return 0;
        }
        long deadline = timeout.isZero() ? Long.MAX_VALUE : System.nanoTime() + timeout.toNanos();
        while (true) {
            if (plain.hasRemaining()) {
                return moveTo(plain, dst);
            }
            if (layerEnded) {
                return -1;
            }
            ByteBuffer raw = nextRaw(deadline, timeout.toNanos(), false);
            if (raw == null) {
                Throwable cause = closeCause();
                if (cause != null && !(cause instanceof OutboundOverflowException)) {
                    throw cause instanceof IOException io ? io : new SocketException(CloseLog.reason(cause));
                }
                return -1;
            }
            if (chain == null) {
                int n = moveTo(raw, dst);
                if (raw.hasRemaining()) {
                    unread(raw);
                }
                return n;
            }
            chain.receive(raw);
        }
    }

    /**
     * The next raw chunk, or null at the end of the stream. While inline answers are armed, the
     * deadline moves to {@code timeoutNanos} after the last answer.
     */
    private ByteBuffer nextRaw(long deadline, long timeoutNanos, boolean handshaking) throws IOException {
        while (true) {
            ByteBuffer raw = inbox.pollFirst();
            if (raw != null) {
                inboxBytes.addAndGet(-raw.remaining());
                inboundShrank(inboxBytes);
                return raw;
            }
            if (rawEnded) {
                return null;
            }
            signalLock.lock();
            try {
                while (inbox.isEmpty() && !rawEnded) {
                    long left = deadline == Long.MAX_VALUE ? Long.MAX_VALUE : deadline - System.nanoTime();
                    if (left <= 0 && inline.get() != IDLE) {
                        long fromLastAnswer = lastAnswer + timeoutNanos;
                        if (fromLastAnswer - System.nanoTime() > 0) {
                            deadline = fromLastAnswer;
                            continue;
                        }
                    }
                    if (left <= 0) {
                        if (handshaking) {
                            HandshakeTimeoutException e = new HandshakeTimeoutException(
                                    "handshake not complete after " + options.handshakeTimeout());
                            abort(e);
                            throw e;
                        }
                        throw new SocketTimeoutException("read timed out");
                    }
                    if (left == Long.MAX_VALUE) {
                        readable.await();
                    } else {
                        readable.awaitNanos(left);
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while reading from " + describe());
            } finally {
                signalLock.unlock();
            }
        }
    }

    private void unread(ByteBuffer rest) {
        inbox.addFirst(rest);
        inboxBytes.addAndGet(rest.remaining());
        inboundGrew(inboxBytes);
    }

    private static int moveTo(ByteBuffer src, ByteBuffer dst) {
        int n = Math.min(src.remaining(), dst.remaining());
        dst.put(dst.position(), src, src.position(), n);
        dst.position(dst.position() + n);
        src.position(src.position() + n);
        return n;
    }

    // ---- writing --------------------------------------------------------------------------

    @Override
    public void write(ByteBuffer... srcs) throws IOException {
        for (ByteBuffer src : srcs) {
            while (src.hasRemaining()) {
                int n = Math.min(src.remaining(), WRITE_CHUNK);
                ByteBuffer chunk = ByteBuffer.allocate(n);
                chunk.put(0, src, src.position(), n);
                src.position(src.position() + n);
                admit(n);
                writeLocked(chunk);
            }
        }
    }

    /** Waits for room for {@code size} bytes; the Connection contract reports failures as IOExceptions. */
    private void admit(long size) throws IOException {
        try {
            reserve(size, OverflowPolicy.BLOCK);
        } catch (OutboundOverflowException e) {
            WriteTimeoutException timeout = new WriteTimeoutException(e.getMessage());
            timeout.initCause(e);
            throw timeout;
        } catch (dev.wirekit.api.SessionClosedException e) {
            throw new SocketException(e.getMessage(), e);
        }
    }

    private void writeLocked(ByteBuffer chunk) throws IOException {
        sendLock.readLock().lock();
        try {
            ensureWritable();
            writeParts(new ByteBuffer[] {chunk});
            if (!wire.isOpen()) {
                throw new SocketException(describe() + " closed while writing; the bytes may not have been delivered");
            }
        } finally {
            sendLock.readLock().unlock();
        }
    }

    private void ensureWritable() throws IOException {
        if (state.get() != OPEN) {
            Throwable cause = closeCause();
            throw new SocketException(describe() + " is closed" + (cause == null ? "" : ": " + CloseLog.reason(cause)));
        }
    }

    @Override
    public long transferFrom(FileChannel file, long position, long count) throws IOException {
        long available = Math.max(0, Math.min(count, file.size() - position));
        if (chain != null || !transport.capabilities().zeroCopyFileTransfer()) {
            ByteBuffer buffer = ByteBuffer.allocate(WRITE_CHUNK);
            long done = 0;
            while (done < available) {
                buffer.clear().limit((int) Math.min(WRITE_CHUNK, available - done));
                int n = file.read(buffer, position + done);
                if (n < 0) {
                    break;
                }
                done += n;
                write(buffer.flip());
            }
            return done;
        }
        for (long done = 0; done < available; ) {
            long n = Math.min(FILE_REGION, available - done);
            admit(n);
            sendLock.readLock().lock();
            try {
                ensureWritable();
                touch();
                counters.bytesWritten.add(n);
                wire.writeFile(file, position + done, n);
            } finally {
                sendLock.readLock().unlock();
            }
            done += n;
        }
        return available;
    }

    @Override
    public void flush() throws IOException {
        awaitDrained(options.writeTimeout());
    }

    @Override
    public void shutdownOutput() throws IOException {
        sendLock.writeLock().lock();
        try {
            ensureWritable();
            if (chain != null) {
                chain.closeOutbound();
            }
            wire.shutdownOutput();
        } finally {
            sendLock.writeLock().unlock();
        }
    }

    @Override
    public void close() {
        closeOrderly(null);
    }

    @Override
    public void abort() {
        abort(null);
    }

    // ---- streams --------------------------------------------------------------------------

    @Override
    public InputStream inputStream() {
        return new InputStream() {
            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                int n = read(one, 0, 1);
                return n < 0 ? -1 : one[0] & 0xFF;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return len == 0 ? 0 : WireConnection.this.read(ByteBuffer.wrap(b, off, len));
            }

            @Override
            public void close() {
                WireConnection.this.close();
            }
        };
    }

    @Override
    public OutputStream outputStream() {
        return new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                WireConnection.this.write(ByteBuffer.wrap(new byte[] {(byte) b}));
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                WireConnection.this.write(ByteBuffer.wrap(b, off, len));
            }

            @Override
            public void flush() throws IOException {
                WireConnection.this.flush();
            }

            @Override
            public void close() throws IOException {
                if (isOpen()) {
                    shutdownOutput();
                }
            }
        };
    }

    @Override
    public String toString() {
        return "Connection[" + describe() + "]";
    }
}
