package dev.wirekit.api.framing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link Framer#newViewDecoder()}: the raw and length-prefixed framers hand out read-only views of
 * their input that hold exactly what {@link Framer#newDecoder()} copies, and enforce the same limits.
 */
class ViewDecoderTest {
    @Test
    void viewsHoldWhatCopiesHold() {
        Random random = new Random(7);
        List<Framer<ByteBuffer>> framers = List.of(
                Framers.raw(1000),
                Framers.lengthPrefixed(2, 5000),
                Framers.lengthPrefixed(4, ByteOrder.LITTLE_ENDIAN, true, 5000));
        for (Framer<ByteBuffer> framer : framers) {
            List<ByteBuffer> parts = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                byte[] m = new byte[random.nextInt(3000)];
                random.nextBytes(m);
                framer.encode(ByteBuffer.wrap(m, 0, Math.min(m.length, framer.maxFrameLength())), parts);
            }
            ByteBuffer input = ByteBuffer.allocateDirect(
                    parts.stream().mapToInt(ByteBuffer::remaining).sum());
            parts.forEach(input::put);
            input.flip();
            ByteBuffer forCopies = input.duplicate();
            FrameDecoder<ByteBuffer> copies = framer.newDecoder();
            FrameDecoder<ByteBuffer> views = framer.newViewDecoder();
            int frames = 0;
            for (ByteBuffer view; (view = views.decode(input)) != null; frames++) {
                ByteBuffer copy = copies.decode(forCopies);
                assertTrue(view.isReadOnly(), framer + ": a view is read-only");
                assertTrue(view.isDirect(), framer + ": a view shares the input's memory");
                assertEquals(copy, view, framer + ": frame " + frames);
            }
            assertNull(copies.decode(forCopies), framer + ": both decoders see the same frames");
            assertEquals(0, input.remaining(), framer + ": everything decoded");
            assertTrue(frames > 1, framer + ": " + frames + " frames");
        }
    }

    @Test
    void viewsEnforceTheSameLimit() {
        ByteBuffer tooLong =
                ByteBuffer.allocate(6).putShort((short) 5001).put(new byte[4]).flip();
        assertThrows(
                FrameTooLongException.class,
                () -> Framers.lengthPrefixed(2, 5000).newViewDecoder().decode(tooLong));
    }
}
