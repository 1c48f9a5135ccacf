package dev.wirekit.scanner.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wirekit.testkit.property.Generators;
import dev.wirekit.testkit.property.Property;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PrintableTest {

    @Test
    void controlBytesAreEscaped() {
        byte[] hostile = "ok\r\n\t\\\u001b[2J\u0000".getBytes(StandardCharsets.ISO_8859_1);
        assertEquals("ok\\r\\n\\t\\\\\\x1b[2J\\x00", Printable.escape(hostile, hostile.length));
        byte[] high = {(byte) 0xff, (byte) 0x80, 0x7f};
        assertEquals("\\xff\\x80\\x7f", Printable.escape(high, high.length));
        assertEquals("M\\xc3\\xbcller", Printable.text("Müller"));
    }

    @Test
    void escapingIsPrintableAndReversible() {
        Property.named("unescape(escape(b)) == b, and escape(b) is printable ASCII")
                .trials(500)
                .check(Generators.bytes(300), bytes -> {
                    String text = Printable.escape(bytes, bytes.length);
                    assertTrue(text.chars().allMatch(c -> c >= 0x20 && c < 0x7f), text);
                    assertArrayEquals(bytes, Printable.unescape(text));
                });
    }

    @Test
    void binaryMeansMostlyNotText() {
        byte[] text = "HTTP/1.1 200 OK\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        assertFalse(Printable.isBinary(text, text.length));
        byte[] mysql = {0x4a, 0, 0, 0, 0x0a, '8', '.', '0', 0, 1, 2, 3};
        assertTrue(Printable.isBinary(mysql, mysql.length));
        assertFalse(Printable.isBinary(new byte[0], 0));
    }
}
