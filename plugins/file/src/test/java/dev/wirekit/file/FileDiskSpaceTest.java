package dev.wirekit.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.wirekit.api.TransportOptions;
import dev.wirekit.testkit.TestEnvironment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Free disk space: checked before an upload is accepted (with an injected {@link DiskSpace}, and
 * counting what uploads in progress still need), and a disk that really fills up mid-upload (a
 * small tmpfs, when the test may mount one): a clear NO_SPACE to that client, nothing kept, the
 * space freed, and the other transfers unaffected.
 */
class FileDiskSpaceTest {
    private final TestEnvironment env = new TestEnvironment(Fixtures.WAIT);

    @Test
    void uploadsThatWouldNotFitAreRefusedUpFront(@TempDir Path dir) throws Exception {
        Path root = Files.createDirectory(dir.resolve("root"));
        DiskSpace oneMegabyte = r -> 1_000_000;
        try (Fixtures.Running running = Fixtures.serve(
                        "nio", root, b -> b.diskSpace(oneMegabyte).minFreeSpace(100_000), TransportOptions.defaults());
                FileClient files = running.client()) {
            Path big = Fixtures.randomFile(dir.resolve("big.bin"), 950_000, 1);
            FileTransferException e = assertThrows(FileTransferException.class, () -> files.upload(big));
            assertEquals(FileError.NO_SPACE, e.error());
            assertTrue(e.getMessage().contains("950000 bytes needed, 900000 available"), e.getMessage());

            // an upload in progress keeps its reservation: a second one must fit beside it
            byte[] half = new byte[600_000];
            try (var peer = RawPeer.halfUpload(running.address(), "first.bin", half, 100_000)) {
                Path second = Fixtures.randomFile(dir.resolve("second.bin"), 400_000, 2);
                FileTransferException busy = assertThrows(FileTransferException.class, () -> files.upload(second));
                assertEquals(FileError.NO_SPACE, busy.error(), busy.getMessage());
                assertTrue(busy.getMessage().contains("300000 available"), busy.getMessage());
                peer.send(new byte[500_000]);
                peer.frame().expectType(HandProtocol.STORED);
            }
            Path small = Fixtures.randomFile(dir.resolve("small.bin"), 300_000, 3);
            files.upload(small);
            assertEquals(Fixtures.sha256(small), Fixtures.sha256(root.resolve("small.bin")));
        }
    }

    @Test
    void aDiskThatFillsUpMidUploadFailsThatUploadAlone(@TempDir Path dir) throws Exception {
        Path root = Files.createDirectory(dir.resolve("tmpfs"));
        assumeTrue(mount(root, "8m"), "needs root and 'mount -t tmpfs' to fill a real disk (not available here)");
        try {
            Path shared = Fixtures.randomFile(root.resolve("shared.bin"), 3_000_000, 4);
            String sharedDigest = Fixtures.sha256(shared);
            // the probe claims plenty of room, so the upload is accepted and the disk fills for real
            DiskSpace lying = r -> 1L << 40;
            try (Fixtures.Running running =
                    Fixtures.serve("nio", root, b -> b.diskSpace(lying), TransportOptions.defaults())) {
                var other = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                    try (FileClient c = running.client()) {
                        return c.download("shared.bin", dir.resolve("shared-copy.bin"));
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                });
                try (FileClient files = running.client()) {
                    Path big = Fixtures.randomFile(dir.resolve("big.bin"), 20_000_000, 5);
                    FileTransferException e = assertThrows(FileTransferException.class, () -> files.upload(big));
                    assertEquals(FileError.NO_SPACE, e.error(), e.getMessage());
                    assertTrue(e.getMessage().contains("disk is full"), e.getMessage());
                    assertFalse(Files.exists(root.resolve("big.bin")));
                    env.awaitTrue(
                            "the failed upload let go", () -> running.files().uploadsInProgress() == 0);
                    try (var parts = Files.list(root.resolve(".wirekit/uploads"))) {
                        assertEquals(0, parts.count(), "nothing of the failed upload is kept");
                    }
                    // the space is free again: a smaller upload fits
                    Path small = Fixtures.randomFile(dir.resolve("small.bin"), 2_000_000, 6);
                    files.upload(small);
                    assertEquals(Fixtures.sha256(small), Fixtures.sha256(root.resolve("small.bin")));
                }
                assertEquals(sharedDigest, other.get(1, TimeUnit.MINUTES).sha256());
                assertEquals(sharedDigest, Fixtures.sha256(dir.resolve("shared-copy.bin")));
            }
            // and with the real probe, the file store, the same upload is refused before its data
            try (Fixtures.Running running = Fixtures.serve("nio", root);
                    FileClient files = running.client()) {
                Path big = dir.resolve("big.bin");
                FileTransferException e = assertThrows(FileTransferException.class, () -> files.upload(big));
                assertEquals(FileError.NO_SPACE, e.error());
                assertTrue(e.getMessage().contains("bytes needed"), e.getMessage());
            }
        } finally {
            unmount(root);
        }
    }

    private static boolean mount(Path dir, String size) {
        try {
            Process p = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=" + size, "tmpfs", dir.toString())
                    .redirectErrorStream(true)
                    .start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void unmount(Path dir) throws Exception {
        Process p = new ProcessBuilder("umount", dir.toString())
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0, "umount failed: " + out);
    }
}
