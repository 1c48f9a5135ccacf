package dev.wirekit.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wirekit.api.Server;
import dev.wirekit.api.Transport;
import dev.wirekit.api.TransportOptions;
import dev.wirekit.testkit.TestEnvironment;
import java.io.IOException;
import java.net.ProtocolException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Bad input from one client (a header lying about the size, data that does not match its digest,
 * a client vanishing mid-upload) gets that client a clear error, leaves no partial file visible,
 * and does not disturb a transfer running beside it. A lying server gets the client a clear error
 * too.
 */
class FileBadInputTest {
    private final TestEnvironment env = new TestEnvironment(Fixtures.WAIT);

    private static byte[] random(int n, long seed) {
        byte[] b = new byte[n];
        SplittableRandom r = new SplittableRandom(seed);
        for (int i = 0; i < n; i++) {
            b[i] = (byte) r.nextInt(256);
        }
        return b;
    }

    /** Downloads {@code name} in the background, throttled by a listener, while bad input happens. */
    private static CompletableFuture<TransferResult> bystander(Fixtures.Running running, String name, Path target) {
        return CompletableFuture.supplyAsync(
                () -> {
                    try (FileClient client = running.client()) {
                        return client.download(name, target);
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                },
                java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
    }

    /** The bytes held by partial uploads in the work area (-1 while there is none). */
    static long partialBytes(Path root) {
        try (var parts = Files.list(root.resolve(".wirekit/uploads"))) {
            long sum = -1;
            for (Path p : (Iterable<Path>) parts::iterator) {
                sum = Math.max(sum, 0) + Files.size(p);
            }
            return sum;
        } catch (IOException e) {
            return -1;
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"blocking", "nio"})
    void badUploadsAreRefusedWhileOthersCarryOn(String transport, @TempDir Path dir) throws Exception {
        Path root = Files.createDirectory(dir.resolve("root"));
        String big = Fixtures.sha256(Fixtures.randomFile(root.resolve("big.bin"), 30_000_000, 5));
        try (Fixtures.Running running = Fixtures.serve(transport, root)) {
            CompletableFuture<TransferResult> other = bystander(running, "big.bin", dir.resolve("big.bin"));

            // DATA announces more than PUT did: refused, connection closed, nothing stored
            byte[] content = random(10_000, 1);
            try (var peer = RawPeer.greeted(running.address())) {
                peer.send(HandProtocol.put("liar.bin", content.length, HandProtocol.sha256(content)));
                peer.frame().expectType(HandProtocol.READY);
                peer.send(HandProtocol.data(content.length * 2L));
                var error = peer.frame();
                error.expectError(HandProtocol.BAD_REQUEST);
                assertTrue(error.toString().contains("DATA announces 20000 bytes, but 10000"), error.toString());
                peer.expectClosed();
            }

            // the data does not match the digest: refused, nothing kept, the connection goes on
            try (var peer = RawPeer.greeted(running.address())) {
                peer.send(HandProtocol.put("tampered.bin", content.length, HandProtocol.sha256(content)));
                peer.frame().expectType(HandProtocol.READY);
                peer.send(HandProtocol.data(content.length));
                byte[] tampered = content.clone();
                tampered[5000] ^= 1;
                peer.send(tampered);
                var error = peer.frame();
                error.expectError(HandProtocol.DIGEST_MISMATCH);
                assertTrue(error.toString().contains("nothing was kept"), error.toString());
                peer.send(HandProtocol.get("tampered.bin", 0));
                peer.frame().expectError(HandProtocol.NOT_FOUND);
            }

            // a header announcing fewer bytes than follow: the announced ones are stored (their
            // digest matches), the rest is read as the next message, which is malformed
            try (var peer = RawPeer.greeted(running.address())) {
                peer.send(HandProtocol.put("short.bin", 10, HandProtocol.sha256(new byte[10])));
                peer.frame().expectType(HandProtocol.READY);
                peer.send(HandProtocol.data(10));
                peer.send(new byte[10 + 64]); // 64 more zero bytes: a frame of length 0 is malformed
                peer.frame().expectType(HandProtocol.STORED);
                var error = peer.frame();
                error.expectError(HandProtocol.BAD_REQUEST);
                assertTrue(error.toString().contains("malformed"), error.toString());
                peer.expectClosed();
            }
            assertEquals(10, Files.size(root.resolve("short.bin")));

            // a client that vanishes mid-upload: nothing visible, the partial waits for a resume
            byte[] half = random(2_000_000, 2);
            var vanishing = RawPeer.halfUpload(running.address(), "vanished.bin", half, 1_000_000);
            env.awaitTrue("the server has written what was sent", () -> partialBytes(root) == 1_000_000);
            RawPeer.vanish(vanishing);
            env.awaitTrue(
                    "the server lets go of the vanished upload",
                    () -> running.files().uploadsInProgress() == 0);
            assertFalse(Files.exists(root.resolve("vanished.bin")), "a vanished upload is not visible");
            try (var parts = Files.list(root.resolve(".wirekit/uploads"))) {
                assertEquals(1, parts.count(), "its partial file waits in the work area");
            }

            TransferResult result = other.get(1, TimeUnit.MINUTES);
            assertEquals(big, result.sha256());
            assertEquals(big, Fixtures.sha256(dir.resolve("big.bin")), "the transfer beside them is intact");
            try (FileClient client = running.client()) {
                assertEquals(
                        java.util.List.of("big.bin", "short.bin"),
                        client.list().stream().map(RemoteFile::name).toList(),
                        "nothing of the bad uploads is visible");
            }
        }
    }

    @Test
    void aBugIsAnInternalErrorForThatClientAlone(@TempDir Path dir) throws Exception {
        Path root = Files.createDirectory(dir.resolve("root"));
        Files.writeString(root.resolve("a.txt"), "a");
        DiskSpace broken = r -> {
            throw new IllegalStateException("a broken quota plug-in");
        };
        try (Fixtures.Running running =
                Fixtures.serve("nio", root, b -> b.diskSpace(broken), TransportOptions.defaults())) {
            Path local = Fixtures.randomFile(dir.resolve("up.bin"), 1000, 7);
            try (FileClient client = running.client()) {
                FileTransferException e = assertThrows(FileTransferException.class, () -> client.upload(local));
                assertEquals(FileError.INTERNAL, e.error());
                assertTrue(e.getMessage().contains("its log says why"), e.getMessage());
                assertEquals(1, client.list().size(), "the client carries on, on a new connection");
            }
            assertFalse(Files.exists(root.resolve("up.bin")));
        }
    }

    @Test
    void interruptedUploadsExpireAfterTheirTimeToLive(@TempDir Path dir) throws Exception {
        Path root = Files.createDirectory(dir.resolve("root"));
        AtomicReference<Instant> now = new AtomicReference<>(Instant.now());
        InstantSource clock = now::get;
        try (Fixtures.Running running = Fixtures.serve(
                "nio", root, b -> b.clock(clock).partialUploadTtl(Duration.ofHours(24)), TransportOptions.defaults())) {
            byte[] content = random(500_000, 3);
            var vanishing = RawPeer.halfUpload(running.address(), "stale.bin", content, 200_000);
            env.awaitTrue("the server has written what was sent", () -> partialBytes(root) == 200_000);
            RawPeer.vanish(vanishing);
            env.awaitTrue(
                    "the server lets go of the vanished upload",
                    () -> running.files().uploadsInProgress() == 0);
            Path uploads = root.resolve(".wirekit/uploads");
            try (var parts = Files.list(uploads)) {
                assertEquals(1, parts.count());
            }
            now.set(now.get().plus(Duration.ofHours(25)));
            Path fresh = Fixtures.randomFile(dir.resolve("fresh.bin"), 1000, 4);
            try (FileClient client = running.client()) {
                client.upload(fresh); // the next upload sweeps the work area
            }
            try (var parts = Files.list(uploads)) {
                assertEquals(0, parts.count(), "the stale partial upload was removed");
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"blocking", "nio"})
    void aServerThatLiesIsCaughtByTheClient(String transport, @TempDir Path dir) throws Exception {
        // a fake server: FILE announces 1000 bytes of a 1000-byte file, sends 400, then closes
        byte[] content = random(1000, 6);
        try (Transport t = Transport.load(transport);
                Server liar = t.listen(
                        Fixtures.ANY_PORT,
                        connection -> {
                            var in = new java.io.DataInputStream(connection.inputStream());
                            var out = connection.outputStream();
                            in.readFully(new byte[in.readInt()]); // HELLO
                            out.write(new byte[] {0, 0, 0, 15, 0x02, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 100});
                            in.readFully(new byte[in.readInt()]); // GET
                            ByteBuffer file = ByteBuffer.allocate(4 + 1 + 8 + 8 + 32 + 8 + 8);
                            file.putInt(65).put((byte) 0x21).putLong(1000).putLong(0);
                            file.put(HandProtocol.sha256(content)).putLong(0).putLong(1000);
                            out.write(file.array());
                            out.write(content, 0, 400);
                            out.flush();
                        },
                        TransportOptions.defaults());
                FileClient client = FileClient.connect(t, liar.localAddress(), TransportOptions.defaults())) {
            Path target = dir.resolve("lied.bin");
            IOException e = assertThrows(IOException.class, () -> client.download("lied.bin", target));
            assertTrue(e.getMessage().contains("after 400 of 1000 bytes"), e.getMessage());
            assertFalse(Files.exists(target), "nothing under the target name");
            assertEquals(400, Files.size(dir.resolve("lied.bin.part")), "what arrived is kept for a resume");
        }
        // a FILE header whose range does not add up is a protocol error
        try (Transport t = Transport.load(transport);
                Server liar = t.listen(
                        Fixtures.ANY_PORT,
                        connection -> {
                            var in = new java.io.DataInputStream(connection.inputStream());
                            var out = connection.outputStream();
                            in.readFully(new byte[in.readInt()]);
                            out.write(new byte[] {0, 0, 0, 15, 0x02, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 100});
                            in.readFully(new byte[in.readInt()]);
                            ByteBuffer file = ByteBuffer.allocate(4 + 1 + 8 + 8 + 32 + 8 + 8);
                            file.putInt(65).put((byte) 0x21).putLong(1000).putLong(0);
                            file.put(new byte[32]).putLong(0).putLong(10);
                            out.write(file.array());
                            out.write(new byte[10]);
                            out.flush();
                        },
                        TransportOptions.defaults());
                FileClient client = FileClient.connect(t, liar.localAddress(), TransportOptions.defaults())) {
            ProtocolException e =
                    assertThrows(ProtocolException.class, () -> client.download("odd.bin", dir.resolve("odd.bin")));
            assertTrue(e.getMessage().contains("range 0+10 of a 1000-byte file"), e.getMessage());
        }
    }
}
