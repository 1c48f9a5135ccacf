package dev.wirekit.cli;

import dev.wirekit.spi.CommandProvider;
import dev.wirekit.spi.Providers;
import dev.wirekit.spi.ServiceProvider;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.net.BindException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParseResult;

/**
 * Builds the {@code wirekit} command tree from what the SPI finds, and runs the command chosen.
 * Every command is registered with a {@link Handler}; picocli parses, shows help and reports usage
 * errors, and the handler does the work.
 */
final class Cli {
    /** The work of one command, given its parse result. */
    @FunctionalInterface
    interface Handler {
        int run(ParseResult parsed) throws Exception;
    }

    final Terminal terminal;
    private final boolean verbose;
    private final Map<CommandSpec, Handler> handlers = new HashMap<>();

    Cli(Terminal terminal, boolean verbose) {
        this.terminal = terminal;
        this.verbose = verbose;
    }

    CommandLine commandLine() {
        CommandSpec root = CommandSpec.create()
                .name("wirekit")
                .mixinStandardHelpOptions(true)
                .version(version());
        root.usageMessage()
                .description(
                        "Network services and clients: serve a protocol, talk to a server, list what is installed.")
                .footer("", "Run 'wirekit COMMAND --help' for a command's options.");
        root.addOption(CommandLine.Model.OptionSpec.builder("-v", "--verbose")
                .arity("0")
                .type(boolean.class)
                .description("log everything, and show stack traces of errors")
                .build());
        CommandLine cli = new CommandLine(root);
        ListCommands.register(this, cli);
        Providers.Found<ServiceProvider> services = Providers.discover(ServiceProvider.class);
        new ServeCommand(this).register(cli, services.providers());
        for (CommandProvider provider :
                Providers.discover(CommandProvider.class).providers()) {
            try {
                PluginCommand.register(this, cli, provider.command());
            } catch (RuntimeException e) {
                terminal.err.println(
                        "wirekit: skipped the command of " + provider.getClass().getName() + ": " + e.getMessage());
            }
        }
        cli.setOut(new PrintWriter(terminal.out, true));
        cli.setErr(new PrintWriter(terminal.err, true));
        cli.setExecutionStrategy(this::execute);
        cli.setExecutionExceptionHandler((e, command, parsed) -> reportFailure(e));
        return cli;
    }

    /** Registers {@code handler} for {@code command}; returns the command's CommandLine. */
    CommandLine register(CommandLine parent, CommandSpec command, Handler handler) {
        CommandLine child = new CommandLine(command);
        parent.addSubcommand(command.name(), child);
        if (handler != null) {
            handlers.put(command, handler);
        }
        return child;
    }

    private int execute(ParseResult parsed) throws CommandLine.ExecutionException {
        Integer help = CommandLine.executeHelpRequest(parsed);
        if (help != null) {
            return help;
        }
        ParseResult leaf = parsed;
        while (leaf.hasSubcommand()) {
            leaf = leaf.subcommand();
        }
        Handler handler = handlers.get(leaf.commandSpec());
        if (handler == null) {
            leaf.commandSpec().commandLine().usage(terminal.err);
            return 2;
        }
        try {
            return handler.run(leaf);
        } catch (IllegalArgumentException e) {
            terminal.err.println("wirekit "
                    + leaf.commandSpec().qualifiedName(" ").replaceFirst("^wirekit ?", "") + ": " + e.getMessage());
            if (verbose) {
                e.printStackTrace(terminal.err);
            }
            return 2;
        } catch (Exception e) {
            throw new CommandLine.ExecutionException(leaf.commandSpec().commandLine(), e.getMessage(), e);
        }
    }

    private int reportFailure(Exception e) {
        Throwable cause = e instanceof CommandLine.ExecutionException && e.getCause() != null ? e.getCause() : e;
        terminal.err.println("wirekit: " + explain(cause));
        if (verbose) {
            cause.printStackTrace(terminal.err);
        } else if (!(cause instanceof IOException)) {
            terminal.err.println("(run with --verbose for details)");
        }
        return 1;
    }

    /** A one-line explanation of a failure, for the user. */
    static String explain(Throwable e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (e instanceof UnknownHostException) {
            return "unknown host: " + message;
        }
        if (e instanceof BindException) {
            return "cannot listen: " + message;
        }
        if (e instanceof ConnectException) {
            return "cannot connect: " + message;
        }
        return message;
    }

    static String version() {
        Properties p = new Properties();
        try (InputStream in = Cli.class.getResourceAsStream("version.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException ignored) {
            // unknown version
        }
        return "wirekit " + p.getProperty("version", "(development)");
    }
}
