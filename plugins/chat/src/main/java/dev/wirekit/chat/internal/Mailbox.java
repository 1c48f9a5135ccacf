package dev.wirekit.chat.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Offline messages for registered accounts, bounded per account and by age, kept in memory or in a
 * directory with one file per account (each change written atomically). A sender may fill at most
 * half of one mailbox, so one person cannot crowd out everyone else's messages.
 */
public final class Mailbox {
    /** One stored message. */
    public record Letter(Instant time, String command, String source, String senderAccount, String text) {}

    /** What became of a message offered to a mailbox. */
    public enum Outcome {
        QUEUED,
        FULL,
        SENDER_LIMIT,
        DISABLED
    }

    private final Path directory;
    private final int max;
    private final Duration retention;
    private final InstantSource clock;
    private final Map<String, List<Letter>> cache = new HashMap<>();

    public Mailbox(Path directory, int max, Duration retention, InstantSource clock) {
        this.directory = directory;
        this.max = max;
        this.retention = retention;
        this.clock = clock;
    }

    /** Stores {@code letter} for {@code account}; the outcome says whether it was queued. */
    public synchronized Outcome offer(String account, Letter letter, String senderKey) throws IOException {
        if (max == 0) {
            return Outcome.DISABLED;
        }
        List<Letter> box = load(account);
        if (box.size() >= max) {
            return Outcome.FULL;
        }
        long fromSender = box.stream().filter(l -> senderKey.equals(key(l))).count();
        if (fromSender >= Math.max(1, max / 2)) {
            return Outcome.SENDER_LIMIT;
        }
        List<Letter> more = new ArrayList<>(box);
        more.add(letter);
        save(account, more);
        return Outcome.QUEUED;
    }

    /** How many messages wait for {@code account}. */
    public synchronized int count(String account) throws IOException {
        return load(account).size();
    }

    /** The messages waiting for {@code account}, oldest first (they stay until {@link #remove}). */
    public synchronized List<Letter> pending(String account) throws IOException {
        return List.copyOf(load(account));
    }

    /** Removes the first {@code n} messages of {@code account}: those that were delivered. */
    public synchronized void remove(String account, int n) throws IOException {
        List<Letter> box = load(account);
        save(account, new ArrayList<>(box.subList(Math.min(n, box.size()), box.size())));
    }

    /** The key a sender is counted under: its account, else its nick. */
    public static String key(Letter l) {
        return l.senderAccount() != null ? "a:" + Names.fold(l.senderAccount()) : "n:" + Names.fold(nickOf(l.source()));
    }

    private static String nickOf(String source) {
        int bang = source.indexOf('!');
        return bang < 0 ? source : source.substring(0, bang);
    }

    private List<Letter> load(String account) throws IOException {
        String folded = Names.fold(account);
        List<Letter> box = cache.get(folded);
        if (box == null) {
            box = read(folded);
            cache.put(folded, box);
        }
        Instant oldest = clock.instant().minus(retention);
        if (!box.isEmpty() && box.get(0).time().isBefore(oldest)) {
            List<Letter> fresh = new ArrayList<>(
                    box.stream().filter(l -> !l.time().isBefore(oldest)).toList());
            save(account, fresh);
            box = fresh;
        }
        return box;
    }

    private List<Letter> read(String folded) throws IOException {
        List<Letter> box = new ArrayList<>();
        if (directory == null) {
            return box;
        }
        Path file = file(folded);
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            for (int i = 0; i < lines.size(); i++) {
                String[] f = lines.get(i).split("\t", 5);
                if (f.length != 5) {
                    throw new IOException(file + " line " + (i + 1) + " is not an offline message");
                }
                try {
                    box.add(new Letter(
                            Instant.ofEpochMilli(Long.parseLong(f[0])),
                            f[1],
                            f[2],
                            f[3].equals("-") ? null : f[3],
                            f[4]));
                } catch (NumberFormatException e) {
                    throw new IOException(file + " line " + (i + 1) + " has no valid time", e);
                }
            }
        } catch (NoSuchFileException e) {
            // nothing waiting
        }
        return box;
    }

    private void save(String account, List<Letter> box) throws IOException {
        String folded = Names.fold(account);
        if (directory != null) {
            Path file = file(folded);
            if (box.isEmpty()) {
                Files.deleteIfExists(file);
            } else {
                StringBuilder out = new StringBuilder();
                for (Letter l : box) {
                    out.append(l.time().toEpochMilli())
                            .append('\t')
                            .append(l.command())
                            .append('\t')
                            .append(l.source())
                            .append('\t')
                            .append(l.senderAccount() == null ? "-" : l.senderAccount())
                            .append('\t')
                            .append(l.text())
                            .append('\n');
                }
                AtomicFiles.write(file, out.toString());
            }
        }
        cache.put(folded, box);
    }

    /** A file name for any account name: letters, digits, '-' and '_' kept, the rest as %XX. */
    private Path file(String folded) {
        StringBuilder name = new StringBuilder();
        for (byte b : folded.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_') {
                name.append(c);
            } else {
                name.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        return directory.resolve(name + ".txt");
    }
}
