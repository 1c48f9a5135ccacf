package dev.wirekit.chat;

import dev.wirekit.api.Transport;
import dev.wirekit.api.TransportOptions;
import dev.wirekit.spi.CommandContext;
import dev.wirekit.spi.OptionValues;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A CommandContext whose user types when the test says so: lines are offered one at a time, so an
 * interactive command can be driven step by step while its output is watched.
 */
final class ScriptedContext implements CommandContext {
    private static final String EOF = new String("end of input");

    private final OptionValues values;
    private final Transport transport;
    private final BlockingQueue<String> typed = new LinkedBlockingQueue<>();
    private final ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(outBytes, true, StandardCharsets.UTF_8);
    private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
    private final PrintStream err = new PrintStream(errBytes, true, StandardCharsets.UTF_8);

    ScriptedContext(OptionValues values, Transport transport) {
        this.values = values;
        this.transport = transport;
    }

    /** The user types {@code line}. */
    void type(String line) {
        typed.add(line);
    }

    /** The user ends the input (Ctrl-D). */
    void endInput() {
        typed.add(EOF);
    }

    String output() {
        synchronized (out) {
            return outBytes.toString(StandardCharsets.UTF_8);
        }
    }

    String errors() {
        return errBytes.toString(StandardCharsets.UTF_8);
    }

    /** Waits until the output has a line containing {@code text}. */
    void awaitOutput(String text) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            for (String line : output().split("\n")) {
                if (line.contains(text)) {
                    return;
                }
            }
            synchronized (this) {
                wait(20); // a poll with a deadline: the command prints from its own threads
            }
        }
        throw new AssertionError(
                "no output line containing '" + text + "'; output:\n" + output() + "\nerrors:\n" + errors());
    }

    @Override
    public OptionValues values() {
        return values;
    }

    @Override
    public Transport transport() {
        return transport;
    }

    @Override
    public TransportOptions clientOptions() {
        return TransportOptions.defaults();
    }

    @Override
    public TransportOptions datagramClientOptions() {
        return TransportOptions.defaults();
    }

    @Override
    public InputStream in() {
        return InputStream.nullInputStream();
    }

    @Override
    public PrintStream out() {
        return out;
    }

    @Override
    public PrintStream err() {
        return err;
    }

    @Override
    public boolean interactive() {
        return false;
    }

    @Override
    public String readLine(String prompt) throws java.io.IOException {
        try {
            String line = typed.take();
            return line == EOF ? null : line;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException();
        }
    }
}
