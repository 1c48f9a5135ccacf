package dev.wirekit.chat.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wirekit.chat.AccountStore;
import dev.wirekit.chat.ChatServerConfig.PasswordHashing;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AccountStoreTest {
    /** Cheap hashes: these tests are about the file, not the hash cost. */
    private static final PasswordHashing CHEAP = new PasswordHashing(64, 1, 1);

    @Test
    void twoStoresOnOneFileSeeEachOthersChangesAndLoseNone(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("accounts.txt");
        AccountStore a = AccountStore.open(file, CHEAP);
        AccountStore b = AccountStore.open(file, CHEAP); // say, the server and 'wirekit chat user add'
        List<Future<?>> writes = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 20; i++) {
                AccountStore store = i % 2 == 0 ? a : b;
                String name = "user" + i;
                writes.add(pool.submit(() -> {
                    store.add(name, ("password-" + name).toCharArray());
                    return null;
                }));
            }
            for (Future<?> w : writes) {
                w.get();
            }
        }
        assertEquals(20, a.names().size(), a.names().toString());
        assertEquals(a.names(), b.names());
        assertTrue(b.verify("USER3", "password-user3".toCharArray()), "names fold case");
        assertFalse(b.verify("user3", "password-user4".toCharArray()));
        assertFalse(b.verify("nobody", "password-user4".toCharArray()));
        try (var leftovers = Files.list(dir)) {
            assertEquals(
                    List.of("accounts.txt", "accounts.txt.lock"),
                    leftovers.map(p -> p.getFileName().toString()).sorted().toList(),
                    "no temp files are left behind");
        }
    }

    @Test
    void aDamagedFileIsReportedNotIgnored(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("accounts.txt");
        Files.writeString(file, "alice\tnot-a-date\t-\t-\n");
        IOException e = assertThrows(IOException.class, () -> AccountStore.open(file, CHEAP));
        assertTrue(e.getMessage().contains("line 1"), e.getMessage());
    }

    @Test
    void certificatesAndPasswordlessAccounts(@TempDir Path dir) throws Exception {
        AccountStore store = AccountStore.open(dir.resolve("a.txt"), CHEAP);
        store.add("certonly", null);
        assertFalse(store.verify("certonly", "".toCharArray()), "no password: never verified");
        store.addCertificate("certonly", "AA:".repeat(31) + "AA");
        store.add("other", "password".toCharArray());
        assertThrows(IllegalArgumentException.class, () -> store.addCertificate("other", "aa".repeat(32)));
        assertThrows(IllegalArgumentException.class, () -> store.addCertificate("other", "xyz"));
        assertThrows(IllegalArgumentException.class, () -> store.add("Other", "password".toCharArray()));
        assertEquals(
                List.of("certonly", "other"),
                AccountStore.open(dir.resolve("a.txt"), CHEAP).names(),
                "persisted");
    }
}
