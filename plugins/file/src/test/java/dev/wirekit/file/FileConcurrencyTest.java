package dev.wirekit.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Fifty clients at once, each uploading its own file, downloading it back and downloading a shared
 * file, while ten of them also race to upload different contents under one name: every byte
 * arrives where it should, and the contested name ends up holding exactly one of the contents.
 */
class FileConcurrencyTest {
    private static final int CLIENTS = 50;
    private static final int RACERS = 10;

    @ParameterizedTest
    @ValueSource(strings = {"blocking", "nio"})
    void fiftyClientsWithoutAByteOutOfPlace(String transport, @TempDir Path dir) throws Exception {
        Path root = Files.createDirectory(dir.resolve("root"));
        Path local = Files.createDirectory(dir.resolve("local"));
        String shared = Fixtures.sha256(Fixtures.randomFile(root.resolve("shared.bin"), 1_500_000, 99));
        Map<String, String> raceContents = new ConcurrentHashMap<>();
        List<String> stored = java.util.Collections.synchronizedList(new ArrayList<>());
        try (Fixtures.Running running = Fixtures.serve(transport, root);
                ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> clients = new ArrayList<>();
            for (int i = 0; i < CLIENTS; i++) {
                int id = i;
                clients.add(pool.submit(() -> {
                    Path mine = Fixtures.randomFile(local.resolve("mine-" + id), 50_000 + id * 7_919L, id);
                    String digest = Fixtures.sha256(mine);
                    try (FileClient files = running.client()) {
                        assertEquals(digest, files.upload(mine).sha256());
                        Path back = local.resolve("back-" + id);
                        files.download("mine-" + id, back);
                        assertEquals(digest, Fixtures.sha256(back), "client " + id + " got its own file back");
                        Path copy = local.resolve("shared-" + id);
                        files.download("shared.bin", copy);
                        assertEquals(shared, Fixtures.sha256(copy), "client " + id + " got the shared file");
                        if (id < RACERS) {
                            Path contender = Fixtures.randomFile(local.resolve("race-" + id), 300_000, 1000 + id);
                            String contenderDigest = Fixtures.sha256(contender);
                            raceContents.put(contenderDigest, "client " + id);
                            try {
                                files.upload(contender, "contested.bin", TransferListener.NONE);
                                stored.add(contenderDigest);
                            } catch (FileTransferException e) {
                                assertEquals(FileError.BUSY, e.error(), e.getMessage());
                            }
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : clients) {
                f.get(2, TimeUnit.MINUTES);
            }
        }
        for (int i = 0; i < CLIENTS; i++) {
            assertEquals(Fixtures.sha256(local.resolve("mine-" + i)), Fixtures.sha256(root.resolve("mine-" + i)));
        }
        assertTrue(!stored.isEmpty(), "at least one racer stored the contested file");
        String contested = Fixtures.sha256(root.resolve("contested.bin"));
        assertTrue(stored.contains(contested), "the contested file is exactly one racer's content, whole");
        try (var parts = Files.list(root.resolve(".wirekit/uploads"))) {
            assertEquals(0, parts.count(), "no partial uploads left behind");
        }
    }
}
