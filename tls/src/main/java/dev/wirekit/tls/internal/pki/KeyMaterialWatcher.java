package dev.wirekit.tls.internal.pki;

import dev.wirekit.tls.KeyMaterial;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Reloads a {@link KeyMaterial} when its files change. Watches their directories (so atomic
 * renames and Kubernetes-style symlink swaps are seen), waits until changes have settled, then
 * reloads; one virtual thread, stopped by {@link #close()}.
 */
public final class KeyMaterialWatcher implements AutoCloseable {
    private static final System.Logger LOG = DevCertificates.LOG;

    private final WatchService service;
    private final Thread thread;

    private KeyMaterialWatcher(WatchService service, KeyMaterial material, Duration settle) {
        this.service = service;
        this.thread = Thread.ofVirtual().name("wirekit-tls-cert-watcher").unstarted(() -> run(material, settle));
    }

    public static KeyMaterialWatcher start(KeyMaterial material, List<Path> files, Duration settle) throws IOException {
        if (settle.isNegative()) {
            throw new IllegalArgumentException("settle must not be negative: " + settle);
        }
        WatchService service = FileSystems.getDefault().newWatchService();
        try {
            Set<Path> dirs = new LinkedHashSet<>();
            for (Path f : files) {
                dirs.add(f.toAbsolutePath().getParent());
            }
            for (Path dir : dirs) {
                dir.register(
                        service,
                        StandardWatchEventKinds.ENTRY_CREATE,
                        StandardWatchEventKinds.ENTRY_MODIFY,
                        StandardWatchEventKinds.ENTRY_DELETE);
            }
        } catch (IOException | RuntimeException e) {
            service.close();
            throw e;
        }
        KeyMaterialWatcher watcher = new KeyMaterialWatcher(service, material, settle);
        watcher.thread.start();
        return watcher;
    }

    private void run(KeyMaterial material, Duration settle) {
        try {
            while (true) {
                WatchKey key = service.take();
                drain(key);
                // wait until nothing changes for 'settle', so a renewal's files are all in place
                WatchKey more;
                while ((more = service.poll(Math.max(1, settle.toMillis()), TimeUnit.MILLISECONDS)) != null) {
                    drain(more);
                }
                try {
                    material.reload();
                } catch (IOException | RuntimeException e) {
                    LOG.log(
                            Level.WARNING,
                            "the TLS certificate files changed but cannot be used; keeping the current certificate: "
                                    + e.getMessage());
                }
            }
        } catch (InterruptedException | ClosedWatchServiceException e) {
            // closed
        }
    }

    private static void drain(WatchKey key) {
        key.pollEvents();
        key.reset();
    }

    @Override
    public void close() throws IOException {
        service.close();
        thread.interrupt();
        try {
            thread.join(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
