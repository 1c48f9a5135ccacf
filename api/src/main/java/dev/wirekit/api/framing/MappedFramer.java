package dev.wirekit.api.framing;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.function.Function;

/** {@link Framer#map}: a typed codec on top of another framer's frames. */
final class MappedFramer<T, R> implements Framer<R> {
    private final Framer<T> inner;
    private final Function<? super T, ? extends R> decoder;
    private final Function<? super R, ? extends T> encoder;

    MappedFramer(Framer<T> inner, Function<? super T, ? extends R> decoder, Function<? super R, ? extends T> encoder) {
        this.inner = inner;
        this.decoder = decoder;
        this.encoder = encoder;
    }

    @Override
    public FrameDecoder<R> newDecoder() {
        FrameDecoder<T> frames = inner.newDecoder();
        return in -> {
            T frame = frames.decode(in);
            return frame == null ? null : convert(frame);
        };
    }

    private R convert(T frame) {
        try {
            R message = decoder.apply(frame);
            if (message == null) {
                throw new CorruptedFrameException("the message decoder returned null for a frame", true);
            }
            return message;
        } catch (FramingException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new CorruptedFrameException("frame could not be decoded: " + e.getMessage(), true, e);
        }
    }

    @Override
    public void encode(R message, List<ByteBuffer> out) {
        inner.encode(encoder.apply(message), out);
    }

    @Override
    public int maxFrameLength() {
        return inner.maxFrameLength();
    }

    @Override
    public R decodeDatagram(ByteBuffer datagram) {
        return convert(inner.decodeDatagram(datagram));
    }

    @Override
    public ByteBuffer encodeDatagram(R message) {
        return inner.encodeDatagram(encoder.apply(message));
    }

    @Override
    public String toString() {
        return inner + ".map(...)";
    }
}
