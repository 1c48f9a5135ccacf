package dev.wirekit.http.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wirekit.http.Headers;
import dev.wirekit.http.HttpException;
import dev.wirekit.http.testing.PieceSource;
import dev.wirekit.testkit.property.Chunking;
import dev.wirekit.testkit.property.Generators;
import dev.wirekit.testkit.property.Property;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ChunkedCodecTest {

    private static ChunkedInputStream decoder(byte[] wire, Chunking chunking, long maxBytes) {
        HttpInput in = new HttpInput(
                new PieceSource(chunking.split(wire, new SplittableRandom(wire.length))), 32, Duration.ofSeconds(1));
        return new ChunkedInputStream(in, maxBytes, 1024, 400);
    }

    private static byte[] decode(String wire) throws IOException {
        return decoder(wire.getBytes(StandardCharsets.ISO_8859_1), Chunking.ONE_BYTE, 1 << 20)
                .readAllBytes();
    }

    @Test
    void encodeThenDecodeGivesTheBytesBackHoweverTheyAreSplit() {
        Property.named("decode(encode(body)) == body")
                .trials(200)
                .check(Generators.lists(Generators.bytes(3000), 8), parts -> {
                    ByteArrayOutputStream wire = new ByteArrayOutputStream();
                    ByteArrayOutputStream expected = new ByteArrayOutputStream();
                    OutputBuffer out = new OutputBuffer(ByteSink.of(wire), 512);
                    ChunkedOutputStream chunked = new ChunkedOutputStream(out);
                    for (byte[] part : parts) {
                        chunked.write(part);
                        chunked.flush();
                        expected.write(part);
                    }
                    chunked.finish(Headers.of("X-Digest", "abc"));
                    for (Chunking chunking : Chunking.values()) {
                        ChunkedInputStream in = decoder(wire.toByteArray(), chunking, 1 << 20);
                        assertArrayEquals(expected.toByteArray(), in.readAllBytes(), chunking.toString());
                        assertTrue(in.isComplete());
                        assertEquals("abc", in.trailers().get("x-digest"));
                    }
                });
    }

    @Test
    void acceptsExtensionsAndUpperCaseHex() throws IOException {
        assertEquals(
                "hello world!",
                new String(
                        decode("5;name=value\r\nhello\r\n7 ; a ; b=\"q;\\\"uoted\"\r\n world!\r\n0\r\n\r\n")
                                .clone(),
                        StandardCharsets.ISO_8859_1));
        assertEquals(26, decode("1A\r\n" + "x".repeat(26) + "\r\n0\r\n\r\n").length);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "x\r\n",
                "-5\r\nhello\r\n0\r\n\r\n",
                "+5\r\nhello\r\n0\r\n\r\n",
                "0x5\r\nhello\r\n0\r\n\r\n",
                "5 x\r\nhello\r\n0\r\n\r\n",
                "5;\r\nhello\r\n0\r\n\r\n",
                "5;a=\"open\r\nhello\r\n0\r\n\r\n",
                "5\nhello\r\n0\r\n\r\n",
                "5\r\nhelloXY0\r\n\r\n",
                "1000000000000000\r\n",
                "0\r\nbad trailer\r\n\r\n"
            })
    void refusesMalformedFramingWith400(String wire) {
        HttpException e = assertThrows(HttpException.class, () -> decode(wire));
        assertEquals(400, e.status(), e.getMessage());
    }

    @Test
    void anEarlyEndIsAnEofAndAnOversizedBodyA413() {
        assertThrows(EOFException.class, () -> decode("5\r\nhel"));
        assertThrows(EOFException.class, () -> decode("5\r\nhello\r\n"));
        ChunkedInputStream in = decoder(
                ("10\r\n" + "x".repeat(16) + "\r\n10\r\n" + "x".repeat(16) + "\r\n0\r\n\r\n")
                        .getBytes(StandardCharsets.ISO_8859_1),
                Chunking.ALL_AT_ONCE,
                20);
        HttpException e = assertThrows(HttpException.class, in::readAllBytes);
        assertEquals(413, e.status());
    }

    @Test
    void fixedLengthBodiesEndExactly() throws IOException {
        byte[] wire = "abcdefNEXT".getBytes(StandardCharsets.ISO_8859_1);
        HttpInput in = new HttpInput(
                new PieceSource(Chunking.ONE_BYTE.split(wire, new SplittableRandom(1))), 4, Duration.ofSeconds(1));
        FixedLengthInputStream body = new FixedLengthInputStream(in, 6);
        assertEquals("abcdef", new String(body.readAllBytes(), StandardCharsets.ISO_8859_1));
        assertTrue(body.isComplete());
        assertEquals("NEXT", new String(new FixedLengthInputStream(in, 4).readAllBytes(), StandardCharsets.ISO_8859_1));
        HttpInput shortInput = new HttpInput(
                new PieceSource(List.of(java.nio.ByteBuffer.wrap(new byte[3]))), 4, Duration.ofSeconds(1));
        assertThrows(EOFException.class, () -> new FixedLengthInputStream(shortInput, 6).readAllBytes());
    }
}
