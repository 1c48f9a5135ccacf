package dev.wirekit.api.framing;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Turns a byte stream into messages and messages into bytes.
 *
 * <p>A framer is immutable and thread-safe: one instance serves every connection of a server.
 * Decoding state belongs to the per-connection {@link FrameDecoder} that {@link #newDecoder()}
 * returns. Every framer has a mandatory maximum frame length; a longer frame is refused with
 * {@link FrameTooLongException} on decode and on encode, so neither side can be made to buffer
 * without bound.
 *
 * <p>The built-in framers come from {@link Framers}. A protocol puts its typed codec on top of one
 * of them with {@link #map}, rather than parsing bytes inside its service:
 *
 * <pre>{@code
 * Framer<DnsMessage> tcp = Framers.lengthPrefixed(2, 65535).map(DnsMessage::decode, DnsMessage::encode);
 * }</pre>
 *
 * <p><b>Datagrams.</b> On a datagram transport each datagram carries exactly one message; the
 * transport calls {@link #decodeDatagram} and {@link #encodeDatagram} instead of the stream
 * methods. The defaults treat a datagram as one stream frame; built-ins override them where a
 * datagram needs no frame delimiting (lines, raw).
 *
 * @param <T> the message type
 */
public interface Framer<T> {

    /** A new decoder for one connection's inbound bytes. */
    FrameDecoder<T> newDecoder();

    /**
     * A new decoder whose {@code ByteBuffer} messages may be read-only <em>views</em> of the bytes
     * it is given instead of copies, valid only until the caller reuses that input. Transports use
     * it only for services that {@linkplain dev.wirekit.api.Service#borrowsMessages() borrow their
     * messages}. The default returns {@link #newDecoder()}; the raw and length-prefixed framers
     * return views.
     */
    default FrameDecoder<T> newViewDecoder() {
        return newDecoder();
    }

    /**
     * Appends the bytes of {@code message}'s frame to {@code out}, as one or more buffers to be
     * written in order (a length header and the payload, say, without copying the payload). The
     * framer never changes the position of a buffer message: it adds a duplicate, so one message
     * can be sent to many connections.
     *
     * @throws FrameTooLongException when the message is longer than {@link #maxFrameLength()}
     * @throws IllegalArgumentException when the message cannot be framed (a line that contains a
     *     line ending, a fixed-length frame of the wrong size)
     */
    void encode(T message, List<ByteBuffer> out);

    /** The longest frame, in bytes and not counting headers or delimiters, this framer accepts. */
    int maxFrameLength();

    /**
     * Decodes a whole datagram as exactly one message.
     *
     * @throws CorruptedFrameException when the datagram is not exactly one frame
     */
    default T decodeDatagram(ByteBuffer datagram) {
        int size = datagram.remaining();
        T message = newDecoder().decode(datagram);
        if (message == null || datagram.hasRemaining()) {
            throw new CorruptedFrameException(
                    "datagram of " + size + " bytes is not exactly one frame ("
                            + (message == null ? "incomplete frame" : datagram.remaining() + " bytes left over") + ")",
                    true);
        }
        return message;
    }

    /** Encodes one message as a whole datagram. */
    default ByteBuffer encodeDatagram(T message) {
        List<ByteBuffer> parts = new ArrayList<>(2);
        encode(message, parts);
        if (parts.size() == 1) {
            return parts.get(0);
        }
        return dev.wirekit.spi.Wire.copyOf(parts.toArray(ByteBuffer[]::new));
    }

    /**
     * A framer for messages of type {@code R}, carried in this framer's frames. {@code decoder}
     * turns a frame's message into an {@code R}; if it throws anything but a
     * {@link FramingException}, that becomes a recoverable {@link CorruptedFrameException} naming
     * the failure. {@code encoder} turns an {@code R} back into a frame's message.
     */
    default <R> Framer<R> map(Function<? super T, ? extends R> decoder, Function<? super R, ? extends T> encoder) {
        return new MappedFramer<>(this, decoder, encoder);
    }
}
