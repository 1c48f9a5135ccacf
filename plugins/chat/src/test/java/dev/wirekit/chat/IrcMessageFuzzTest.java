package dev.wirekit.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.wirekit.api.framing.FramingException;
import dev.wirekit.testkit.FramerHarness;
import java.nio.ByteBuffer;

/** Whatever arrives, the IRC parser and codec answer with a message or their own exceptions, nothing else. */
class IrcMessageFuzzTest {

    /** Text: a message (which survives its own wire form) or an IrcFormatException. */
    @FuzzTest
    void parserOnlyThrowsFormatErrors(String line) {
        if (line == null) {
            return;
        }
        IrcMessage m;
        try {
            m = IrcMessage.parse(line);
        } catch (IrcFormatException expected) {
            return;
        }
        assertEquals(m, IrcMessage.parse(m.toString()), "a parsed message survives its wire form");
    }

    /** Bytes through the server's framer: messages or recoverable framing errors, and decoding carries on. */
    @FuzzTest
    void codecOnlyThrowsFramingErrors(byte[] input) {
        if (input == null) {
            return;
        }
        FramerHarness.Decoding<IrcMessage> decoding = new FramerHarness.Decoding<>(IrcCodec.server());
        int at = 0;
        while (at < input.length) {
            int n = Math.min(input.length - at, 1 + (input[at] & 0x3f));
            try {
                decoding.feed(ByteBuffer.wrap(input, at, n));
            } catch (FramingException e) {
                if (!e.isRecoverable()) {
                    throw new AssertionError("an IRC framing error must be recoverable", e);
                }
            }
            at += n;
        }
    }
}
