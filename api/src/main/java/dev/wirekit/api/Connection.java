package dev.wirekit.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.time.Duration;
import java.util.Optional;

/**
 * One live byte stream with blocking reads and writes, meant to be used from virtual threads: a
 * client connection, or what a {@link ConnectionHandler} receives. Layers (TLS) are already applied:
 * the bytes read and written here are plaintext.
 *
 * <p>One thread may read while another writes. Reads are not thread-safe among themselves, nor are
 * writes.
 */
public interface Connection extends AutoCloseable {

    /**
     * Answers bytes on the transport's event loop, as they arrive, instead of waking the thread
     * that reads this connection: a fast path for protocols whose common requests can be answered
     * without blocking (an HTTP server's cached small files). Everything else stays on that thread,
     * in order.
     *
     * <p>The contract:
     *
     * <ul>
     *   <li>Only the connection's reading thread arms, and only between messages: when it has no
     *       bytes of its own buffered and none of its output held back in its own buffers (what it
     *       has written may still be queued: answers queue behind it). It then calls {@link #read};
     *       while it waits there, each chunk of bytes that arrives is offered to {@code reader} on
     *       the event loop.
     *   <li>{@link InlineReader#answer} either takes the whole chunk (it has answered it, with
     *       non-blocking writes on this connection, and returns true) or declines it without having
     *       written anything (false). A declined chunk, and everything after it, goes to {@link
     *       #read} as usual: the connection is disarmed until the reading thread arms it again.
     *   <li>{@link #read} returns only bytes the reader declined; when it returns, for whatever
     *       reason, the connection is disarmed, after any answer in progress has finished. Time spent
     *       answering on the loop counts as activity: the read's timeout runs from the last answer.
     *   <li>If {@code answer} throws, the connection is aborted.
     * </ul>
     *
     * @return true when armed; false when this connection cannot answer on an event loop (a
     *     thread-per-connection transport, a layer such as TLS on the connection, bytes already
     *     waiting for {@link #read}, or a closed connection): then the caller just reads
     */
    default boolean armInline(InlineReader reader) {
        return false;
    }

    /**
     * What answers bytes on the event loop for {@link #armInline}. Must not block: no waiting for
     * locks held by other threads, no file or network I/O beyond non-blocking writes to the
     * connection (which queue when the socket is full, as a loop's writes do).
     */
    @FunctionalInterface
    interface InlineReader {
        /**
         * @param data the bytes that arrived; valid only during the call
         * @return true when it took all of {@code data} and answered it; false to decline, having
         *     written nothing, so that {@link Connection#read} gets the bytes
         */
        boolean answer(ByteBuffer data) throws IOException;
    }

    /**
     * Reads at least one byte into {@code dst}, waiting for at most the read timeout.
     *
     * @return the number of bytes read, or -1 at the end of the stream (the peer closed or
     *     half-closed its side)
     * @throws java.net.SocketTimeoutException when nothing arrived in time (the connection stays
     *     usable)
     */
    int read(ByteBuffer dst) throws IOException;

    /** {@link #read(ByteBuffer)} with its own timeout; {@link Duration#ZERO} waits without limit. */
    int read(ByteBuffer dst, Duration timeout) throws IOException;

    /**
     * Writes all remaining bytes of {@code srcs}, in order. Returns once they are queued for the
     * socket; waits while the outbound queue is full (for at most the write timeout, after which
     * the connection is closed with a {@link WriteTimeoutException}). The buffers may be reused as
     * soon as this returns.
     */
    void write(ByteBuffer... srcs) throws IOException;

    /**
     * Writes {@code count} bytes of {@code file} starting at {@code position}. Without a layer in
     * the way and on a transport that supports it, the bytes go from the file to the socket
     * without passing through the JVM (zero-copy). Returns once they have been written or queued;
     * the file must stay open until {@link #flush()} returns.
     *
     * @return the number of bytes written, which is {@code count} unless the file is shorter
     */
    long transferFrom(FileChannel file, long position, long count) throws IOException;

    /** Waits until everything written so far has been handed to the socket. */
    void flush() throws IOException;

    /**
     * Half-closes: the peer reads the end of the stream after everything written so far; this
     * side can still read. Over TLS this sends close_notify.
     */
    void shutdownOutput() throws IOException;

    /** A blocking {@link InputStream} over {@link #read(ByteBuffer)}. */
    InputStream inputStream();

    /** An {@link OutputStream} over {@link #write}; {@code close()} half-closes. */
    OutputStream outputStream();

    InetSocketAddress remoteAddress();

    InetSocketAddress localAddress();

    /** What the security layer negotiated, if there is one. */
    Optional<SecurityInfo> security();

    boolean isOpen();

    /**
     * Closes in order: what was written is flushed (for at most the drain timeout), then the
     * connection closes. Calling it again does nothing.
     */
    @Override
    void close();

    /** Closes at once, discarding unwritten output; the peer sees a reset. */
    void abort();
}
