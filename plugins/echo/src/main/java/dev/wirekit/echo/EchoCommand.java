package dev.wirekit.echo;

import dev.wirekit.api.ClientSession;
import dev.wirekit.api.framing.Framers;
import dev.wirekit.spi.CommandContext;
import dev.wirekit.spi.CommandProvider;
import dev.wirekit.spi.CommandSpec;
import dev.wirekit.spi.LineConsole;
import dev.wirekit.spi.OptionSpec;
import dev.wirekit.spi.ParameterSpec;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;

/**
 * {@code wirekit echo HOST[:PORT] [MESSAGE...]}: with a message, sends it and prints the echo;
 * without, an interactive session where every line typed is echoed back.
 */
public final class EchoCommand implements CommandProvider {
    @Override
    public CommandSpec command() {
        return CommandSpec.builder("echo", "talk to an echo server: one message, or interactively")
                .parameter(ParameterSpec.required(
                        "target", "the server, host[:port] (port " + EchoProvider.DEFAULT_PORT + " by default)"))
                .parameter(ParameterSpec.rest(
                        "message", "a message to send once; without it, read lines from the terminal"))
                .option(OptionSpec.flag("udp", "use UDP instead of TCP"))
                .option(OptionSpec.duration("timeout", "how long to wait for the echo", Duration.ofSeconds(5)))
                .action(EchoCommand::run)
                .build();
    }

    private static int run(CommandContext context) throws IOException {
        InetSocketAddress target = context.target(context.values().string("target"), EchoProvider.DEFAULT_PORT);
        boolean udp = context.values().flag("udp");
        List<String> words = context.values().list("message");
        try (ClientSession<String> session = udp
                ? context.transport().connectDatagram(target, Framers.lines(65_507), context.datagramClientOptions())
                : context.transport().connect(target, Framers.lines(64 * 1024), context.clientOptions())) {
            if (words.isEmpty()) {
                return LineConsole.run(context, session, "> ", udp);
            }
            return once(
                    context, session, String.join(" ", words), context.values().duration("timeout"));
        }
    }

    /** Sends {@code message}; prints what comes back until its echo has arrived. */
    private static int once(CommandContext context, ClientSession<String> session, String message, Duration timeout)
            throws IOException {
        session.send(message);
        while (true) {
            String reply = session.receive(timeout);
            if (reply == null) {
                context.err().println("the server closed the connection before echoing");
                return 1;
            }
            context.out().println(reply);
            if (reply.equalsIgnoreCase(message)) {
                return 0;
            }
        }
    }
}
