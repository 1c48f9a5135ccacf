package dev.wirekit.api;

import dev.wirekit.api.framing.FramingException;

/**
 * Protocol logic on the server side (or on a client connection that wants callbacks): it sees a
 * session open, receives its messages, and sees it close. One service instance serves every
 * session of a server, so per-session state lives in the {@link Session} (attributes) or in maps
 * the service keeps itself.
 *
 * <p>The same class runs unchanged on every transport (blocking, NIO, third-party), over TCP or
 * UDP, with or without TLS.
 *
 * <h2>Threading</h2>
 *
 * <ul>
 *   <li><b>Serial per session.</b> The callbacks for one session are invoked one at a time, in
 *       order: {@code onOpen} happens-before every {@code onMessage}, which happen-before
 *       {@code onClose}. Two callbacks for the same session never overlap. Callbacks for
 *       different sessions run concurrently.
 *   <li><b>May block.</b> By default a callback runs on a virtual thread and may block: read a
 *       file, connect upstream, wait for a lock. While it runs, that session's inbound messages
 *       wait (reading pauses once {@link TransportOptions#maxInboundBytes()} are buffered); other
 *       sessions are unaffected.
 *   <li><b>Non-blocking services.</b> A service whose {@link #isNonBlocking()} returns true
 *       promises that its callbacks never block. An event-loop transport may then run them on the
 *       loop thread for the lowest overhead. Blocking in such a callback stalls every connection
 *       on that loop.
 *   <li><b>Sending from anywhere.</b> {@link Session#send} may be called from any thread, at any
 *       time, including from another session's callback (fan-out).
 * </ul>
 *
 * <h2>Errors</h2>
 *
 * An exception thrown from a callback closes that session (one log line, the exception passed to
 * {@code onClose}); the server and its other sessions carry on.
 *
 * @param <T> the message type the session's framer produces
 */
public interface Service<T> {

    /**
     * A session has opened: a connection was accepted (after its layers' handshake, so
     * {@link Session#security()} is known), or a datagram peer sent its first datagram.
     */
    default void onOpen(Session<T> session) throws Exception {}

    /** A message has arrived on {@code session}. */
    void onMessage(Session<T> session, T message) throws Exception;

    /**
     * The peer has finished sending (it half-closed its side, or a datagram session expired). By
     * default the session is closed: what the service already sent is written first. A service
     * that wants to go on writing to a half-closed peer overrides this.
     */
    default void onInputClosed(Session<T> session) throws Exception {
        session.close();
    }

    /**
     * The peer sent bytes that are not a valid frame. Return true to keep the session open (only
     * honoured when {@link FramingException#isRecoverable()}): a text protocol, say, answers with
     * an error reply and reads on. Return false, the default, to close the session; the transport
     * logs one line naming the peer and the error.
     */
    default boolean onFramingError(Session<T> session, FramingException error) throws Exception {
        return false;
    }

    /**
     * The session has closed; no callback follows. {@code cause} is null after an orderly close by
     * either side, else why it closed: an {@link IdleTimeoutException}, a
     * {@link FramingException}, an {@link java.io.IOException} from the socket, or an exception
     * thrown by this service.
     */
    default void onClose(Session<T> session, Throwable cause) {}

    /**
     * True when none of this service's callbacks ever block, so an event-loop transport may run
     * them on its loop threads. False by default.
     */
    default boolean isNonBlocking() {
        return false;
    }

    /**
     * True when this service only <em>borrows</em> each message: it reads it during
     * {@link #onMessage} and may send it back on the same session there, but keeps no reference
     * once {@code onMessage} returns (to keep a message, or to send it to another session, copy
     * it). A service that borrows and runs on the transport's own delivery thread (on the blocking
     * transport always; on an event-loop transport when it is {@linkplain #isNonBlocking()
     * non-blocking}), without layers, is then given {@code ByteBuffer} messages as read-only views
     * of the transport's read buffer instead of copies ({@link dev.wirekit.api.framing.Framer#newViewDecoder()}),
     * and what it sends back during {@code onMessage} is written from that memory, copied only if
     * the socket cannot take it at once: an echo or relay of large messages then copies nothing.
     * False by default; ignored everywhere else.
     */
    default boolean borrowsMessages() {
        return false;
    }
}
