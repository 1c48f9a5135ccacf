package dev.wirekit.http.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.wirekit.http.HttpException;
import dev.wirekit.http.server.FormPart;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MultipartParserTest {
    private static List<FormPart> parse(String body) {
        return MultipartParser.parse(body.getBytes(StandardCharsets.ISO_8859_1), "XyZ");
    }

    @Test
    void splitsFieldsAndFiles() {
        List<FormPart> parts = parse("preamble\r\n--XyZ\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\n"
                + "hello\r\n--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a;b.txt\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n\r\n--not\r\nbinary\r\n--XyZ  \r\n"
                + "Content-Disposition: form-data; name=\"n\u00C3\u00A9\"; filename*=UTF-8''na%C3%AFve.txt\r\n\r\n"
                + "\r\n--XyZ--\r\nepilogue");
        assertEquals(3, parts.size());
        assertEquals("title", parts.get(0).name());
        assertNull(parts.get(0).filename());
        assertEquals("hello", parts.get(0).text());
        assertEquals("text/plain", parts.get(0).contentType());
        assertEquals("a;b.txt", parts.get(1).filename());
        assertEquals("application/octet-stream", parts.get(1).contentType());
        assertArrayEquals(
                "\r\n--not\r\nbinary".getBytes(StandardCharsets.ISO_8859_1),
                parts.get(1).content());
        assertEquals("né", parts.get(2).name());
        assertEquals("naïve.txt", parts.get(2).filename());
        assertEquals(0, parts.get(2).content().length);
    }

    @Test
    void readsTheBoundaryFromTheContentType() {
        assertEquals("abc", MultipartParser.boundary("multipart/form-data; boundary=abc"));
        assertEquals("a b", MultipartParser.boundary("Multipart/Form-Data;charset=x; BOUNDARY=\"a b\""));
        assertNull(MultipartParser.boundary("multipart/mixed; boundary=abc"));
        assertNull(MultipartParser.boundary("multipart/form-data"));
        assertNull(MultipartParser.boundary("multipart/form-data; boundary=" + "x".repeat(71)));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "no delimiter at all",
                "--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nno close",
                "--XyZ\r\nContent-Disposition: attachment; name=\"a\"\r\n\r\nx\r\n--XyZ--",
                "--XyZ\r\nContent-Disposition: form-data\r\n\r\nx\r\n--XyZ--",
                "--XyZ\r\nContent-Disposition: ;\r\n\r\nx\r\n--XyZ--", // no kind at all (found by fuzzing)
                "--XyZ\r\nX-No-Disposition: 1\r\n\r\nx\r\n--XyZ--",
                "--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n bad fold\r\n\r\nx\r\n--XyZ--",
                "--XyZjunk\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nx\r\n--XyZ--"
            })
    void refusesMalformedBodies(String body) {
        HttpException e = assertThrows(HttpException.class, () -> parse(body));
        assertEquals(400, e.status(), e.getMessage());
    }
}
