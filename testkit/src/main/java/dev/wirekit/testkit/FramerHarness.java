package dev.wirekit.testkit;

import dev.wirekit.api.framing.FrameDecoder;
import dev.wirekit.api.framing.Framer;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a framer the way a transport does, without sockets: bytes arrive in pieces, unconsumed bytes
 * are kept in front of the next piece, and the decoder is called until it wants more.
 */
public final class FramerHarness {
    private FramerHarness() {}

    /** The bytes {@code framer} writes for {@code messages}, one after another. */
    public static <T> byte[] encode(Framer<T> framer, List<T> messages) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<ByteBuffer> parts = new ArrayList<>();
        for (T m : messages) {
            parts.clear();
            framer.encode(m, parts);
            for (ByteBuffer p : parts) {
                byte[] b = new byte[p.remaining()];
                p.get(b);
                out.writeBytes(b);
            }
        }
        return out.toByteArray();
    }

    /**
     * Feeds {@code pieces} to one new decoder of {@code framer} in order and returns every message
     * decoded. Fails if bytes are left over at the end (an incomplete frame).
     */
    public static <T> List<T> decode(Framer<T> framer, List<ByteBuffer> pieces) {
        Decoding<T> decoding = new Decoding<>(framer);
        for (ByteBuffer piece : pieces) {
            decoding.feed(piece);
        }
        if (decoding.buffered() > 0) {
            throw new AssertionError(decoding.buffered() + " bytes left undecoded at the end of the stream"
                    + " (the decoder returned null although a whole frame was buffered, or the input ended mid-frame)");
        }
        return decoding.messages();
    }

    /**
     * One decoder plus the buffer a transport keeps for it: feed pieces, read the messages decoded
     * so far. Exceptions from the decoder propagate from {@link #feed}.
     */
    public static final class Decoding<T> {
        private final FrameDecoder<T> decoder;
        private final List<T> messages = new ArrayList<>();
        private ByteBuffer buffer = ByteBuffer.allocate(0);

        public Decoding(Framer<T> framer) {
            this.decoder = framer.newDecoder();
        }

        /** Appends {@code piece} and decodes every whole frame now buffered. */
        public void feed(ByteBuffer piece) {
            ByteBuffer joined = ByteBuffer.allocate(buffer.remaining() + piece.remaining());
            joined.put(buffer).put(piece.duplicate()).flip();
            buffer = joined;
            while (true) {
                int before = buffer.position();
                T message = decoder.decode(buffer);
                if (message == null) {
                    if (buffer.position() != before && buffer.hasRemaining()) {
                        continue; // it skipped bytes (discarding an oversized frame): try again
                    }
                    return;
                }
                messages.add(message);
            }
        }

        public List<T> messages() {
            return messages;
        }

        /** Bytes received and not yet consumed. */
        public int buffered() {
            return buffer.remaining();
        }
    }
}
