package dev.wirekit.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wirekit.testkit.TestEnvironment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A transfer killed mid-way resumes where it stopped, in both directions, on both transports: the
 * connection is killed by the client itself (a listener that cancels after some bytes) or under it
 * (a relay that resets the connection after some bytes). Nothing partial is ever visible.
 */
class FileResumeTest {
    private static final long SIZE = 8_000_000;
    private static final long CUT = 3_000_000;

    /** Cancels the transfer once {@code limit} bytes are in place. */
    private static final class CancelAfter implements TransferListener {
        final long limit;
        final AtomicLong resumedFrom = new AtomicLong(-1);
        final AtomicLong cancelledAt = new AtomicLong(-1);

        CancelAfter(long limit) {
            this.limit = limit;
        }

        @Override
        public void started(String name, long from, long size) {
            resumedFrom.set(from);
        }

        @Override
        public void progressed(long done, long size) {
            if (done >= limit) {
                cancelledAt.set(done);
                throw new CancellationException("stopped by the test after " + done + " bytes");
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"blocking", "nio"})
    void downloadCancelledByTheClientResumes(String transport, @TempDir Path dir) throws Exception {
        Path root = Files.createDirectory(dir.resolve("root"));
        String expected = Fixtures.sha256(Fixtures.randomFile(root.resolve("big.bin"), SIZE, 1));
        Path target = dir.resolve("big.bin");
        Path part = dir.resolve("big.bin.part");
        try (Fixtures.Running running = Fixtures.serve(transport, root);
                FileClient files = running.client()) {
            assertThrows(CancellationException.class, () -> files.download("big.bin", target, new CancelAfter(CUT)));
            assertFalse(Files.exists(target), "nothing under the target name before it is complete");
            long kept = Files.size(part);
            assertTrue(kept >= CUT && kept < SIZE, "the .part file keeps what arrived: " + kept);

            CancelAfter second = new CancelAfter(Long.MAX_VALUE);
            TransferResult result = files.download("big.bin", target, second);
            assertEquals(kept, second.resumedFrom.get(), "resumed from the end of the .part file");
            assertEquals(kept, result.resumedFrom());
            assertEquals(expected, Fixtures.sha256(target));
            assertFalse(Files.exists(part));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"blocking", "nio"})
    void downloadResetByTheNetworkResumes(String transport, @TempDir Path dir) throws Exception {
        Path root = Files.createDirectory(dir.resolve("root"));
        String expected = Fixtures.sha256(Fixtures.randomFile(root.resolve("big.bin"), SIZE, 2));
        Path target = dir.resolve("big.bin");
        try (Fixtures.Running running = Fixtures.serve(transport, root);
                CuttingProxy proxy = new CuttingProxy(running.address(), CuttingProxy.Direction.TO_CLIENT, CUT);
                FileClient files = FileClient.builder(running.transport(), proxy.address())
                        .timeout(Fixtures.WAIT)
                        .connect()) {
            IOException broken = assertThrows(IOException.class, () -> files.download("big.bin", target));
            assertTrue(proxy.hasCut(), "the relay cut the connection: " + broken);
            long kept = Files.size(dir.resolve("big.bin.part"));
            assertTrue(kept > 0 && kept < CUT, "the .part file keeps what arrived before the cut: " + kept);

            TransferResult result = files.download("big.bin", target); // reconnects by itself
            assertEquals(kept, result.resumedFrom());
            assertEquals(expected, Fixtures.sha256(target));
            assertEquals(expected, result.sha256());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"blocking", "nio"})
    void uploadCancelledByTheClientResumes(String transport, @TempDir Path dir) throws Exception {
        Path root = Files.createDirectory(dir.resolve("root"));
        Path source = Fixtures.randomFile(dir.resolve("big.bin"), SIZE, 3);
        String expected = Fixtures.sha256(source);
        try (Fixtures.Running running = Fixtures.serve(transport, root);
                FileClient files = running.client()) {
            CancelAfter first = new CancelAfter(CUT);
            assertThrows(CancellationException.class, () -> files.upload(source, "big.bin", first));
            assertFalse(Files.exists(root.resolve("big.bin")), "an interrupted upload is not visible");

            CancelAfter second = new CancelAfter(Long.MAX_VALUE);
            TransferResult result = files.upload(source, "big.bin", second);
            assertTrue(
                    result.resumedFrom() > 0 && result.resumedFrom() <= first.cancelledAt.get(),
                    "resumed from what the server had kept: " + result.resumedFrom() + " of the "
                            + first.cancelledAt.get() + " sent");
            assertEquals(result.resumedFrom(), second.resumedFrom.get());
            assertEquals(expected, Fixtures.sha256(root.resolve("big.bin")));
            assertNoPartials(root);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"blocking", "nio"})
    void uploadResetByTheNetworkResumes(String transport, @TempDir Path dir) throws Exception {
        Path root = Files.createDirectory(dir.resolve("root"));
        Path source = Fixtures.randomFile(dir.resolve("big.bin"), SIZE, 4);
        String expected = Fixtures.sha256(source);
        try (Fixtures.Running running = Fixtures.serve(transport, root);
                CuttingProxy proxy = new CuttingProxy(running.address(), CuttingProxy.Direction.TO_SERVER, CUT);
                FileClient files = FileClient.builder(running.transport(), proxy.address())
                        .timeout(Fixtures.WAIT)
                        .connect()) {
            assertThrows(IOException.class, () -> files.upload(source));
            assertTrue(proxy.hasCut());
            assertFalse(Files.exists(root.resolve("big.bin")), "an interrupted upload is not visible");
            new TestEnvironment(Fixtures.WAIT)
                    .awaitTrue(
                            "the server has seen the client go",
                            () -> running.files().uploadsInProgress() == 0);

            TransferResult result = files.upload(source);
            // the relay counted the HELLO (13 bytes), PUT (55 + the name's 7) and DATA (13) frames too
            long headers = 13 + 55 + "big.bin".length() + 13;
            assertEquals(
                    proxy.passedBeforeCut() - headers,
                    result.resumedFrom(),
                    "resumed from every byte of data that reached the server");
            assertEquals(expected, Fixtures.sha256(root.resolve("big.bin")));
            assertNoPartials(root);
        }
    }

    static void assertNoPartials(Path root) throws IOException {
        try (var parts = Files.list(root.resolve(".wirekit/uploads"))) {
            assertEquals(0, parts.count(), "partial uploads left behind");
        }
    }
}
