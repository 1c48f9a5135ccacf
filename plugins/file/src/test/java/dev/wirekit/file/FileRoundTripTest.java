package dev.wirekit.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wirekit.api.TransportOptions;
import dev.wirekit.testkit.doubles.XorLayer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Random files of 0 B, 1 B and 10 MB go up and come back byte for byte, digest checked, on both
 * transports, with and without a layer in the way (the XOR test layer stands in for TLS: it turns
 * zero-copy off and makes every byte pass through the layer chain, exactly as TLS does).
 */
class FileRoundTripTest {

    static Stream<Arguments> transports() {
        return Stream.of(
                Arguments.of("blocking", false),
                Arguments.of("nio", false),
                Arguments.of("blocking", true),
                Arguments.of("nio", true));
    }

    @ParameterizedTest(name = "{0}, layer {1}")
    @MethodSource("transports")
    void randomFilesRoundTripWithDigests(String transport, boolean layer, @TempDir Path dir) throws Exception {
        Path root = Files.createDirectory(dir.resolve("root"));
        Path local = Files.createDirectory(dir.resolve("local"));
        TransportOptions server = layer
                ? TransportOptions.builder().layer(new XorLayer((byte) 0x5A)).build()
                : TransportOptions.defaults();
        TransportOptions client = server;
        long[] sizes = {0, 1, 10_000_000};
        try (Fixtures.Running running = Fixtures.serve(transport, root, b -> b, server);
                FileClient files = running.client(client)) {
            for (long size : sizes) {
                Path source = Fixtures.randomFile(local.resolve("up-" + size), size, size * 31 + 7);
                String expected = Fixtures.sha256(source);
                TransferResult up = files.upload(source, "file-" + size, TransferListener.NONE);
                assertEquals(expected, up.sha256(), "digest the client announced");
                assertEquals(size, up.size());
                assertEquals(expected, Fixtures.sha256(root.resolve("file-" + size)), "bytes stored on the server");

                Path back = local.resolve("down-" + size);
                TransferResult down = files.download("file-" + size, back, TransferListener.NONE);
                assertEquals(expected, down.sha256(), "digest the server announced");
                assertEquals(expected, Fixtures.sha256(back), "bytes downloaded");
                assertFalse(Files.exists(local.resolve("down-" + size + ".part")), "no .part left behind");
            }
            List<RemoteFile> listed = files.list();
            assertEquals(
                    List.of("file-0", "file-1", "file-10000000"),
                    listed.stream().map(RemoteFile::name).toList());
            assertEquals(
                    List.of(0L, 1L, 10_000_000L),
                    listed.stream().map(RemoteFile::size).toList());
            assertTrue(Files.isDirectory(root.resolve(".wirekit")), "the work area is inside the root");
            try (var parts = Files.list(root.resolve(".wirekit/uploads"))) {
                assertEquals(0, parts.count(), "no partial upload left behind");
            }
        }
    }
}
