package dev.wirekit.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Memory stays flat whatever the file size: a file ten times larger than the whole heap goes up
 * and comes back, verified, in a JVM started with {@code -Xmx16m}: zero-copy on NIO, and copied
 * through a layer (as with TLS) on the blocking transport. (The benchmark does the same with
 * multi-GiB files and a 64 MiB heap.)
 */
class FlatMemoryTest {
    private static final String HEAP = "-Xmx16m";
    private static final long SIZE = 160L << 20;

    @ParameterizedTest(name = "{0}, layer {1}")
    @CsvSource({"nio, false", "blocking, true"})
    void aFileTenTimesTheHeapMovesBothWays(String transport, boolean layer, @TempDir Path dir) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        Process p = new ProcessBuilder(List.of(
                        java,
                        HEAP,
                        "-cp",
                        System.getProperty("java.class.path"),
                        FlatMemoryMain.class.getName(),
                        dir.toString(),
                        transport,
                        Boolean.toString(layer),
                        Long.toString(SIZE)))
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(90, TimeUnit.SECONDS), "the transfer JVM did not finish");
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.startsWith("OK "), out);
        assertEquals(Fixtures.sha256(dir.resolve("source.bin")), out.split(" ")[1], "the digest of the file");
    }
}
