package dev.wirekit.api.framing;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Coverage-guided fuzzing of every built-in framer: arbitrary bytes, delivered in arbitrary pieces,
 * produce messages or {@link FramingException}s and nothing else, and never make a decoder buffer
 * more than its limit. Without JAZZER_FUZZ=1 each target replays its stored inputs.
 */
class FramerFuzzTest {

    /** Feeds the rest of {@code data} to a decoder of {@code framer} in pieces the fuzzer chooses. */
    private static <T> void feed(Framer<T> framer, FuzzedDataProvider data) {
        FrameDecoder<T> decoder = framer.newDecoder();
        ByteBuffer buffer = ByteBuffer.allocate(0);
        while (data.remainingBytes() > 0) {
            byte[] piece = data.consumeBytes(1 + data.consumeInt(0, 300));
            ByteBuffer joined = ByteBuffer.allocate(buffer.remaining() + piece.length);
            buffer = joined.put(buffer).put(piece).flip();
            while (true) {
                int before = buffer.position();
                try {
                    T message = decoder.decode(buffer);
                    if (message == null && buffer.position() == before) {
                        break;
                    }
                } catch (FramingException e) {
                    if (!e.isRecoverable()) {
                        return; // the connection would be closed here
                    }
                    // recoverable: the decoder skipped the bad frame; decode what follows
                }
            }
            if (buffer.remaining() > framer.maxFrameLength() + 16) {
                throw new AssertionError(
                        "decoder holds " + buffer.remaining() + " bytes, over its limit of " + framer.maxFrameLength());
            }
        }
    }

    @FuzzTest
    void lines(FuzzedDataProvider data) {
        feed(Framers.lines(1 + data.consumeInt(0, 200), StandardCharsets.UTF_8, LineEnding.CRLF), data);
    }

    @FuzzTest
    void delimiter(FuzzedDataProvider data) {
        byte[] delimiter = data.consumeBytes(1 + data.consumeInt(0, 3));
        if (delimiter.length == 0) {
            return;
        }
        feed(Framers.delimiter(1 + data.consumeInt(0, 200), delimiter), data);
    }

    @FuzzTest
    void lengthPrefixed(FuzzedDataProvider data) {
        int header = data.pickValue(new int[] {1, 2, 4, 8});
        ByteOrder order = data.consumeBoolean() ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        feed(Framers.lengthPrefixed(header, order, data.consumeBoolean(), 1 + data.consumeInt(0, 200)), data);
    }

    @FuzzTest
    void fixedLength(FuzzedDataProvider data) {
        feed(Framers.fixedLength(1 + data.consumeInt(0, 64)), data);
    }

    @FuzzTest
    void raw(FuzzedDataProvider data) {
        feed(Framers.raw(1 + data.consumeInt(0, 64)), data);
    }

    @FuzzTest
    void datagrams(FuzzedDataProvider data) {
        Framer<String> lines = Framers.lines(64);
        try {
            lines.decodeDatagram(ByteBuffer.wrap(data.consumeRemainingAsBytes()));
        } catch (FramingException expected) {
            // bad datagrams are refused with a framing error, and that is all
        }
    }
}
