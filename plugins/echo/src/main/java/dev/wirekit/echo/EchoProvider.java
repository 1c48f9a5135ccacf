package dev.wirekit.echo;

import dev.wirekit.api.Server;
import dev.wirekit.api.framing.Framers;
import dev.wirekit.spi.DeployContext;
import dev.wirekit.spi.Deployment;
import dev.wirekit.spi.OptionSpec;
import dev.wirekit.spi.OptionValues;
import dev.wirekit.spi.Protocol;
import dev.wirekit.spi.ServiceProvider;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Set;

/** {@code wirekit serve echo}: the echo service on TCP and UDP. */
public final class EchoProvider implements ServiceProvider {
    /** The port {@code serve echo} uses by default. */
    public static final int DEFAULT_PORT = 7007;

    @Override
    public String name() {
        return "echo";
    }

    @Override
    public String description() {
        return "sends back every byte it receives (TCP and UDP)";
    }

    @Override
    public int defaultPort() {
        return DEFAULT_PORT;
    }

    @Override
    public Set<Protocol> protocols() {
        return Set.of(Protocol.TCP, Protocol.UDP);
    }

    @Override
    public List<OptionSpec> options() {
        return List.of(
                OptionSpec.flag("uppercase", "echo ASCII letters in upper case"),
                OptionSpec.string("welcome", "a line sent to each TCP client when it connects", null),
                OptionSpec.path("log-file", "append every message to this file", null),
                OptionSpec.integer(
                        "max-message", "largest chunk (TCP) or datagram (UDP) handled at once, in bytes", 65_507));
    }

    @Override
    public Deployment create(OptionValues options) {
        boolean uppercase = options.flag("uppercase");
        String welcome = options.string("welcome");
        Path logFile = options.path("log-file");
        int max = options.integer("max-message");
        if (max <= 0 || max > 65_507) {
            throw new IllegalArgumentException("option --max-message: must be between 1 and 65507, not " + max);
        }
        EchoService.builder().welcome(welcome); // validates the welcome line before anything starts
        return context -> start(context, uppercase, welcome, logFile, max);
    }

    private static Server start(DeployContext context, boolean uppercase, String welcome, Path logFile, int max)
            throws IOException {
        MessageLog log = logFile == null ? null : MessageLog.open(logFile, Clock.systemUTC());
        EchoService tcp = EchoService.builder()
                .uppercase(uppercase)
                .welcome(welcome)
                .log(log)
                .build();
        EchoService udp = EchoService.builder().uppercase(uppercase).log(log).build(); // no welcome over UDP
        return context.serve(Framers.raw(max), tcp, udp, log == null ? List.of() : List.of(log));
    }
}
