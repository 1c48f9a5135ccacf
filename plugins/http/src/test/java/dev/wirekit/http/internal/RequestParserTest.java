package dev.wirekit.http.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.wirekit.http.Headers;
import dev.wirekit.http.HttpException;
import dev.wirekit.http.testing.PieceSource;
import dev.wirekit.testkit.property.Chunking;
import dev.wirekit.testkit.property.Generator;
import dev.wirekit.testkit.property.Generators;
import dev.wirekit.testkit.property.Property;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RequestParserTest {
    private static final HeadLimits LIMITS = new HeadLimits(8192, 32768, 100, 414);

    private static RequestHead parse(String head) {
        byte[] b = head.getBytes(StandardCharsets.ISO_8859_1);
        return RequestParser.parse(b, 0, b.length);
    }

    private static RequestHead read(byte[] bytes, Chunking chunking, long seed) throws IOException {
        HttpInput in = new HttpInput(
                new PieceSource(chunking.split(bytes, new SplittableRandom(seed))), 64, Duration.ofSeconds(1));
        return in.readHead(LIMITS, Duration.ofSeconds(1), Duration.ofSeconds(1), RequestParser::parse);
    }

    @Test
    void parsesTheRequestLineAndTrimsFieldValues() {
        RequestHead h = parse("PATCH /a/b?c=d HTTP/1.1\r\nHost: example.com\r\nX-Pad: \t spaced out \t\r\n"
                + "X-Empty:\r\nX-Latin: caf\u00E9\r\n\r\n");
        assertEquals("PATCH", h.method());
        assertEquals("/a/b?c=d", h.target());
        assertEquals(1, h.minorVersion());
        assertEquals("spaced out", h.headers().get("x-pad"));
        assertEquals("", h.headers().get("X-Empty"));
        assertEquals("caf\u00E9", h.headers().get("X-Latin"));
        assertEquals(4, h.headers().size());
    }

    @Test
    void laterMinorVersionsAreHttp11AndHttp10StaysHttp10() {
        assertEquals(1, parse("GET / HTTP/1.7\r\nHost: x\r\n\r\n").minorVersion());
        assertEquals(0, parse("GET / HTTP/1.0\r\n\r\n").minorVersion());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            empty method               | ' / HTTP/1.1'              | 400
            tab separator              | 'GET\t/ HTTP/1.1'          | 400
            missing target             | 'GET  HTTP/1.1'            | 400
            quote in target            | 'GET /"x HTTP/1.1'         | 400
            fragment in target         | 'GET /a#b HTTP/1.1'        | 400
            short version              | 'GET / HTTP/1'             | 400
            two-digit major            | 'GET / HTTP/11.1'          | 400
            major 2                    | 'GET / HTTP/2.0'           | 505
            major 0                    | 'GET / HTTP/0.9'           | 505
            """)
    void refusesMalformedRequestLines(String name, String line, int status) {
        HttpException e = assertThrows(HttpException.class, () -> parse(line + "\r\nHost: x\r\n\r\n"));
        assertEquals(status, e.status(), e.getMessage());
    }

    @Test
    void skipsEmptyLinesBeforeTheRequestLine() throws IOException {
        byte[] bytes = "\r\n\r\nGET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);
        assertEquals("/", read(bytes, Chunking.ONE_BYTE, 1).target());
    }

    @Test
    void anEndOfStreamBeforeAnyByteIsNoRequestAndInsideAHeadIsA400() throws IOException {
        assertNull(read(new byte[0], Chunking.ALL_AT_ONCE, 1));
        HttpException e = assertThrows(
                HttpException.class,
                () -> read("GET / HT".getBytes(StandardCharsets.ISO_8859_1), Chunking.ONE_BYTE, 1));
        assertEquals(400, e.status());
    }

    @Test
    void limitsAreEnforcedAsTheBytesArrive() {
        HeadLimits tight = new HeadLimits(20, 40, 2, 414);
        record Case(String head, int status) {}
        for (Case c : List.of(
                new Case("GET /" + "a".repeat(30) + " HTTP/1.1\r\n\r\n", 414),
                new Case("GET /" + "a".repeat(300), 414),
                new Case("GET / HTTP/1.1\r\nA: 1\r\nB: 2\r\nC: 3\r\n\r\n", 431),
                new Case("GET / HTTP/1.1\r\nA: " + "x".repeat(50) + "\r\n\r\n", 431),
                new Case("GET / HTTP/1.1\r\nA: " + "x".repeat(500), 431))) {
            for (Chunking chunking : Chunking.values()) {
                HttpInput in = new HttpInput(
                        new PieceSource(
                                chunking.split(c.head.getBytes(StandardCharsets.ISO_8859_1), new SplittableRandom(7))),
                        16,
                        Duration.ofSeconds(1));
                HttpException e = assertThrows(
                        HttpException.class,
                        () -> in.readHead(tight, Duration.ofSeconds(1), Duration.ofSeconds(1), RequestParser::parse),
                        c.head);
                assertEquals(c.status, e.status(), c.head + " / " + chunking);
            }
        }
    }

    /** A random valid request head and its wire form. */
    record Sample(String method, String target, List<String[]> fields, byte[] wire) {}

    static Generator<Sample> samples() {
        Generator<byte[]> tokenBytes = Generators.bytes(12, c -> Headers.isTokenChar(c));
        Generator<byte[]> targetBytes = Generators.bytes(40, c -> RequestParser.isTargetChar(c));
        Generator<byte[]> valueBytes = Generators.bytes(60, c -> c >= 0x21 && c != 0x7F || c == ' ' || c == '\t');
        return new Generator<>() {
            @Override
            public Sample next(SplittableRandom random, int size) {
                String method = nonEmpty(tokenBytes.next(random, size), "GET");
                String target = "/" + new String(targetBytes.next(random, size), StandardCharsets.ISO_8859_1);
                List<String[]> fields = new ArrayList<>();
                int n = random.nextInt(Math.min(20, size + 1));
                StringBuilder wire = new StringBuilder(method + " " + target + " HTTP/1.1\r\n");
                for (int i = 0; i < n; i++) {
                    String name = nonEmpty(tokenBytes.next(random, size), "X-F");
                    String value = new String(valueBytes.next(random, size), StandardCharsets.ISO_8859_1).strip();
                    value = value.replaceAll("^[ \t]+|[ \t]+$", "");
                    fields.add(new String[] {name, value});
                    wire.append(name)
                            .append(':')
                            .append(random.nextBoolean() ? " " : "")
                            .append(value);
                    wire.append(random.nextBoolean() ? "\t" : "").append("\r\n");
                }
                wire.append("\r\n");
                return new Sample(method, target, fields, wire.toString().getBytes(StandardCharsets.ISO_8859_1));
            }

            @Override
            public String describe(Sample s) {
                return new String(s.wire, StandardCharsets.ISO_8859_1);
            }
        };
    }

    private static String nonEmpty(byte[] b, String otherwise) {
        return b.length == 0 ? otherwise : new String(b, StandardCharsets.ISO_8859_1);
    }

    @Test
    void everyValidHeadParsesTheSameHoweverItIsSplit() {
        Property.named("readHead(split(wire)) == the head written").trials(300).check(samples(), s -> {
            for (Chunking chunking : Chunking.values()) {
                RequestHead h = read(s.wire, chunking, s.wire.length);
                assertEquals(s.method, h.method());
                assertEquals(s.target, h.target());
                assertEquals(s.fields.size(), h.headers().size());
                for (int i = 0; i < s.fields.size(); i++) {
                    assertEquals(s.fields.get(i)[0], h.headers().name(i));
                    assertEquals(s.fields.get(i)[1], h.headers().value(i));
                }
            }
        });
    }
}
