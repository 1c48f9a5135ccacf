package dev.wirekit.api;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.FileChannel;
import java.util.Optional;

/**
 * One connection (or one datagram peer) seen through a framer: messages in, messages out.
 *
 * <p>All methods are thread-safe. {@link #send} may be called from any thread; messages sent by
 * one thread are written in the order they were sent.
 *
 * @param <T> the message type
 */
public interface Session<T> {

    /** A short identifier, unique within the JVM, for logs: {@code nio-17}, {@code udp-3}. */
    String id();

    InetSocketAddress remoteAddress();

    InetSocketAddress localAddress();

    /** What the security layer negotiated; empty when the session has no TLS or DTLS layer. */
    Optional<SecurityInfo> security();

    /** True until the session starts closing. */
    boolean isOpen();

    /**
     * Frames {@code message} and queues it for writing.
     *
     * <p>When the queue is full the session's {@link OverflowPolicy} applies: by default the
     * caller waits for room (for at most the write timeout). The message is either queued whole
     * or refused whole with an exception; it is never dropped silently.
     *
     * @throws SessionClosedException when the session is closed or closing
     * @throws OutboundOverflowException when the queue is full and the policy refuses the message
     * @throws dev.wirekit.api.framing.FrameTooLongException when the message exceeds the framer's
     *     maximum frame length (the session stays open)
     */
    void send(T message);

    /**
     * Queues {@code message} if there is room now, never waiting.
     *
     * @return false, with nothing queued, when the outbound queue is full
     * @throws SessionClosedException when the session is closed or closing
     */
    boolean trySend(T message);

    /**
     * Queues {@code count} bytes of {@code file} from {@code position}, unframed, after everything
     * sent before. For protocols whose frames announce raw data that follows them (file transfer).
     * On a transport that supports it and with no layer in the way, the bytes go from the file to
     * the socket without being copied through the JVM. The caller keeps the file open until the
     * session has written it; {@link #flush()} waits for that.
     *
     * @throws UnsupportedOperationException on a datagram session
     */
    void sendFile(FileChannel file, long position, long count) throws IOException;

    /**
     * Waits until everything queued so far has been handed to the socket (or the session closed).
     *
     * @throws IOException when the session closed before its output was written
     */
    void flush() throws IOException;

    /**
     * Ends this side of a stream session (TCP half-close; over TLS, close_notify) after what was
     * queued: the peer reads the end of its input, and messages from it still arrive. Further sends
     * throw {@link SessionClosedException}. On a datagram session it only stops further sends.
     */
    void shutdownOutput();

    /**
     * Closes the session in order: no more messages are accepted, what was queued is written (for
     * at most the drain timeout), a TLS layer sends its close_notify, then the connection closes.
     * Returns at once; {@link Service#onClose} follows. Calling it again does nothing.
     */
    void close();

    /**
     * Queues {@code lastMessage} even when the outbound queue is full, then closes the session as
     * {@link #close()} does: the way to tell a peer why it is being disconnected.
     */
    void close(T lastMessage);

    /** Closes at once, discarding queued output; a TCP peer sees a reset. */
    void abort();

    /** The attribute stored under {@code key}, or null. */
    <A> A attribute(AttributeKey<A> key);

    /** Stores {@code value} under {@code key} (null removes it); returns the previous value. */
    <A> A attribute(AttributeKey<A> key, A value);
}
