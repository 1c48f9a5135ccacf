package dev.wirekit.file.internal;

import dev.wirekit.api.framing.FrameDecoder;
import dev.wirekit.api.framing.Framer;
import dev.wirekit.api.framing.Framers;
import dev.wirekit.file.internal.FileMessage.Chunk;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * The file protocol's framing: header frames behind a 4-byte length ({@link Framers#lengthPrefixed}
 * with {@link FileCodec} on top), and after a header that announces raw bytes ({@code FILE},
 * {@code DATA}) exactly that many raw bytes, which the decoder hands over as {@link Chunk}s of at
 * most {@link #MAX_CHUNK} bytes before it reads the next header.
 *
 * <pre>
 * BEFORE DECODE                                           AFTER DECODE
 * +-----------+----------------+------------+             +------------+ +-----------+ +-----------+
 * | 00 00 00 9| 32 ..length=5..| H E L L O  |  --------&gt;  | Data(5)    | | Chunk(HE) | | Chunk(LLO)|
 * +-----------+----------------+------------+             +------------+ +-----------+ +-----------+
 * </pre>
 *
 * <p>{@link Framer#map} alone cannot express the raw mode (a mapped decoder turns frames into
 * messages one for one), so this framer composes the length-prefixed framer and the codec itself.
 * The decoder keeps state (how many raw bytes are still due), so each connection needs its own
 * from {@link #newDecoder()}. Encoding a {@link Chunk} writes its bytes as they are; encoding a
 * {@code FILE} or {@code DATA} header writes only the header, and the sender follows it with the
 * raw bytes (a {@link Chunk} or a file region).
 */
public final class FileFramer implements Framer<FileMessage> {
    /** The longest header frame payload. */
    public static final int MAX_FRAME = 64 * 1024;
    /** The most raw bytes in one decoded {@link Chunk}. */
    public static final int MAX_CHUNK = 64 * 1024;

    private static final FileFramer INSTANCE = new FileFramer();

    private final Framer<ByteBuffer> frames = Framers.lengthPrefixed(4, MAX_FRAME);

    private FileFramer() {}

    /** The framer (it is immutable and thread-safe). */
    public static FileFramer instance() {
        return INSTANCE;
    }

    @Override
    public FrameDecoder<FileMessage> newDecoder() {
        return new Decoder(frames.newDecoder());
    }

    @Override
    public void encode(FileMessage message, List<ByteBuffer> out) {
        if (message instanceof Chunk chunk) {
            out.add(chunk.data().duplicate());
        } else {
            frames.encode(FileCodec.encode(message), out);
        }
    }

    @Override
    public int maxFrameLength() {
        return MAX_FRAME;
    }

    @Override
    public String toString() {
        return "FileFramer[" + frames + "]";
    }

    /** One connection's decoder: header frames, then the raw bytes a header announced. */
    private static final class Decoder implements FrameDecoder<FileMessage> {
        private final FrameDecoder<ByteBuffer> frames;
        private long rawDue;

        Decoder(FrameDecoder<ByteBuffer> frames) {
            this.frames = frames;
        }

        @Override
        public FileMessage decode(ByteBuffer in) {
            if (rawDue > 0) {
                int n = (int) Math.min(Math.min(rawDue, in.remaining()), MAX_CHUNK);
                if (n == 0) {
                    return null;
                }
                ByteBuffer data = ByteBuffer.allocate(n);
                data.put(0, in, in.position(), n);
                in.position(in.position() + n);
                rawDue -= n;
                return new Chunk(data);
            }
            ByteBuffer frame = frames.decode(in);
            if (frame == null) {
                return null;
            }
            FileMessage message = FileCodec.decode(frame);
            rawDue = message.rawLength();
            return message;
        }
    }
}
