package dev.wirekit.internal;

import dev.wirekit.api.AttributeKey;
import dev.wirekit.api.Service;
import dev.wirekit.api.Session;
import dev.wirekit.api.TransportOptions;
import dev.wirekit.api.framing.CorruptedFrameException;
import dev.wirekit.api.framing.FrameDecoder;
import dev.wirekit.api.framing.FrameTooLongException;
import dev.wirekit.api.framing.Framer;
import dev.wirekit.api.framing.FramingException;
import dev.wirekit.api.layer.LayerContext;
import dev.wirekit.spi.Wire;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A stream connection seen through a framer and served by a {@link Service}: bytes pushed by the
 * driver go through the layers and the decoder to the service; messages sent go through the
 * encoder and the layers to the wire.
 *
 * <p>Where the service runs: on the driver's delivery thread when that thread may block (the
 * blocking transport) or when the service is non-blocking and no layer needs CPU time; otherwise on
 * a serial virtual-thread executor, with reading paused while too many bytes wait for it.
 */
final class StreamSession<T> extends WireEndpoint implements Session<T> {
    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);
    private static final int FILE_CHUNK = 64 * 1024;

    private final Framer<T> framer;
    private final FrameDecoder<T> decoder;
    private final boolean borrowing;
    private final Service<T> service;
    private final Executor executor;
    private final boolean inline;
    private final ConcurrentHashMap<AttributeKey<?>, Object> attributes = new ConcurrentHashMap<>();
    private final AtomicLong pendingInbound = new AtomicLong();
    private final CompletableFuture<Void> opened = new CompletableFuture<>();
    private final long frameBound;
    private volatile boolean inputDiscarded;
    private boolean serviceOpened;
    private boolean layerInputEnded;
    private boolean inputEndSeen;
    private boolean outputShut;
    private boolean pendingOpen;
    private ByteBuffer cumulation = EMPTY;
    /**
     * The wire's thread while it hands this session a read (inline only): what a borrowing service
     * sends from there may be a view of the wire's buffer. Plain field: a thread other than the one
     * that set it can never read itself here.
     */
    private Thread delivering;

    StreamSession(
            DefaultTransport transport,
            Wire wire,
            TransportOptions options,
            Counters counters,
            LayerContext.Role role,
            Optional<String> serverName,
            Framer<T> framer,
            Service<T> service,
            Runnable onFinished) {
        super(transport, wire, options, counters, role, serverName, onFinished);
        this.framer = framer;
        this.service = service;
        this.inline = !transport.capabilities().eventLoop() || (chain == null && service.isNonBlocking());
        // a borrowing service on the delivery thread reads views of the wire's buffer (Service#borrowsMessages)
        this.borrowing = inline && chain == null && service.borrowsMessages();
        this.decoder = borrowing ? framer.newViewDecoder() : framer.newDecoder();
        this.executor = inline ? Runnable::run : new SerialExecutor(transport.virtualThreads());
        // Headers and delimiters are not part of maxFrameLength: allow generous slack before
        // deciding a decoder is hoarding bytes.
        this.frameBound = (long) framer.maxFrameLength() + 64 * 1024;
    }

    /** Completes when the service has seen {@code onOpen}; fails if the session closed first. */
    CompletableFuture<Void> opened() {
        return opened;
    }

    // ---- inbound --------------------------------------------------------------------------

    @Override
    public void onActive() {
        armTimers();
        if (chain == null) {
            state.compareAndSet(OPENING, OPEN);
            executor.execute(this::open);
        } else {
            executor.execute(() -> {
                try {
                    chain.start();
                } catch (IOException | RuntimeException e) {
                    abort(e);
                }
            });
        }
    }

    @Override
    public void onData(ByteBuffer data) {
        int n = data.remaining();
        counters.bytesRead.add(n);
        touch();
        if (inline) {
            delivering = Thread.currentThread();
            try {
                inbound(data);
            } finally {
                delivering = null;
            }
            return;
        }
        ByteBuffer copy = Buffers.copy(data);
        pendingInbound.addAndGet(n);
        inboundGrew(pendingInbound);
        executor.execute(() -> {
            try {
                inbound(copy);
            } finally {
                pendingInbound.addAndGet(-n);
                inboundShrank(pendingInbound);
            }
        });
    }

    @Override
    public boolean handlesDataWithoutBlocking() {
        return inline && service.isNonBlocking();
    }

    @Override
    public void onEndOfStream() {
        executor.execute(this::inputEnded);
    }

    private void inbound(ByteBuffer data) {
        if (inputDiscarded) {
            return;
        }
        if (chain == null) {
            decode(data);
            return;
        }
        try {
            chain.receive(data);
        } catch (IOException e) {
            closeAfterFlush(e); // let the layer's alert reach the peer
            return;
        } catch (RuntimeException e) {
            abort(e);
            return;
        }
        if (pendingOpen && !serviceOpened) {
            open();
        }
        if (cumulation.hasRemaining()) {
            decodeLoop(cumulation);
            compact();
        }
        if (layerInputEnded) {
            layerInputEnded = false;
            inputEnded();
        }
    }

    private void decode(ByteBuffer data) {
        if (cumulation.hasRemaining()) {
            append(data);
            decodeLoop(cumulation);
            compact();
        } else {
            decodeLoop(data);
            if (data.hasRemaining() && !inputDiscarded) {
                append(data);
            }
        }
    }

    private void decodeLoop(ByteBuffer src) {
        while (!inputDiscarded) {
            T message;
            try {
                message = decoder.decode(src);
            } catch (FramingException e) {
                if (!framingError(e)) {
                    return;
                }
                continue;
            } catch (RuntimeException e) {
                closeOrderly(new CorruptedFrameException("the frame decoder failed: " + e, false, e));
                return;
            }
            if (message == null) {
                if (src.remaining() > frameBound) {
                    closeOrderly(new FrameTooLongException(src.remaining(), framer.maxFrameLength(), false));
                }
                return;
            }
            counters.messagesReceived.increment();
            try {
                service.onMessage(this, message);
            } catch (Throwable t) {
                serviceFailed(t);
                return;
            }
        }
    }

    private boolean framingError(FramingException e) {
        boolean keepOpen;
        try {
            keepOpen = service.onFramingError(this, e) && e.isRecoverable();
        } catch (Throwable t) {
            serviceFailed(t);
            return false;
        }
        if (!keepOpen) {
            closeOrderly(e);
        }
        return keepOpen;
    }

    private void append(ByteBuffer data) {
        int need = cumulation.remaining() + data.remaining();
        if (cumulation.capacity() - cumulation.limit() >= data.remaining() && cumulation != EMPTY) {
            int pos = cumulation.position();
            cumulation.position(cumulation.limit()).limit(cumulation.limit() + data.remaining());
            cumulation.put(data).position(pos);
            return;
        }
        ByteBuffer bigger = ByteBuffer.allocate(Math.max(need, Math.min(Math.max(need * 2, 4096), need + (1 << 20))));
        bigger.put(cumulation).put(data).flip();
        cumulation = bigger;
    }

    private void compact() {
        if (!cumulation.hasRemaining()) {
            cumulation = EMPTY;
        } else if (cumulation.position() > 0) {
            if (borrowing) {
                // Messages lent from here may still be in use: the wire may hold what the service
                // sent back until this read is handled. Move the rest instead of writing over them.
                ByteBuffer rest = ByteBuffer.allocate(Math.max(4096, 2 * cumulation.remaining()));
                cumulation = rest.put(cumulation).flip();
            } else {
                cumulation.compact().flip();
            }
        }
    }

    private void inputEnded() {
        if (inputDiscarded || inputEndSeen) {
            return; // a layer's end (TLS close_notify) and the socket's end are one end for the service
        }
        inputEndSeen = true;
        if (chain != null && !chain.isEstablished()) {
            closeAfterFlush(new EOFException("the peer closed the connection during the handshake"));
            return;
        }
        if (cumulation.hasRemaining()) {
            closeOrderly(new EOFException("the peer closed the connection in the middle of a frame ("
                    + cumulation.remaining() + " bytes of an incomplete frame)"));
            return;
        }
        try {
            service.onInputClosed(this);
        } catch (Throwable t) {
            serviceFailed(t);
        }
    }

    private void open() {
        if (serviceOpened) {
            return;
        }
        serviceOpened = true;
        state.compareAndSet(OPENING, OPEN);
        try {
            service.onOpen(this);
        } catch (Throwable t) {
            serviceFailed(t);
        }
        opened.complete(null);
    }

    @Override
    void closing() {
        inputDiscarded = true;
    }

    @Override
    void closed(Throwable cause) {
        executor.execute(() -> {
            if (serviceOpened) {
                try {
                    service.onClose(this, cause);
                } catch (Throwable t) {
                    CloseLog.LOG.log(System.Logger.Level.ERROR, "onClose of " + describe() + " failed", t);
                }
            }
            opened.completeExceptionally(
                    cause != null ? cause : new EOFException(describe() + " closed before it opened"));
        });
    }

    // ---- layer host -----------------------------------------------------------------------

    @Override
    public void plaintext(ByteBuffer bytes) {
        if (!inputDiscarded) {
            append(bytes);
        }
    }

    @Override
    public void established() {
        handshakeDone();
        pendingOpen = true;
    }

    @Override
    public void endOfInput() {
        // Called inside chain.receive, before the plaintext that came with it has been decoded:
        // acted on once inbound() has delivered those messages.
        layerInputEnded = true;
    }

    // ---- outbound -------------------------------------------------------------------------

    @Override
    public String id() {
        return id;
    }

    @Override
    public void send(T message) {
        ByteBuffer[] parts = encode(message);
        reserve(size(parts), options.overflowPolicy());
        write(parts, true);
    }

    @Override
    public boolean trySend(T message) {
        ByteBuffer[] parts = encode(message);
        if (!hasRoom(size(parts))) {
            if (!isOpen()) {
                throw closedException();
            }
            return false;
        }
        write(parts, true);
        return true;
    }

    @Override
    public void close(T lastMessage) {
        ByteBuffer[] parts = encode(lastMessage);
        try {
            write(parts, true);
        } catch (RuntimeException e) {
            // already closed: nothing to say goodbye on
        }
        closeOrderly(null);
    }

    private ByteBuffer[] encode(T message) {
        List<ByteBuffer> parts = new ArrayList<>(2);
        framer.encode(message, parts);
        return parts.toArray(ByteBuffer[]::new);
    }

    private static long size(ByteBuffer[] parts) {
        long n = 0;
        for (ByteBuffer p : parts) {
            n += p.remaining();
        }
        return n;
    }

    /** Writes under the read side of the send lock, so no message slips in after close starts. */
    private void write(ByteBuffer[] parts, boolean countMessage) {
        sendLock.readLock().lock();
        try {
            if (state.get() != OPEN || outputShut) {
                throw closedException();
            }
            if (countMessage) {
                counters.messagesSent.increment();
            }
            // a borrowed message sent back from onMessage is a view of the wire's read buffer
            writeParts(parts, borrowing && Thread.currentThread() == delivering);
            if (!wire.isOpen()) {
                // The driver discards writes to a closed wire: tell the sender instead of dropping silently.
                throw new dev.wirekit.api.SessionClosedException(
                        describe() + " closed while the message was being sent; it may not have been delivered",
                        closeCause());
            }
        } catch (IOException e) {
            abort(e);
            throw closedException();
        } finally {
            sendLock.readLock().unlock();
        }
    }

    @Override
    public void sendFile(FileChannel file, long position, long count) throws IOException {
        if (chain == null && transport.capabilities().zeroCopyFileTransfer()) {
            reserve(count, options.overflowPolicy());
            sendLock.readLock().lock();
            try {
                if (state.get() != OPEN) {
                    throw closedException();
                }
                touch();
                counters.bytesWritten.add(count);
                wire.writeFile(file, position, count);
            } finally {
                sendLock.readLock().unlock();
            }
            return;
        }
        long end = position + count;
        for (long at = position; at < end; ) {
            ByteBuffer chunk = ByteBuffer.allocate((int) Math.min(FILE_CHUNK, end - at));
            int n = file.read(chunk, at);
            if (n < 0) {
                throw new EOFException("file ended " + (end - at) + " bytes before the requested range");
            }
            at += n;
            chunk.flip();
            reserve(n, options.overflowPolicy());
            write(new ByteBuffer[] {chunk}, false);
        }
    }

    @Override
    public void flush() throws IOException {
        awaitDrained(options.writeTimeout());
    }

    @Override
    public void shutdownOutput() {
        sendLock.writeLock().lock();
        try {
            if (state.get() != OPEN || outputShut) {
                return;
            }
            outputShut = true;
            if (chain != null) {
                chain.closeOutbound();
            }
            wire.shutdownOutput();
        } catch (IOException e) {
            abort(e);
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
