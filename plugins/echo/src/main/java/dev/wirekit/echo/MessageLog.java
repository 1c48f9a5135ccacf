package dev.wirekit.echo;

import dev.wirekit.api.Session;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Appends one line per event to a text file: {@code 2026-11-25T10:15:30Z /127.0.0.1:50312 hello}.
 * Message bytes are written as UTF-8 text with control characters escaped, so a binary message can
 * neither break the file's lines nor hide what it was. Thread-safe; close it when the server stops.
 */
public final class MessageLog implements AutoCloseable {
    private final Path file;
    private final Clock clock;
    private final BufferedWriter out;
    private final ReentrantLock lock = new ReentrantLock();

    private MessageLog(Path file, Clock clock) throws IOException {
        this.file = file;
        this.clock = clock;
        this.out = Files.newBufferedWriter(
                file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    /** Opens (creating or appending to) {@code file}, stamping lines with {@code clock}. */
    public static MessageLog open(Path file, Clock clock) throws IOException {
        return new MessageLog(file, clock);
    }

    void record(Session<?> session, ByteBuffer message) {
        record(session, printable(message));
    }

    void record(Session<?> session, String text) {
        String line = Instant.now(clock) + " " + session.remoteAddress() + " " + text;
        lock.lock();
        try {
            out.write(line);
            out.newLine();
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the message log " + file, e);
        } finally {
            lock.unlock();
        }
    }

    /** The message as text: UTF-8 with malformed bytes replaced, control characters as \\xNN. */
    static String printable(ByteBuffer message) {
        String text = StandardCharsets.UTF_8.decode(message.duplicate()).toString();
        StringBuilder sb = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n' && i == text.length() - 1) {
                continue; // the line's own ending
            }
            if (c < 0x20 || c == 0x7F) {
                sb.append(String.format("\\x%02X", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    @Override
    public void close() throws IOException {
        lock.lock();
        try {
            out.close();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public String toString() {
        return file.toString();
    }
}
