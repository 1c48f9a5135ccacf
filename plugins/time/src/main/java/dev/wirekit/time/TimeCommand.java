package dev.wirekit.time;

import dev.wirekit.api.ClientSession;
import dev.wirekit.api.framing.Framers;
import dev.wirekit.spi.CommandContext;
import dev.wirekit.spi.CommandProvider;
import dev.wirekit.spi.CommandSpec;
import dev.wirekit.spi.OptionSpec;
import dev.wirekit.spi.ParameterSpec;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;

/** {@code wirekit time HOST[:PORT]}: prints the server's time line. */
public final class TimeCommand implements CommandProvider {
    @Override
    public CommandSpec command() {
        return CommandSpec.builder("time", "ask a time server for the time")
                .parameter(ParameterSpec.required(
                        "target", "the server, host[:port] (port " + TimeProvider.DEFAULT_PORT + " by default)"))
                .option(OptionSpec.flag("udp", "use UDP instead of TCP"))
                .option(OptionSpec.duration("timeout", "how long to wait for the answer", Duration.ofSeconds(5)))
                .action(TimeCommand::run)
                .build();
    }

    private static int run(CommandContext context) throws IOException {
        InetSocketAddress target = context.target(context.values().string("target"), TimeProvider.DEFAULT_PORT);
        Duration timeout = context.values().duration("timeout");
        boolean udp = context.values().flag("udp");
        try (ClientSession<String> session = udp
                ? context.transport().connectDatagram(target, Framers.lines(1024), context.datagramClientOptions())
                : context.transport().connect(target, Framers.lines(1024), context.clientOptions())) {
            if (udp) {
                session.send("time?");
            }
            String line = session.receive(timeout);
            if (line == null) {
                context.err().println("the server closed the connection without sending the time");
                return 1;
            }
            context.out().println(line);
            return 0;
        }
    }
}
