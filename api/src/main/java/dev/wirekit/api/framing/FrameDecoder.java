package dev.wirekit.api.framing;

import java.nio.ByteBuffer;

/**
 * Cuts one connection's inbound bytes into messages. Obtained from {@link Framer#newDecoder()},
 * one per connection; it may keep state between calls (a scan position, a discarding mode), so
 * it is never shared between connections and is called by one thread at a time.
 *
 * @param <T> the message type
 */
@FunctionalInterface
public interface FrameDecoder<T> {
    /**
     * Decodes the next message from {@code in}.
     *
     * <p>{@code in} is in read mode: the bytes between its position and limit are the bytes
     * received and not yet consumed. If they start with a whole frame, the decoder advances the
     * position past that frame and returns its message. If they hold only part of a frame, it
     * returns {@code null} and leaves the position where it was; the caller calls again when more
     * bytes have arrived, with the unconsumed bytes still at the front. (The one exception: after a
     * recoverable {@link FrameTooLongException} a decoder may consume the rest of the oversized
     * frame as it arrives, to skip it.) The returned message never
     * shares memory with {@code in}, which the caller reuses.
     *
     * @return the message, or {@code null} when {@code in} does not yet hold a whole frame
     * @throws FrameTooLongException when the frame exceeds the framer's maximum length; this is
     *     thrown as soon as the excess is known, without waiting for the rest of the frame
     * @throws CorruptedFrameException when the bytes cannot be a valid frame
     */
    T decode(ByteBuffer in);
}
