package dev.wirekit.file;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wirekit.api.TransportOptions;
import dev.wirekit.testkit.TestEnvironment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Read-only mode, the size limit, the access token, delete, and two uploads of one name. */
class FileLimitsTest {
    private final TestEnvironment env = new TestEnvironment(Fixtures.WAIT);

    @Test
    void readOnlyServerRefusesChangesAndWritesNothing(@TempDir Path dir) throws Exception {
        Path root = Files.createDirectory(dir.resolve("root"));
        Files.writeString(root.resolve("doc.txt"), "hello");
        Path local = Fixtures.randomFile(dir.resolve("up.bin"), 1000, 1);
        var before = Fixtures.snapshot(root);
        try (Fixtures.Running running = Fixtures.serve(
                        "nio", root, b -> b.readOnly(true).allowDelete(true), TransportOptions.defaults());
                FileClient files = running.client()) {
            assertTrue(files.serverInfo().readOnly());
            assertFalse(files.serverInfo().deleteAllowed(), "never delete on a read-only server");
            FileTransferException up = assertThrows(FileTransferException.class, () -> files.upload(local));
            assertEquals(FileError.READ_ONLY, up.error());
            FileTransferException rm = assertThrows(FileTransferException.class, () -> files.delete("doc.txt"));
            assertEquals(FileError.READ_ONLY, rm.error());
            files.download("doc.txt", dir.resolve("doc.txt"));
            assertEquals("hello", Files.readString(dir.resolve("doc.txt")));
        }
        assertEquals(before, Fixtures.snapshot(root), "a read-only server wrote nothing, not even its work area");
    }

    @Test
    void uploadsLargerThanTheLimitAreRefusedBeforeTheirData(@TempDir Path dir) throws Exception {
        Path root = Files.createDirectory(dir.resolve("root"));
        try (Fixtures.Running running =
                        Fixtures.serve("nio", root, b -> b.maxFileSize(100_000), TransportOptions.defaults());
                FileClient files = running.client()) {
            assertEquals(100_000, files.serverInfo().maxFileSize());
            Path tooBig = Fixtures.randomFile(dir.resolve("too-big.bin"), 100_001, 2);
            FileTransferException e = assertThrows(FileTransferException.class, () -> files.upload(tooBig));
            assertEquals(FileError.TOO_LARGE, e.error());
            assertTrue(e.getMessage().contains("at most 100000"), e.getMessage());
            Path justRight = Fixtures.randomFile(dir.resolve("just-right.bin"), 100_000, 3);
            files.upload(justRight); // the same connection carries on
            assertEquals(Fixtures.sha256(justRight), Fixtures.sha256(root.resolve("just-right.bin")));
        }
    }

    @Test
    void theAccessTokenIsRequiredAndChecked(@TempDir Path dir) throws Exception {
        Path root = Files.createDirectory(dir.resolve("root"));
        Files.writeString(root.resolve("doc.txt"), "hello");
        try (Fixtures.Running running =
                Fixtures.serve("nio", root, b -> b.token("correct horse"), TransportOptions.defaults())) {
            for (String wrong : new String[] {null, "", "correct hors", "correct horse ", "x".repeat(1000)}) {
                FileTransferException e = assertThrows(
                        FileTransferException.class,
                        () -> FileClient.builder(running.transport(), running.address())
                                .token(wrong)
                                .connect());
                assertEquals(FileError.UNAUTHORIZED, e.error(), "token " + wrong);
            }
            try (FileClient files = FileClient.builder(running.transport(), running.address())
                    .token("correct horse")
                    .connect()) {
                assertEquals(1, files.list().size());
            }
        }
    }

    @Test
    void deleteOnlyWhenAllowed(@TempDir Path dir) throws Exception {
        Path root = Files.createDirectory(dir.resolve("root"));
        Files.writeString(root.resolve("a.txt"), "a");
        try (Fixtures.Running running = Fixtures.serve("nio", root);
                FileClient files = running.client()) {
            FileTransferException e = assertThrows(FileTransferException.class, () -> files.delete("a.txt"));
            assertEquals(FileError.DELETE_DISABLED, e.error());
            assertTrue(Files.exists(root.resolve("a.txt")));
        }
        try (Fixtures.Running running =
                        Fixtures.serve("blocking", root, b -> b.allowDelete(true), TransportOptions.defaults());
                FileClient files = running.client()) {
            assertTrue(files.serverInfo().deleteAllowed());
            files.delete("a.txt");
            assertFalse(Files.exists(root.resolve("a.txt")));
            FileTransferException e = assertThrows(FileTransferException.class, () -> files.delete("a.txt"));
            assertEquals(FileError.NOT_FOUND, e.error());
        }
    }

    @Test
    void aSecondUploadOfOneNameIsRefusedWhileTheFirstRuns(@TempDir Path dir) throws Exception {
        Path root = Files.createDirectory(dir.resolve("root"));
        byte[] first = bytes(400_000, 4);
        Path second = Fixtures.randomFile(dir.resolve("second.bin"), 400_000, 5);
        try (Fixtures.Running running = Fixtures.serve("nio", root);
                FileClient files = running.client()) {
            try (var peer = RawPeer.halfUpload(running.address(), "same.bin", first, 100_000)) {
                FileTransferException e = assertThrows(
                        FileTransferException.class, () -> files.upload(second, "same.bin", TransferListener.NONE));
                assertEquals(FileError.BUSY, e.error());
                assertTrue(e.error().retryable());
                peer.send(java.util.Arrays.copyOfRange(first, 100_000, first.length));
                peer.frame().expectType(HandProtocol.STORED);
            }
            assertArrayEquals(first, Files.readAllBytes(root.resolve("same.bin")), "the first upload, whole");
            files.upload(second, "same.bin", TransferListener.NONE); // now it may replace it
            assertEquals(Fixtures.sha256(second), Fixtures.sha256(root.resolve("same.bin")));
        }
    }

    @Test
    void theSameContentTakesOverAnUploadWhoseClientWentQuiet(@TempDir Path dir) throws Exception {
        Path root = Files.createDirectory(dir.resolve("root"));
        byte[] content = bytes(600_000, 6);
        Path local = dir.resolve("same.bin");
        Files.write(local, content);
        try (Fixtures.Running running = Fixtures.serve("nio", root);
                FileClient files = running.client();
                var stale = RawPeer.halfUpload(running.address(), "same.bin", content, 250_000)) {
            env.awaitTrue("the stale upload's bytes are written", () -> FileBadInputTest.partialBytes(root) == 250_000);
            TransferResult result = files.upload(local); // its connection is still open, but silent
            assertEquals(250_000, result.resumedFrom(), "continued the stale upload's partial file");
            assertArrayEquals(content, Files.readAllBytes(root.resolve("same.bin")));
            stale.expectClosed();
        }
    }

    private static byte[] bytes(int n, long seed) {
        byte[] b = new byte[n];
        SplittableRandom r = new SplittableRandom(seed);
        for (int i = 0; i < n; i++) {
            b[i] = (byte) r.nextInt(256);
        }
        return b;
    }
}
