package dev.wirekit.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class HeadersTest {
    @Test
    void namesAreCaseInsensitiveAndOrderIsKept() {
        Headers h = Headers.of("Accept", "a", "X-Two", "1", "x-two", "2");
        assertEquals("a", h.get("ACCEPT"));
        assertEquals(List.of("1", "2"), h.all("X-TWO"));
        assertEquals(Set.of("Accept", "X-Two"), h.names());
        h.set("X-TWO", "3");
        assertEquals(List.of("3"), h.all("x-two"));
        assertEquals(2, h.size());
        assertTrue(h.remove("accept"));
        assertNull(h.get("Accept"));
        assertFalse(h.remove("Accept"));
    }

    @Test
    void tokenListsAreSplitAndComparedWithoutCase() {
        Headers h = Headers.of("Connection", "keep-alive ,Upgrade", "Connection", " CLOSE ");
        assertEquals(List.of("keep-alive", "Upgrade", "CLOSE"), h.tokens("connection"));
        assertTrue(h.containsToken("Connection", "close"));
        assertTrue(h.containsToken("Connection", "upgrade"));
        assertFalse(h.containsToken("Connection", "keep"));
    }

    @Test
    void refusesValuesThatWouldSplitAMessage() {
        Headers h = new Headers();
        assertThrows(IllegalArgumentException.class, () -> h.add("X", "a\r\nSet-Cookie: evil"));
        assertThrows(IllegalArgumentException.class, () -> h.add("X", "a\nb"));
        assertThrows(IllegalArgumentException.class, () -> h.add("X", "a\0b"));
        assertThrows(IllegalArgumentException.class, () -> h.add("Bad Name", "v"));
        assertThrows(IllegalArgumentException.class, () -> h.add("", "v"));
        assertEquals(0, h.size());
    }
}
