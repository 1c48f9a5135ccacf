package dev.wirekit.testkit.doubles;

import dev.wirekit.api.Transport;
import dev.wirekit.api.TransportOptions;
import dev.wirekit.spi.CommandContext;
import dev.wirekit.spi.CommandSpec;
import dev.wirekit.spi.OptionValues;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Runs a plugin's client command without the CLI: values in, exit code and output out. For testing a
 * {@link CommandSpec}'s action; the {@code wirekit} CLI's own tests cover argument parsing.
 *
 * <pre>{@code
 * CommandHarness.Result r = CommandHarness.run(new EchoCommand().command(), transport,
 *         Map.of("target", "127.0.0.1:" + port, "message", List.of("hello")), "");
 * assertEquals(0, r.exitCode());
 * }</pre>
 */
public final class CommandHarness {
    private CommandHarness() {}

    /**
     * What a command run produced.
     *
     * @param exitCode what the action returned
     * @param out everything it printed to standard output
     * @param err everything it printed to standard error
     */
    public record Result(int exitCode, String out, String err) {}

    /** Runs {@code spec}'s action with {@code values} (option and parameter values by name) and {@code stdin}. */
    public static Result run(CommandSpec spec, Transport transport, Map<String, ?> values, String stdin)
            throws Exception {
        return run(spec, transport, TransportOptions.defaults(), values, stdin);
    }

    /** As {@link #run(CommandSpec, Transport, Map, String)}, with the client options a {@code --tls} run would give. */
    public static Result run(
            CommandSpec spec, Transport transport, TransportOptions clientOptions, Map<String, ?> values, String stdin)
            throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        InputStream in = new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8));
        try (PrintStream pout = new PrintStream(out, true, StandardCharsets.UTF_8);
                PrintStream perr = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            Context context =
                    new Context(OptionValues.parse(spec.options(), values), transport, clientOptions, in, pout, perr);
            int code = spec.action().run(context);
            return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        }
    }

    private record Context(
            OptionValues values,
            Transport transport,
            TransportOptions clientOptions,
            InputStream in,
            PrintStream out,
            PrintStream err,
            BufferedReader lines)
            implements CommandContext {
        Context(
                OptionValues values,
                Transport transport,
                TransportOptions options,
                InputStream in,
                PrintStream out,
                PrintStream err) {
            this(
                    values,
                    transport,
                    options,
                    in,
                    out,
                    err,
                    new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)));
        }

        @Override
        public TransportOptions datagramClientOptions() {
            return TransportOptions.defaults();
        }

        @Override
        public boolean interactive() {
            return false;
        }

        @Override
        public String readLine(String prompt) throws IOException {
            return lines.readLine();
        }
    }
}
