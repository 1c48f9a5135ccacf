package dev.wirekit.http.testing;

import dev.wirekit.api.Transport;
import dev.wirekit.api.TransportOptions;
import dev.wirekit.spi.CommandContext;
import dev.wirekit.spi.OptionValues;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** A {@link CommandContext} for running a command's action in a test, with captured output. */
public final class TestCommandContext implements CommandContext {
    private final OptionValues values;
    private final Transport transport;
    private final InputStream in;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final PrintStream outStream = new PrintStream(out, true, StandardCharsets.UTF_8);
    private final PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8);

    public TestCommandContext(OptionValues values, Transport transport, byte[] stdin) {
        this.values = values;
        this.transport = transport;
        this.in = new ByteArrayInputStream(stdin);
    }

    private int exit = -1;

    /** What was printed to standard output. */
    public String outText() {
        return out.toString(StandardCharsets.ISO_8859_1);
    }

    /** What was printed to standard error. */
    public String errText() {
        return err.toString(StandardCharsets.UTF_8);
    }

    /** The exit code the action returned, once recorded with {@link #exit(int)}. */
    public int exit() {
        return exit;
    }

    public TestCommandContext exit(int code) {
        exit = code;
        return this;
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
        return in;
    }

    @Override
    public PrintStream out() {
        return outStream;
    }

    @Override
    public PrintStream err() {
        return errStream;
    }

    @Override
    public boolean interactive() {
        return false;
    }

    @Override
    public String readLine(String prompt) {
        return null;
    }
}
