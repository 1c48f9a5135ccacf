package dev.wirekit.http.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wirekit.http.testing.RawClient;
import dev.wirekit.http.testing.ServerFixture;
import dev.wirekit.http.testing.TestSite;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The static file cache never serves a changed, replaced, moved or escaped file from memory. */
class FileCacheTest {

    private static String get(ServerFixture f, String path) throws Exception {
        try (RawClient c = new RawClient(f.address())) {
            return c.send("GET " + path + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
                    .readAll();
        }
    }

    @Test
    void changesToACachedFileAreSeenAtOnce() throws Exception {
        try (TestSite site = new TestSite();
                ServerFixture f = ServerFixture.start("nio", site)) {
            Path file = site.root().resolve("note.txt");
            Files.writeString(file, "version 1\n");
            Files.setLastModifiedTime(file, FileTime.from(Instant.parse("2025-01-01T00:00:00Z")));
            assertTrue(get(f, "/note.txt").endsWith("version 1\n"));
            assertTrue(get(f, "/note.txt").endsWith("version 1\n"), "now from the cache");

            Files.writeString(file, "version 2\n"); // same size, new time
            assertTrue(get(f, "/note.txt").endsWith("version 2\n"));

            Path other = site.root().resolve("other.txt");
            Files.writeString(other, "version 3\n");
            Files.setLastModifiedTime(other, Files.getLastModifiedTime(file));
            Files.move(other, file, StandardCopyOption.REPLACE_EXISTING); // same size and time, new inode
            assertTrue(get(f, "/note.txt").endsWith("version 3\n"));

            Files.delete(file);
            Files.createSymbolicLink(file, site.root().getParent().resolve("outside/secret.txt"));
            String escaped = get(f, "/note.txt");
            assertTrue(escaped.startsWith("HTTP/1.1 403 "), escaped);
            assertFalse(escaped.contains("TOP SECRET"));

            Files.delete(file);
            assertTrue(get(f, "/note.txt").startsWith("HTTP/1.1 404 "));
        }
    }

    @Test
    void aDirectorySwappedForALinkOutOfTheRootIsNotFollowed() throws Exception {
        try (TestSite site = new TestSite();
                ServerFixture f = ServerFixture.start("nio", site)) {
            Path dir = Files.createDirectory(site.root().resolve("sub"));
            Files.writeString(dir.resolve("secret.txt"), "inside\n");
            assertTrue(get(f, "/sub/secret.txt").endsWith("inside\n"));
            Files.delete(dir.resolve("secret.txt"));
            Files.delete(dir);
            Files.createSymbolicLink(dir, site.root().getParent().resolve("outside"));
            String r = get(f, "/sub/secret.txt");
            assertEquals("HTTP/1.1 403 Forbidden", r.substring(0, r.indexOf("\r\n")));
            assertFalse(r.contains("TOP SECRET"));
        }
    }
}
