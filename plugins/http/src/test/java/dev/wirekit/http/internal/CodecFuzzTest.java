package dev.wirekit.http.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.wirekit.http.Headers;
import dev.wirekit.http.HttpException;
import dev.wirekit.http.testing.PieceSource;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Coverage-guided fuzzing of the request parser, the response parser, the chunked decoder and the
 * multipart parser (run
 * with {@code JAZZER_FUZZ=1}; otherwise the inputs under {@code CodecFuzzTestInputs} replay). The
 * rule: any bytes give a parsed message or an {@link HttpException} / {@link IOException}, never
 * another exception, and what is parsed is well-formed.
 */
class CodecFuzzTest {
    private static final HeadLimits LIMITS = new HeadLimits(512, 2048, 32, 414);

    /** The remaining bytes, cut into pieces of a fuzzed size. */
    private static HttpInput input(FuzzedDataProvider data) {
        int piece = data.consumeInt(1, 64);
        byte[] bytes = data.consumeRemainingAsBytes();
        List<ByteBuffer> pieces = new ArrayList<>();
        for (int at = 0; at < bytes.length; at += piece) {
            pieces.add(ByteBuffer.wrap(bytes, at, Math.min(piece, bytes.length - at))
                    .slice());
        }
        return new HttpInput(new PieceSource(pieces), 32, Duration.ofSeconds(1));
    }

    private static void checkFields(Headers headers) {
        for (int i = 0; i < headers.size(); i++) {
            assertTrue(Headers.isToken(headers.name(i)), headers.name(i));
            String v = headers.value(i);
            assertTrue(v.indexOf('\r') < 0 && v.indexOf('\n') < 0 && v.indexOf('\0') < 0, v);
            assertTrue(v.isEmpty() || v.charAt(0) != ' ' && v.charAt(v.length() - 1) != ' ', "untrimmed: " + v);
        }
    }

    @FuzzTest
    void requestParser(FuzzedDataProvider data) throws IOException {
        HttpInput in = input(data);
        try {
            while (true) {
                RequestHead head =
                        in.readHead(LIMITS, Duration.ofSeconds(1), Duration.ofSeconds(1), RequestParser::parse);
                if (head == null) {
                    return;
                }
                assertTrue(Headers.isToken(head.method()), head.method());
                assertTrue(!head.target().isEmpty() && head.target().chars().allMatch(RequestParser::isTargetChar));
                checkFields(head.headers());
                long length = Framing.ofRequest(head);
                BodyInputStream body = length == Framing.CHUNKED
                        ? new ChunkedInputStream(in, 4096, 1024, 400)
                        : new FixedLengthInputStream(in, Math.min(length, 4096));
                body.readAllBytes();
                assertTrue(body.isComplete());
            }
        } catch (HttpException e) {
            assertTrue(e.status() >= 400 && e.status() < 600);
        } catch (IOException e) {
            // an early end of the input
        }
    }

    @FuzzTest
    void responseParser(FuzzedDataProvider data) throws IOException {
        String method = data.pickValue(new String[] {"GET", "HEAD", "POST"});
        HttpInput in = input(data);
        HeadLimits limits = new HeadLimits(512, 2048, 32, 502);
        try {
            while (true) {
                ResponseHead head =
                        in.readHead(limits, Duration.ofSeconds(1), Duration.ofSeconds(1), ResponseParser::parse);
                if (head == null) {
                    return;
                }
                assertTrue(head.status() >= 100 && head.status() <= 999);
                checkFields(head.headers());
                long length = Framing.ofResponse(method, head);
                BodyInputStream body;
                if (length == Framing.CHUNKED) {
                    body = new ChunkedInputStream(in, 1 << 20, 1024, 502);
                } else if (length == Framing.UNTIL_CLOSE) {
                    body = new UntilCloseInputStream(in);
                } else {
                    body = new FixedLengthInputStream(in, Math.min(length, 1 << 20));
                }
                body.readAllBytes();
                if (length == Framing.UNTIL_CLOSE) {
                    return;
                }
            }
        } catch (HttpException e) {
            assertTrue(e.status() >= 400 && e.status() < 600);
        } catch (IOException e) {
            // an early end of the input
        }
    }

    @FuzzTest
    void chunkedDecoder(FuzzedDataProvider data) throws IOException {
        HttpInput in = input(data);
        ChunkedInputStream decoder = new ChunkedInputStream(in, 1 << 20, 1024, 400);
        byte[] decoded;
        try {
            decoded = decoder.readAllBytes();
        } catch (HttpException e) {
            assertTrue(e.status() == 400 || e.status() == 413 || e.status() == 431, e.getMessage());
            return;
        } catch (IOException e) {
            return;
        }
        assertTrue(decoder.isComplete());
        checkFields(decoder.trailers());
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        ChunkedOutputStream encoder = new ChunkedOutputStream(new OutputBuffer(ByteSink.of(wire), 256));
        encoder.write(decoded);
        encoder.finish(decoder.trailers());
        HttpInput again =
                new HttpInput(new PieceSource(List.of(ByteBuffer.wrap(wire.toByteArray()))), 32, Duration.ofSeconds(1));
        // "name:value" comes back as "name: value": allow the trailers to grow a little
        assertArrayEquals(decoded, new ChunkedInputStream(again, 1 << 20, 4096, 400).readAllBytes());
    }

    @FuzzTest
    void multipartParser(FuzzedDataProvider data) {
        String boundary = data.consumeString(20);
        byte[] body = data.consumeRemainingAsBytes();
        if (boundary.isEmpty()) {
            boundary = "b";
        }
        try {
            for (dev.wirekit.http.server.FormPart part : MultipartParser.parse(body, boundary)) {
                checkFields(part.headers());
                assertTrue(part.name() != null && part.content().length <= body.length);
            }
        } catch (HttpException e) {
            assertTrue(e.status() == 400 || e.status() == 413, e.getMessage());
        }
    }
}
