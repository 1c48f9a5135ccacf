package dev.wirekit.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.wirekit.api.framing.FrameDecoder;
import dev.wirekit.api.framing.FrameTooLongException;
import dev.wirekit.api.framing.Framer;
import dev.wirekit.api.framing.FramingException;
import dev.wirekit.testkit.property.Chunking;
import dev.wirekit.testkit.property.Generator;
import dev.wirekit.testkit.property.Generators;
import dev.wirekit.testkit.property.Property;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The rules every {@link Framer} must follow (SPEC.md, section F). Extend it, fill in the factory
 * methods, and run it with JUnit 5:
 *
 * <pre>{@code
 * class MyFramerTest extends FramerVerification<ByteBuffer> {
 *     protected Framer<ByteBuffer> framer() { return new MyFramer(1024); }
 *     protected Generator<ByteBuffer> messages() { return Generators.map(Generators.bytes(1024), ByteBuffer::wrap); }
 *     protected byte[] oversizedInput() { ... a frame whose payload is 1025 bytes ... }
 * }
 * }</pre>
 *
 * <p>Property rules use the seeded {@link Property} harness: a failure prints the seed that
 * replays it ({@code -Dwirekit.seed=...}) and the smallest failing input.
 *
 * @param <T> the framer's message type
 */
@org.junit.jupiter.api.TestMethodOrder(dev.wirekit.testkit.RuleOrder.class)
public abstract class FramerVerification<T> {

    /** The framer under test. Called once per rule. */
    protected abstract Framer<T> framer();

    /** Valid messages, within the maximum frame length, that the framer must round-trip. */
    protected abstract Generator<T> messages();

    /**
     * Bytes that start a frame longer than the maximum frame length (the header of an oversized
     * length-prefixed frame, or more than the maximum without a delimiter); null skips rule F-3, for
     * framers that never see an oversized frame (raw framing chops instead).
     */
    protected byte[] oversizedInput() {
        return null;
    }

    /**
     * Capability: whether the framer waits for whole frames. A raw framer, which hands over whatever
     * has arrived, returns false, and the rules about message boundaries (F-1, F-2) are skipped.
     */
    protected boolean waitsForWholeFrames() {
        return true;
    }

    /**
     * A whole oversized frame, ending the way the framer's frames end (a line and its LF), after
     * which a framer that resynchronises must decode the next frame normally; null skips rule F-9
     * (framers that cannot resynchronise, such as length-prefixed ones).
     */
    protected byte[] oversizedFrame() {
        return null;
    }

    /** A message longer than the maximum, which encoding must refuse; null skips rule F-4. */
    protected T oversizedMessage() {
        return null;
    }

    /** Whether two messages are equal; {@link Object#equals} by default. */
    protected boolean sameMessage(T expected, T actual) {
        return java.util.Objects.equals(expected, actual);
    }

    /** Trials per property; raise it for a deeper run. */
    protected int trials() {
        return 150;
    }

    private void roundTrip(String id, Chunking chunking) {
        assumeTrue(waitsForWholeFrames(), "the framer has no message boundaries to round-trip (waitsForWholeFrames())");
        Rule.verify(
                id,
                "decode(encode(messages)) == messages when the bytes arrive "
                        + chunking.name().toLowerCase().replace('_', ' '),
                "the decoder returns null and consumes nothing on a partial frame, and keeps no state that assumes a whole"
                        + " header arrives in one read",
                () -> Property.named(id + " round trip, " + chunking)
                        .trials(trials())
                        .check(Generators.lists(messages(), 12), messages -> {
                            Framer<T> framer = framer();
                            byte[] wire = FramerHarness.encode(framer, messages);
                            List<ByteBuffer> pieces = chunking.split(wire, new SplittableRandom(wire.length));
                            List<T> decoded = FramerHarness.decode(framer, pieces);
                            assertEquals(messages.size(), decoded.size(), "number of messages decoded");
                            for (int i = 0; i < messages.size(); i++) {
                                if (!sameMessage(messages.get(i), decoded.get(i))) {
                                    fail("message " + i + " differs: sent " + messages.get(i) + ", decoded "
                                            + decoded.get(i));
                                }
                            }
                        }));
    }

