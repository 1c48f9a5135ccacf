package dev.wirekit.file.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The name policy accepts ordinary names of every script and says why it refuses the others. */
class NamePolicyTest {

    @Test
    void ordinaryNamesAreAccepted() {
        for (String name : List.of(
                "report.pdf",
                "a",
                "x..y",
                "a b c.txt",
                "r\u00E9sum\u00E9.pdf",
                "\u65E5\u672C\u8A9E.txt",
                "\u0645\u0644\u0641.txt",
                "\uD83D\uDE00.png",
                "~",
                "CONSOLE",
                "com10",
                "nul-and-void",
                "100%.txt",
                "50% off",
                "a".repeat(255),
                "\u00E9".repeat(127))) {
            assertNull(NamePolicy.problem(name), name);
        }
    }

    @Test
    void refusalsSayWhy() {
        assertEquals("the name is empty", NamePolicy.problem(""));
        assertTrue(NamePolicy.problem("a/b").contains("path separator"));
        assertTrue(NamePolicy.problem("..").contains("starts with '.'"));
        assertTrue(NamePolicy.problem("a\u0000b").contains("U+0000"));
        assertTrue(NamePolicy.problem("a".repeat(256)).contains("256 bytes long"));
        assertTrue(NamePolicy.problem("nul.txt").contains("'NUL' is a device name"));
        assertTrue(NamePolicy.problem("%2e%2e").contains("URL-encoded"));
        assertTrue(NamePolicy.problem("\uFF0E\uFF0E").contains("NFKC"));
        assertTrue(NamePolicy.problem("a:b").contains("Windows reserves"));
        assertTrue(NamePolicy.problem("a\u2215b").contains("looks like a path separator"));
        assertTrue(NamePolicy.problem("x.").contains("ends with '.'"));
        assertTrue(NamePolicy.problem("\uFFFD").contains("not valid UTF-8"));
    }

    @Test
    void printableShowsControlCharactersAndCapsLength() {
        assertEquals("a U+000Ab U+202E", NamePolicy.printable("a \nb \u202E"));
        assertTrue(NamePolicy.printable("x".repeat(10_000)).endsWith("..."));
    }
}
