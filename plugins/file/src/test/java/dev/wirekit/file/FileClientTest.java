package dev.wirekit.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wirekit.api.TransportOptions;
import dev.wirekit.testkit.TestEnvironment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The client's connection handling: a connection the server closed while idle is replaced. */
class FileClientTest {
    private final TestEnvironment env = new TestEnvironment(Fixtures.WAIT);

    @ParameterizedTest
    @ValueSource(strings = {"blocking", "nio"})
    void aConnectionClosedWhileIdleIsReplacedWithoutTheCallerNoticing(String transport, @TempDir Path dir)
            throws Exception {
        Path root = Files.createDirectory(dir.resolve("root"));
        Files.writeString(root.resolve("a.txt"), "a");
        TransportOptions quick =
                TransportOptions.builder().idleTimeout(Duration.ofMillis(200)).build();
        try (Fixtures.Running running = Fixtures.serve(transport, root, b -> b, quick);
                FileClient files = running.client()) {
            env.awaitTrue(
                    "the server closes the idle connection",
                    () -> running.server().stats().active() == 0);
            assertEquals(1, files.list().size(), "listed on a new connection");
            env.awaitTrue("idle again", () -> running.server().stats().active() == 0);
            files.download("a.txt", dir.resolve("a.txt"));
            assertEquals("a", Files.readString(dir.resolve("a.txt")));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"blocking", "nio"})
    void manyDownloadsLeaveNoFileOpen(String transport, @TempDir Path dir) throws Exception {
        Path fds = Path.of("/proc/self/fd");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(fds), "needs /proc to count open files");
        Path root = Files.createDirectory(dir.resolve("root"));
        Fixtures.randomFile(root.resolve("f.bin"), 300_000, 1);
        long before;
        try (Fixtures.Running running = Fixtures.serve(transport, root);
                FileClient files = running.client()) {
            files.download("f.bin", dir.resolve("warm-up.bin"));
            before = openFiles(fds);
            for (int i = 0; i < 200; i++) {
                files.download("f.bin", dir.resolve("f.bin"));
            }
            long after = openFiles(fds);
            assertTrue(after - before < 20, "open files grew from " + before + " to " + after);
        }
    }

    private static long openFiles(Path fds) throws IOException {
        try (var list = Files.list(fds)) {
            return list.count();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"blocking", "nio"})
    void aClosedClientRefusesToWork(String transport, @TempDir Path dir) throws Exception {
        try (Fixtures.Running running = Fixtures.serve(transport, dir)) {
            FileClient files = running.client();
            files.close();
            IOException e = assertThrows(IOException.class, files::list);
            assertEquals("the file client is closed", e.getMessage());
        }
    }
}
