package dev.wirekit.testkit.framers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wirekit.api.framing.CorruptedFrameException;
import dev.wirekit.api.framing.FrameTooLongException;
import dev.wirekit.api.framing.Framer;
import dev.wirekit.api.framing.Framers;
import dev.wirekit.api.framing.LineEnding;
import dev.wirekit.testkit.FramerHarness;
import dev.wirekit.testkit.FramerVerification;
import dev.wirekit.testkit.property.Generator;
import dev.wirekit.testkit.property.Generators;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The built-in line framer against the framer rules, plus its own behaviour. */
class LineFramerTest {
    static final int MAX = 200;

    abstract static class Lines extends FramerVerification<String> {
        @Override
        protected Generator<String> messages() {
            return Generators.text(60, MAX, cp -> cp != '\n' && cp != '\r');
        }

        @Override
        protected byte[] oversizedInput() {
            return "x".repeat(MAX + 2).getBytes(StandardCharsets.US_ASCII);
        }

        @Override
        protected String oversizedMessage() {
            return "y".repeat(MAX + 1);
        }

        @Override
        protected byte[] oversizedFrame() {
            return ("z".repeat(MAX + 40) + "\r\n").getBytes(StandardCharsets.US_ASCII);
        }
    }

    @Nested
    class Lf extends Lines {
        @Override
        protected Framer<String> framer() {
            return Framers.lines(MAX);
        }
    }

    @Nested
    class Crlf extends Lines {
        @Override
        protected Framer<String> framer() {
            return Framers.lines(MAX, StandardCharsets.UTF_8, LineEnding.CRLF);
        }
    }

    private static List<String> decode(Framer<String> framer, String wire) {
        return FramerHarness.decode(framer, List.of(ByteBuffer.wrap(wire.getBytes(StandardCharsets.UTF_8))));
    }

    @Test
    void acceptsLfAndCrlfAndKeepsInnerCr() {
        assertEquals(List.of("a", "b", "c\rd", ""), decode(Framers.lines(10), "a\nb\r\nc\rd\n\n"));
    }

    @Test
    void lineOfExactlyMaxBytesIsAccepted() {
        assertEquals(List.of("abcd"), decode(Framers.lines(4), "abcd\r\n"));
        assertEquals(List.of("abcd"), decode(Framers.lines(4), "abcd\n"));
    }

    @Test
    void longLineIsSkippedAndDecodingRecoversAtTheNextLine() {
        FramerHarness.Decoding<String> decoding = new FramerHarness.Decoding<>(Framers.lines(4));
        FrameTooLongException e = assertThrows(
                FrameTooLongException.class, () -> decoding.feed(ByteBuffer.wrap("toolongline".getBytes())));
        assertTrue(e.isRecoverable());
        decoding.feed(ByteBuffer.wrap("stillgoing\nok\n".getBytes()));
        assertEquals(List.of("ok"), decoding.messages());
    }

    @Test
    void longLineFollowedByAnotherInOneReadKeepsTheSecond() {
        FramerHarness.Decoding<String> decoding = new FramerHarness.Decoding<>(Framers.lines(4));
        assertThrows(
                FrameTooLongException.class, () -> decoding.feed(ByteBuffer.wrap("muchtoolong\nnext\n".getBytes())));
        decoding.feed(ByteBuffer.allocate(0));
        assertEquals(List.of("next"), decoding.messages());
    }

    @Test
    void invalidUtf8IsARecoverableCorruptedFrame() {
        FramerHarness.Decoding<String> decoding = new FramerHarness.Decoding<>(Framers.lines(64));
        CorruptedFrameException e = assertThrows(
                CorruptedFrameException.class,
                () -> decoding.feed(
                        ByteBuffer.wrap(new byte[] {'o', (byte) 0xC3, (byte) 0x28, '\n', 'n', 'e', 'x', 't', '\n'})));
        assertTrue(e.isRecoverable(), "a bad line is skipped");
        assertTrue(e.getMessage().contains("UTF-8"), e.getMessage());
        decoding.feed(ByteBuffer.allocate(0));
        assertEquals(List.of("next"), decoding.messages());
    }

    @Test
    void encodeRefusesLineEndingsInsideAMessage() {
        Framer<String> framer = Framers.lines(64);
        assertThrows(IllegalArgumentException.class, () -> FramerHarness.encode(framer, List.of("a\nb")));
        assertThrows(IllegalArgumentException.class, () -> FramerHarness.encode(framer, List.of("a\r")));
    }

    @Test
    void datagramIsOneLineWithOrWithoutItsEnding() {
        Framer<String> framer = Framers.lines(64);
        assertEquals("5 + 3", framer.decodeDatagram(ByteBuffer.wrap("5 + 3\r\n".getBytes())));
        assertEquals("5 + 3", framer.decodeDatagram(ByteBuffer.wrap("5 + 3".getBytes())));
    }

    @Test
    void rejectsCharsetsThatAreNotAsciiCompatible() {
        assertThrows(IllegalArgumentException.class, () -> Framers.lines(10, StandardCharsets.UTF_16, LineEnding.LF));
        assertThrows(IllegalArgumentException.class, () -> Framers.lines(0));
    }
}
