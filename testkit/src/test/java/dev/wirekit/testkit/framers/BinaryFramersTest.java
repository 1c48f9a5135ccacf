package dev.wirekit.testkit.framers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wirekit.api.framing.CorruptedFrameException;
import dev.wirekit.api.framing.FrameTooLongException;
import dev.wirekit.api.framing.Framer;
import dev.wirekit.api.framing.Framers;
import dev.wirekit.testkit.FramerHarness;
import dev.wirekit.testkit.FramerVerification;
import dev.wirekit.testkit.property.Generator;
import dev.wirekit.testkit.property.Generators;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The built-in binary framers against the framer rules, plus their own edge cases. */
class BinaryFramersTest {
    static final int MAX = 300;

    static Generator<ByteBuffer> payloads(int max) {
        return Generators.map(Generators.bytes(max), ByteBuffer::wrap);
    }

    /** Every header size, both byte orders, with and without the header counted. */
    abstract static class LengthPrefixed extends FramerVerification<ByteBuffer> {
        abstract int header();

        ByteOrder order() {
            return ByteOrder.BIG_ENDIAN;
        }

        boolean includesHeader() {
            return false;
        }

        int max() {
            return header() == 1 ? 200 : MAX;
        }

        @Override
        protected Framer<ByteBuffer> framer() {
            return Framers.lengthPrefixed(header(), order(), includesHeader(), max());
        }

        @Override
        protected Generator<ByteBuffer> messages() {
            return payloads(max());
        }

        @Override
        protected byte[] oversizedInput() {
            ByteBuffer b = ByteBuffer.allocate(header() + max() + 1).order(order());
            long value = max() + 1 + (includesHeader() ? header() : 0);
            switch (header()) {
                case 1 -> b.put((byte) value);
                case 2 -> b.putShort((short) value);
                case 4 -> b.putInt((int) value);
                default -> b.putLong(value);
            }
            return b.array();
        }

        @Override
        protected ByteBuffer oversizedMessage() {
            return ByteBuffer.allocate(max() + 1);
        }
    }

    @Nested
    class OneByte extends LengthPrefixed {
        int header() {
            return 1;
        }
    }

    @Nested
    class TwoBytes extends LengthPrefixed {
        int header() {
            return 2;
        }
    }

    @Nested
    class FourBytesLittleEndianIncludingHeader extends LengthPrefixed {
        int header() {
            return 4;
        }

        @Override
        ByteOrder order() {
            return ByteOrder.LITTLE_ENDIAN;
        }

        @Override
        boolean includesHeader() {
            return true;
        }
    }

    @Nested
    class EightBytes extends LengthPrefixed {
        int header() {
            return 8;
        }
    }

    @Nested
    class Delimiter extends FramerVerification<ByteBuffer> {
        @Override
        protected Framer<ByteBuffer> framer() {
            return Framers.delimiter(MAX, (byte) 0, (byte) 0);
        }

        @Override
        protected Generator<ByteBuffer> messages() {
            return Generators.map(Generators.bytes(MAX, b -> b != 0), ByteBuffer::wrap);
        }

        @Override
        protected byte[] oversizedInput() {
            byte[] b = new byte[MAX + 2];
            java.util.Arrays.fill(b, (byte) 'q');
            return b;
        }

        @Override
        protected ByteBuffer oversizedMessage() {
            return ByteBuffer.wrap(new byte[MAX + 1]);
        }

        @Override
        protected byte[] oversizedFrame() {
            byte[] b = new byte[MAX + 50];
            java.util.Arrays.fill(b, (byte) 'q');
            b[MAX + 48] = 0;
            b[MAX + 49] = 0;
            return b;
        }
    }

    @Nested
    class FixedLength extends FramerVerification<ByteBuffer> {
        @Override
        protected Framer<ByteBuffer> framer() {
            return Framers.fixedLength(16);
        }

        @Override
        protected Generator<ByteBuffer> messages() {
            return (random, size) -> {
                byte[] b = new byte[16];
                random.nextBytes(b);
                return ByteBuffer.wrap(b);
            };
        }

        @Override
        protected ByteBuffer oversizedMessage() {
            return ByteBuffer.allocate(17);
        }
    }

    @Nested
    class Raw extends FramerVerification<ByteBuffer> {
        @Override
        protected Framer<ByteBuffer> framer() {
            return Framers.raw(MAX);
        }

        @Override
        protected Generator<ByteBuffer> messages() {
            return Generators.map(Generators.bytes(MAX), ByteBuffer::wrap);
        }

        @Override
        protected boolean waitsForWholeFrames() {
            return false;
        }

        @Override
        protected ByteBuffer oversizedMessage() {
            return ByteBuffer.allocate(MAX + 1);
        }
    }

    @Test
    void rawFramingDeliversTheWholeStreamInOrder() {
        byte[] data = new byte[10_000];
        new java.util.Random(1).nextBytes(data);
        List<ByteBuffer> chunks = FramerHarness.decode(
                Framers.raw(1000),
                dev.wirekit.testkit.property.Chunking.RANDOM.split(data, new java.util.SplittableRandom(2)));
        ByteBuffer all = ByteBuffer.allocate(data.length);
        chunks.forEach(c -> {
            assertTrue(c.remaining() <= 1000, "chunk larger than the maximum");
            all.put(c);
        });
        assertEquals(ByteBuffer.wrap(data), all.flip());
    }

    @Test
    void lengthHeaderMustFitTheMaximum() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Framers.lengthPrefixed(1, 300));
        assertTrue(e.getMessage().contains("1-byte"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Framers.lengthPrefixed(3, 10));
    }

    @Test
    void lengthSmallerThanTheHeaderIsCorrupt() {
        Framer<ByteBuffer> framer = Framers.lengthPrefixed(2, ByteOrder.BIG_ENDIAN, true, 100);
        CorruptedFrameException e = assertThrows(
                CorruptedFrameException.class, () -> framer.newDecoder().decode(ByteBuffer.wrap(new byte[] {0, 1})));
        assertTrue(e.getMessage().contains("less than the header"), e.getMessage());
    }

    @Test
    void oversizedDeclaredLengthIsRefusedAsSoonAsTheHeaderArrives() {
        Framer<ByteBuffer> framer = Framers.lengthPrefixed(4, 1024);
        FrameTooLongException e = assertThrows(
                FrameTooLongException.class,
                () -> framer.newDecoder().decode(ByteBuffer.wrap(new byte[] {0x7F, 0, 0, 0})));
        assertEquals(0x7F000000L, e.length());
        assertTrue(!e.isRecoverable(), "a stream with a bad length cannot be resynchronised");
    }

    @Test
    void mappedFramerTurnsDecoderFailuresIntoCorruptFrames() {
        Framer<Integer> numbers = Framers.lines(16).map(Integer::parseInt, String::valueOf);
        assertEquals(List.of(12, -3), FramerHarness.decode(numbers, List.of(ByteBuffer.wrap("12\n-3\n".getBytes()))));
        CorruptedFrameException e = assertThrows(
                CorruptedFrameException.class,
                () -> FramerHarness.decode(numbers, List.of(ByteBuffer.wrap("twelve\n".getBytes()))));
        assertTrue(e.isRecoverable());
    }
}
