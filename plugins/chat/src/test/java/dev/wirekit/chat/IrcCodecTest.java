package dev.wirekit.chat;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.wirekit.api.framing.CorruptedFrameException;
import dev.wirekit.api.framing.FrameTooLongException;
import dev.wirekit.api.framing.Framer;
import dev.wirekit.testkit.FramerHarness;
import dev.wirekit.testkit.property.Chunking;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class IrcCodecTest {
    private final Framer<IrcMessage> server = IrcCodec.server();

    @Test
    void writesCrLfAndReadsCrLfOrLf() {
        byte[] wire = FramerHarness.encode(server, List.of(IrcMessage.of("NICK", "alice")));
        assertArrayEquals("NICK alice\r\n".getBytes(StandardCharsets.US_ASCII), wire);
        byte[] in = "NICK a\r\nUSER a 0 * :A\nPING x\r\n".getBytes(StandardCharsets.US_ASCII);
        for (Chunking chunking : Chunking.values()) {
            List<IrcMessage> got = FramerHarness.decode(server, chunking.split(in, new SplittableRandom(1)));
            assertEquals(
                    List.of(
                            IrcMessage.of("NICK", "a"),
                            IrcMessage.of("USER", "a", "0", "*", "A"),
                            IrcMessage.of("PING", "x")),
                    got,
                    chunking.name());
        }
    }

    @Test
    void theBodyMayHave510BytesButNotOneMore() {
        String fits = "PRIVMSG #c :" + "x".repeat(510 - 12);
        assertEquals(510, fits.length());
        assertEquals(1, decode(fits + "\r\n").size());
        FrameTooLongException e = assertThrows(FrameTooLongException.class, () -> decode(fits + "y\r\n"));
        assertEquals(IrcCodec.MAX_BODY, e.maxFrameLength());
    }

    @Test
    void tagsExtendTheLineAsIrcv3Says() {
        String tags = "@+t=" + "v".repeat(IrcCodec.MAX_CLIENT_TAGS - 5) + " ";
        assertEquals(IrcCodec.MAX_CLIENT_TAGS, tags.length());
        String body = "PRIVMSG #c :" + "x".repeat(510 - 12);
        assertEquals(1, decode(tags + body + "\r\n").size(), "4096 bytes of tags and a 510-byte body fit");
        assertThrows(FrameTooLongException.class, () -> decode("@+t=v" + tags.substring(4) + body + "\r\n"));
        assertEquals(
                1,
                FramerHarness.decode(
                                IrcCodec.client(),
                                List.of(ByteBuffer.wrap(("@+t=" + "v".repeat(8000) + " PING x\r\n")
                                        .getBytes(StandardCharsets.US_ASCII))))
                        .size(),
                "a client accepts the larger server tag section");
    }

    @Test
    void aLineBeyondEveryLimitIsSkippedAndTheNextOneRead() {
        FramerHarness.Decoding<IrcMessage> decoding = new FramerHarness.Decoding<>(server);
        String huge = "PRIVMSG #c :" + "x".repeat(20_000) + "\r\nPING ok\r\n";
        assertThrows(
                FrameTooLongException.class,
                () -> decoding.feed(ByteBuffer.wrap(huge.getBytes(StandardCharsets.US_ASCII))));
        decoding.feed(ByteBuffer.allocate(0));
        assertEquals(List.of(IrcMessage.of("PING", "ok")), decoding.messages());
    }

    @Test
    void invalidUtf8AndMalformedLinesAreRecoverableAndSayWhich() {
        byte[] bad = {'P', 'R', 'I', 'V', 'M', 'S', 'G', ' ', '#', 'c', ' ', ':', (byte) 0xC3, (byte) 0x28, '\r', '\n'};
        CorruptedFrameException utf8 = assertThrows(
                CorruptedFrameException.class, () -> FramerHarness.decode(server, List.of(ByteBuffer.wrap(bad))));
        assertInstanceOf(CharacterCodingException.class, utf8.getCause());
        CorruptedFrameException format =
                assertThrows(CorruptedFrameException.class, () -> decode(":only-a-source\r\n"));
        assertInstanceOf(IrcFormatException.class, format.getCause());
        assertEquals(true, format.isRecoverable());
    }

    @Test
    void encodingRefusesAnOverlongBody() {
        IrcMessage tooLong = IrcMessage.of("PRIVMSG", "#c", "x".repeat(600));
        assertThrows(FrameTooLongException.class, () -> FramerHarness.encode(server, List.of(tooLong)));
        assertEquals(IrcCodec.bodyLength(tooLong), "PRIVMSG #c :".length() + 600);
    }

    private List<IrcMessage> decode(String text) {
        return FramerHarness.decode(server, List.of(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8))));
    }
}
