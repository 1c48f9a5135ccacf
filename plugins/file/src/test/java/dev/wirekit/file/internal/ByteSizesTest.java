package dev.wirekit.file.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ByteSizesTest {
    @Test
    void parsesBinaryAndDecimalUnits() {
        assertEquals(512, ByteSizes.parse("x", "512"));
        assertEquals(512, ByteSizes.parse("x", "512B"));
        assertEquals(64L << 10, ByteSizes.parse("x", "64k"));
        assertEquals(16L << 30, ByteSizes.parse("x", "16GiB"));
        assertEquals(3L << 29, ByteSizes.parse("x", "1.5 G"));
        assertEquals(10_000_000, ByteSizes.parse("x", "10MB"));
        assertEquals(2L << 40, ByteSizes.parse("x", "2tib"));
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> ByteSizes.parse("--max", "ten"));
        assertTrue(e.getMessage().startsWith("--max: 'ten' is not a size"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ByteSizes.parse("x", "99999999T"));
    }

    @Test
    void formatsForPeople() {
        assertEquals("0 B", ByteSizes.format(0));
        assertEquals("1023 B", ByteSizes.format(1023));
        assertEquals("1.00 KiB", ByteSizes.format(1024));
        assertEquals("9.54 MiB", ByteSizes.format(10_000_000));
        assertEquals("16.0 GiB", ByteSizes.format(16L << 30));
        assertEquals("8.00 EiB", ByteSizes.format(Long.MAX_VALUE));
    }
}
