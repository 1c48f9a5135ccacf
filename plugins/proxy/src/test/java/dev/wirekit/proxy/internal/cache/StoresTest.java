package dev.wirekit.proxy.internal.cache;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wirekit.http.Headers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoresTest {
    private static CachedResponse response(String key, int size, String lang) {
        return new CachedResponse(
                key,
                200,
                "OK",
                Headers.of("ETag", "\"" + key + "\""),
                new byte[size],
                lang == null ? Map.of() : Map.of("accept-language", lang),
                1,
                2);
    }

    @Test
    void memoryEvictsTheLeastRecentlyUsedToStayInBounds() {
        MemoryStore store = new MemoryStore(10_000);
        store.put(response("a", 3500, null));
        store.put(response("b", 3500, null));
        store.variants("a"); // a is now more recent than b
        store.put(response("c", 3500, null));
        assertTrue(store.bytes() <= 10_000);
        assertEquals(1, store.variants("a").size());
        assertEquals(0, store.variants("b").size(), "b was the least recently used");
        assertEquals(1, store.variants("c").size());
        store.put(response("huge", 20_000, null));
        assertEquals(0, store.variants("huge").size(), "larger than the whole store: not kept");
    }

    @Test
    void aVariantReplacesOnlyItsOwnVaryValues() {
        MemoryStore store = new MemoryStore(100_000);
        store.put(response("k", 10, "en"));
        store.put(response("k", 20, "fr"));
        store.put(response("k", 30, "en"));
        assertEquals(2, store.variants("k").size());
        assertEquals(2, store.entries());
        store.remove("k");
        assertEquals(0, store.entries());
        assertEquals(0, store.bytes());
    }

    @Test
    void diskKeepsResponsesAcrossARestartAndStaysInBounds(@TempDir Path dir) throws Exception {
        DiskStore first = new DiskStore(dir, 1 << 20);
        byte[] body = new byte[5000];
        new java.util.Random(3).nextBytes(body);
        CachedResponse r = new CachedResponse(
                "http://o/x",
                200,
                "OK",
                Headers.of("Cache-Control", "max-age=9", "X-Latin", "caf\u00E9"),
                body,
                Map.of("accept", "text/html"),
                10,
                20);
        first.put(r);
        DiskStore second = new DiskStore(dir, 1 << 20);
        CachedResponse back = second.variants("http://o/x").get(0);
        assertArrayEquals(body, back.body());
        assertEquals("caf\u00E9", back.headers().get("X-Latin"));
        assertEquals(Map.of("accept", "text/html"), back.vary());
        assertEquals(20, back.responseTime());

        Files.writeString(dir.resolve("0000.wkc"), "garbage");
        DiskStore third = new DiskStore(dir, 12_000);
        assertTrue(Files.notExists(dir.resolve("0000.wkc")), "a corrupt file is dropped");
        third.put(response("http://o/y", 5000, null));
        third.put(response("http://o/z", 5000, null));
        assertTrue(third.bytes() <= 12_000, "bytes " + third.bytes());
        assertEquals(0, third.variants("http://o/x").size(), "the oldest was evicted");
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(
                    third.entries(),
                    files.filter(p -> p.toString().endsWith(".wkc")).count());
        }
    }

    @Test
    void tieredReadsFromDiskIntoMemory(@TempDir Path dir) {
        DiskStore disk = new DiskStore(dir, 1 << 20);
        disk.put(response("k", 100, null));
        MemoryStore memory = new MemoryStore(1 << 20);
        TieredStore tiered = new TieredStore(memory, disk);
        assertEquals(1, tiered.variants("k").size());
        assertEquals(1, memory.variants("k").size(), "promoted to memory");
        tiered.remove("k");
        assertEquals(0, disk.entries());
        assertEquals(0, memory.entries());
    }
}
