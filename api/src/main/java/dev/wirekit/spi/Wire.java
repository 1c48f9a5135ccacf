package dev.wirekit.spi;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * One connection's raw bytes, as a driver moves them. Writes never block: they queue, and the driver
 * writes as the socket accepts; Wirekit bounds the queue using {@link #queuedBytes()} and
 * {@link WireReceiver#onDrained()}.
 */
public interface Wire {

    /**
     * Starts delivering events to {@code receiver}: first {@link WireReceiver#onActive()}, then
     * data. Called exactly once.
     */
    void start(WireReceiver receiver);

    /**
     * Queues {@code buffers} to be written in order, after everything queued before. Never blocks.
     * The wire takes ownership of the buffers. Ignored once the wire is closed.
     */
    void write(ByteBuffer... buffers);

    /**
     * Like {@link #write}, but the buffers stay the caller's: they are valid only during this call
     * (views of a read buffer about to be reused, say) or, for a call made on the thread that
     * delivers {@link WireReceiver#onData} while the receiver handles it, until the driver has
     * written what that read's handling sent, which it does as soon as {@code onData} returns and
     * before it reads or calls the receiver again (it may gather those sends into one write). The
     * caller must not change them meanwhile. What is not written by then must be copied before it
     * is queued. The default copies everything and calls {@link #write}; a driver that writes on
     * its own thread overrides it to copy only what it must keep.
     */
    default void writeTransient(ByteBuffer... buffers) {
        write(copyOf(buffers));
    }

    /**
     * The remaining bytes of {@code buffers}, in order, copied into one new heap buffer that the
     * caller owns; each buffer's position moves to its limit. For wires that must keep bytes they
     * were only lent ({@link #writeTransient}) or that queue copies.
     */
    static ByteBuffer copyOf(ByteBuffer... buffers) {
        int size = 0;
        for (ByteBuffer b : buffers) {
            size += b.remaining();
        }
        ByteBuffer copy = ByteBuffer.allocate(size);
        for (ByteBuffer b : buffers) {
            copy.put(b);
        }
        return copy.flip();
    }

    /**
     * Queues {@code count} bytes of {@code file} from {@code position}, in order with
     * {@link #write}. A driver with the zero-copy capability sends them with
     * {@link FileChannel#transferTo}; others may read and write them.
     */
    void writeFile(FileChannel file, long position, long count);

    /**
     * Writes now what the wire holds back from the calling thread to gather it into one write with
     * what follows (a driver may gather what the receiver sends while it handles one read, on the
     * thread that delivers it). Called before judging the queue, since a backlog held by the caller
     * cannot be waited for. Calls from other threads do nothing. The default holds nothing back.
     */
    default void flushGathered() {}

    /** Bytes queued and not yet written to the socket (file regions count their length). */
    long queuedBytes();

    /** Stops (true) or resumes (false) reading from the socket. Idempotent. */
    void setReadPaused(boolean paused);

    /** After the queued bytes are written, shuts down the socket's output (TCP FIN). */
    void shutdownOutput() throws IOException;

    /** Closes the socket now, discarding anything still queued. Idempotent. */
    void close();

    /** Closes the socket now with a reset (SO_LINGER 0), discarding anything queued. Idempotent. */
    void abort();

    boolean isOpen();

    /** True when the calling thread is this wire's event-loop thread. */
    boolean inEventLoop();

    InetSocketAddress localAddress();

    InetSocketAddress remoteAddress();
}
