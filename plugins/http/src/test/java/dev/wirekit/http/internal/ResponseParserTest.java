package dev.wirekit.http.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.wirekit.http.HttpException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ResponseParserTest {
    private static ResponseHead parse(String head) {
        byte[] b = head.getBytes(StandardCharsets.ISO_8859_1);
        return ResponseParser.parse(b, 0, b.length);
    }

    @Test
    void parsesStatusReasonAndFields() {
        ResponseHead h = parse("HTTP/1.1 404 Not Found\r\nContent-Length: 3\r\nX-A:  b \r\n\r\n");
        assertEquals(404, h.status());
        assertEquals("Not Found", h.reason());
        assertEquals(1, h.minorVersion());
        assertEquals("b", h.headers().get("x-a"));
    }

    @Test
    void isLenientWhereRfc9112AsksRecipientsToBe() {
        assertEquals("", parse("HTTP/1.0 200\r\n\r\n").reason());
        assertEquals(0, parse("HTTP/1.0 200 OK\r\n\r\n").minorVersion());
        assertEquals(
                "a b",
                parse("HTTP/1.1 200 OK\r\nX-A: a\r\n b\r\n\r\n").headers().get("X-A"));
        assertEquals("v", parse("HTTP/1.1 200 OK\r\nX-A : v\r\n\r\n").headers().get("X-A"));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "HTTP/2 200 OK\r\n\r\n",
                "HTTP/1.1 20 OK\r\n\r\n",
                "HTTP/1.1 099 Low\r\n\r\n",
                "HTTP/1.1 200OK\r\n\r\n",
                "HTTP/1.1 200 O\0K\r\n\r\n",
                "HTTP/1.1 200 OK\r\nX: a\rb\r\n\r\n",
                "ICY 200 OK\r\n\r\n"
            })
    void refusesMalformedResponsesWith502(String head) {
        HttpException e = assertThrows(HttpException.class, () -> parse(head));
        assertEquals(502, e.status(), e.getMessage());
    }

    @Test
    void framingOfResponses() {
        assertEquals(0, Framing.ofResponse("HEAD", parse("HTTP/1.1 200 OK\r\nContent-Length: 9\r\n\r\n")));
        assertEquals(0, Framing.ofResponse("GET", parse("HTTP/1.1 304 Not Modified\r\nContent-Length: 9\r\n\r\n")));
        assertEquals(0, Framing.ofResponse("GET", parse("HTTP/1.1 204 No Content\r\n\r\n")));
        assertEquals(9, Framing.ofResponse("GET", parse("HTTP/1.1 200 OK\r\nContent-Length: 9\r\n\r\n")));
        assertEquals(9, Framing.ofResponse("GET", parse("HTTP/1.1 200 OK\r\nContent-Length: 9, 9\r\n\r\n")));
        assertEquals(
                Framing.CHUNKED,
                Framing.ofResponse(
                        "GET", parse("HTTP/1.1 200 OK\r\nContent-Length: 9\r\nTransfer-Encoding: chunked\r\n\r\n")));
        assertEquals(Framing.UNTIL_CLOSE, Framing.ofResponse("GET", parse("HTTP/1.1 200 OK\r\n\r\n")));
        assertEquals(
                Framing.UNTIL_CLOSE,
                Framing.ofResponse("GET", parse("HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip\r\n\r\n")));
        HttpException e = assertThrows(
                HttpException.class,
                () -> Framing.ofResponse(
                        "GET", parse("HTTP/1.1 200 OK\r\nContent-Length: 9\r\nContent-Length: 8\r\n\r\n")));
        assertEquals(502, e.status());
    }
}