    @Test
    public void required_F1_1_roundTripAllAtOnce() {
        roundTrip("F-1.1", Chunking.ALL_AT_ONCE);
    }

    @Test
    public void required_F1_2_roundTripOneByteAtATime() {
        roundTrip("F-1.2", Chunking.ONE_BYTE);
    }

    @Test
    public void required_F1_3_roundTripRandomChunks() {
        roundTrip("F-1.3", Chunking.RANDOM);
    }

    @Test
    public void required_F2_partialFrameConsumesNothing() {
        assumeTrue(waitsForWholeFrames(), "the framer hands over partial input by design (waitsForWholeFrames())");
        Rule.verify(
                "F-2",
                "given any proper prefix of a frame, decode returns null and leaves the buffer's position unchanged",
                "return null before reading past what is available; read headers with absolute gets, not relative ones",
                () -> Property.named("F-2 partial frames").trials(trials()).check(messages(), message -> {
                    Framer<T> framer = framer();
                    byte[] frame = FramerHarness.encode(framer, List.of(message));
                    for (int cut = 0; cut < frame.length; cut++) {
                        ByteBuffer prefix = ByteBuffer.wrap(frame, 0, cut).slice();
                        FrameDecoder<T> decoder = framer.newDecoder();
                        T result = decoder.decode(prefix);
                        assertNull(result, "decode returned a message from " + cut + " of " + frame.length + " bytes");
                        assertEquals(0, prefix.position(), "decode consumed bytes of an incomplete frame");
                    }
                }));
    }

    @Test
    public void required_F3_oversizedFrameRejected() {
        assumeTrue(oversizedInput() != null, "no oversized input was given (oversizedInput())");
        Rule.verify(
                "F-3",
                "a frame longer than maxFrameLength is refused with FrameTooLongException, even one byte at a time",
                "compare the frame's length (declared or scanned so far) with maxFrameLength before buffering the frame",
                () -> {
                    byte[] oversized = oversizedInput();
                    for (Chunking chunking : Chunking.values()) {
                        FramerHarness.Decoding<T> decoding = new FramerHarness.Decoding<>(framer());
                        FrameTooLongException thrown = null;
                        for (ByteBuffer piece : chunking.split(oversized, new SplittableRandom(7))) {
                            try {
                                decoding.feed(piece);
                            } catch (FrameTooLongException e) {
                                thrown = e;
                                break;
                            }
                        }
                        assertTrue(
                                thrown != null,
                                "no FrameTooLongException for " + oversized.length + " bytes of an oversized frame ("
                                        + chunking + ")");
                        assertTrue(
                                thrown.getMessage().contains(String.valueOf(framer().maxFrameLength())),
                                "the message names the limit: " + thrown.getMessage());
                    }
                });
    }

    @Test
    public void required_F4_oversizedMessageRefusedOnEncode() {
        T oversized = oversizedMessage();
        assumeTrue(oversized != null, "no message longer than the maximum was given (oversizedMessage())");
        Rule.verify(
                "F-4",
                "encoding a message longer than maxFrameLength throws FrameTooLongException and writes nothing",
                "check the message's length against maxFrameLength in encode before adding buffers",
                () -> {
                    List<ByteBuffer> out = new java.util.ArrayList<>();
                    assertThrows(FrameTooLongException.class, () -> framer().encode(oversized, out));
                    assertTrue(out.isEmpty(), "encode added " + out.size() + " buffers before refusing");
                });
    }

    @Test
    public void required_F5_garbageOnlyThrowsFramingExceptions() {
        Rule.verify(
                "F-5",
                "random bytes in random chunks produce messages or FramingExceptions, never any other exception",
                "validate lengths and encodings and throw CorruptedFrameException/FrameTooLongException instead of letting"
                        + " BufferUnderflow, NegativeArraySize or IndexOutOfBounds escape",
                () -> Property.named("F-5 garbage").trials(trials() * 2).check(Generators.bytes(4096), garbage -> {
                    FramerHarness.Decoding<T> decoding = new FramerHarness.Decoding<>(framer());
                    for (ByteBuffer piece : Chunking.RANDOM.split(garbage, new SplittableRandom(garbage.length))) {
                        try {
                            decoding.feed(piece);
                        } catch (FramingException e) {
                            if (!e.isRecoverable()) {
                                return;
                            }
                        }
                    }
                }));
    }

