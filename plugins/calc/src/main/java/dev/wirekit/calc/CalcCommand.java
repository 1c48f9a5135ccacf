package dev.wirekit.calc;

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
 * {@code wirekit calc HOST[:PORT] [EXPRESSION...]}: evaluates one expression remotely, or runs an
 * interactive calculator session.
 */
public final class CalcCommand implements CommandProvider {
    @Override
    public CommandSpec command() {
        return CommandSpec.builder("calc", "ask a calculator server: one expression, or interactively")
                .parameter(ParameterSpec.required(
                        "target", "the server, host[:port] (port " + CalcProvider.DEFAULT_PORT + " by default)"))
                .parameter(ParameterSpec.rest("expression", "an expression such as 5 + 3; without it, read lines"))
                .option(OptionSpec.flag("udp", "use UDP instead of TCP"))
                .option(OptionSpec.duration("timeout", "how long to wait for the answer", Duration.ofSeconds(5)))
                .action(CalcCommand::run)
                .build();
    }

    private static int run(CommandContext context) throws IOException {
        InetSocketAddress target = context.target(context.values().string("target"), CalcProvider.DEFAULT_PORT);
        List<String> words = context.values().list("expression");
        boolean udp = context.values().flag("udp");
        try (ClientSession<String> session = udp
                ? context.transport().connectDatagram(target, Framers.lines(65_507), context.datagramClientOptions())
                : context.transport().connect(target, Framers.lines(65_507), context.clientOptions())) {
            if (words.isEmpty()) {
                return LineConsole.run(context, session, "calc> ", udp);
            }
            session.send(String.join(" ", words));
            String answer = session.receive(context.values().duration("timeout"));
            if (answer == null) {
                context.err().println("the server closed the connection without answering");
                return 1;
            }
            context.out().println(answer);
            return answer.startsWith("ERROR:") ? 2 : 0;
        }
    }
}
