package dev.wirekit.dns.support;

import dev.wirekit.api.Transport;
import dev.wirekit.api.TransportOptions;
import dev.wirekit.spi.CommandContext;
import dev.wirekit.spi.CommandSpec;
import dev.wirekit.spi.OptionValues;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** A {@link CommandContext} as the CLI would fill it, with captured output. */
public final class TestCommandContext implements CommandContext {
    private final OptionValues values;
    private final Transport transport;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final PrintStream outStream = new PrintStream(out, true, StandardCharsets.UTF_8);
    private final PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8);

    public TestCommandContext(CommandSpec command, Map<String, ?> raw, Transport transport) {
        this.values = OptionValues.parse(command.options(), raw);
        this.transport = transport;
    }

    /** What the command printed on standard output. */
    public String printed() {
        return out.toString(StandardCharsets.UTF_8);
    }

    public String errText() {
        return err.toString(StandardCharsets.UTF_8);
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
        return new ByteArrayInputStream(new byte[0]);
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