    @Test
    public void required_F6_decodedMessageIndependentOfInput() {
        Rule.verify(
                "F-6",
                "a decoded message does not share memory with the input buffer, which the transport reuses",
                "copy the frame's bytes into a new buffer or array instead of slicing the input",
                () -> Property.named("F-6 independence").trials(trials()).check(messages(), message -> {
                    Framer<T> framer = framer();
                    byte[] frame = FramerHarness.encode(framer, List.of(message));
                    if (frame.length == 0) {
                        return; // an empty raw chunk is no frame at all
                    }
                    ByteBuffer input = ByteBuffer.wrap(frame);
                    T decoded = framer.newDecoder().decode(input);
                    java.util.Arrays.fill(frame, (byte) 0x5A);
                    assertTrue(
                            decoded != null && sameMessage(message, decoded),
                            "the decoded message changed when the input buffer was overwritten");
                }));
    }

    @Test
    public void required_F7_encodeLeavesMessageUnchanged() {
        Rule.verify(
                "F-7",
                "encoding a message twice gives the same bytes: encode never consumes or changes the message",
                "add message.duplicate() (not the message buffer itself) to the output list",
                () -> Property.named("F-7 encode twice").trials(trials()).check(messages(), message -> {
                    Framer<T> framer = framer();
                    byte[] first = FramerHarness.encode(framer, List.of(message));
                    byte[] second = FramerHarness.encode(framer, List.of(message));
                    assertTrue(java.util.Arrays.equals(first, second), "second encoding differs from the first");
                }));
    }

    @Test
    public void required_F8_datagramRoundTrip() {
        Rule.verify(
                "F-8",
                "decodeDatagram(encodeDatagram(m)) == m: one message per datagram",
                "decodeDatagram must consume the whole datagram and return exactly one message",
                () -> Property.named("F-8 datagrams").trials(trials()).check(messages(), message -> {
                    Framer<T> framer = framer();
                    ByteBuffer datagram = framer.encodeDatagram(message);
                    T decoded = framer.decodeDatagram(datagram.duplicate());
                    assertTrue(sameMessage(message, decoded), "datagram round trip gave " + decoded);
                }));
    }

    @Test
    public void required_F9_decodingResumesAfterAnOversizedFrame() {
        byte[] oversized = oversizedFrame();
        assumeTrue(oversized != null, "the framer does not resynchronise after an oversized frame (oversizedFrame())");
        Rule.verify(
                "F-9",
                "after a recoverable FrameTooLongException the next frame is decoded normally, however the bytes arrive",
                "when skipping an oversized frame, look for its end in the bytes already received, not only in later reads",
                () -> Property.named("F-9 resynchronise").trials(trials()).check(messages(), message -> {
                    Framer<T> framer = framer();
                    byte[] next = FramerHarness.encode(framer, List.of(message));
                    byte[] wire = java.util.Arrays.copyOf(oversized, oversized.length + next.length);
                    System.arraycopy(next, 0, wire, oversized.length, next.length);
                    for (Chunking chunking : Chunking.values()) {
                        FramerHarness.Decoding<T> decoding = new FramerHarness.Decoding<>(framer);
                        int tooLong = 0;
                        for (ByteBuffer piece : chunking.split(wire, new SplittableRandom(wire.length))) {
                            try {
                                decoding.feed(piece);
                            } catch (FrameTooLongException e) {
                                assertTrue(e.isRecoverable(), "FrameTooLongException was not recoverable");
                                tooLong++;
                            }
                        }
                        decoding.feed(ByteBuffer.allocate(0));
                        assertEquals(1, tooLong, "FrameTooLongExceptions for one oversized frame (" + chunking + ")");
                        assertEquals(
                                1, decoding.messages().size(), "messages after the oversized frame (" + chunking + ")");
                        assertTrue(sameMessage(message, decoding.messages().get(0)), "the next message differs");
                    }
                }));
    }
}
