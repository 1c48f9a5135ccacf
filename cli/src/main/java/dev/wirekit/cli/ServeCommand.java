package dev.wirekit.cli;

import dev.wirekit.api.Server;
import dev.wirekit.api.ServerGroup;
import dev.wirekit.api.Transport;
import dev.wirekit.api.TransportOptions;
import dev.wirekit.spi.DeployContext;
import dev.wirekit.spi.Deployment;
import dev.wirekit.spi.OptionSpec;
import dev.wirekit.spi.OptionValues;
import dev.wirekit.spi.Protocol;
import dev.wirekit.spi.ServiceProvider;
import java.net.InetSocketAddress;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParseResult;

/**
 * {@code wirekit serve SERVICE}: one subcommand per service provider, with the options every service
 * shares (address, transport, protocols, limits, TLS) and the provider's own.
 */
final class ServeCommand {
    /** Option names the CLI owns; a provider option with one of these names is skipped. */
    private static final Set<String> RESERVED = reserved();

    private static Set<String> reserved() {
        Set<String> names = new java.util.HashSet<>(
                Set.of("host", "port", "tcp", "udp", "max-connections", "idle-timeout", "help", "version", "verbose"));
        names.addAll(NetworkOptions.names(NetworkOptions.Side.SERVER));
        return Set.copyOf(names);
    }

    private final Cli cli;

    ServeCommand(Cli cli) {
        this.cli = cli;
    }

    void register(CommandLine root, List<ServiceProvider> providers) {
        CommandSpec serve = CommandSpec.create().name("serve").mixinStandardHelpOptions(true);
        serve.usageMessage().description("run a service until interrupted (Ctrl-C closes it gracefully)");
        CommandLine serveLine = cli.register(root, serve, null);
        for (ServiceProvider provider : providers) {
            try {
                registerService(serveLine, provider);
            } catch (RuntimeException e) {
                cli.terminal.err.println(
                        "wirekit: skipped service " + provider.getClass().getName() + ": " + e.getMessage());
            }
        }
    }

    private void registerService(CommandLine serve, ServiceProvider provider) {
        CommandSpec command = CommandSpec.create().name(provider.name()).mixinStandardHelpOptions(true);
        command.usageMessage().description(provider.description());
        command.addOption(
                option("--host", "ADDRESS", "the address to listen on (default: 127.0.0.1; 0.0.0.0 for all)"));
        command.addOption(option(
                "--port",
                "PORT",
                "the port to listen on (default: " + provider.defaultPort() + "; 0 picks a free one)"));
        NetworkOptions.add(command, NetworkOptions.Side.SERVER);
        Set<Protocol> supported = provider.protocols();
        if (supported.size() > 1) {
            command.addOption(flag("--tcp", "serve TCP only (default: every protocol the service supports)"));
            command.addOption(flag("--udp", "serve UDP only"));
        }
        command.addOption(option("--max-connections", "N", "most connections (or UDP peers) at once (default: 10000)"));
        command.addOption(option("--idle-timeout", "DURATION", "close connections idle this long (default: 5m)"));
        List<OptionSpec> own = provider.options().stream()
                .filter(o -> {
                    boolean clash = RESERVED.contains(o.name());
                    if (clash) {
                        // For the plugin's author (visible with --verbose), not for every user of every command.
                        System.getLogger("dev.wirekit.cli")
                                .log(
                                        System.Logger.Level.DEBUG,
                                        "service " + provider.name() + " declares option --" + o.name()
                                                + ", which the CLI reserves; it is ignored");
                    }
                    return !clash;
                })
                .toList();
        own.forEach(o -> Arguments.addOption(command, o));
        cli.register(serve, command, parsed -> run(provider, own, parsed));
    }

    private int run(ServiceProvider provider, List<OptionSpec> own, ParseResult parsed) throws Exception {
        OptionValues values = Arguments.values(parsed, own, List.of(), List.of());
        String host = parsed.matchedOptionValue("--host", "127.0.0.1");
        int port = parsePort(parsed.matchedOptionValue("--port", String.valueOf(provider.defaultPort())));
        Set<Protocol> protocols = protocols(provider, parsed);
        if (port == 0 && protocols.size() > 1) {
            port = FreePort.forTcpAndUdp(host); // one number for both, as users expect of a service
        }
        TransportOptions base = limits(parsed);
        Deployment deployment = provider.create(values);
        Transport transport = NetworkOptions.transport(parsed);
        NetworkOptions.Served served;
        Server server;
        try {
            served = NetworkOptions.server(parsed, base);
        } catch (RuntimeException e) {
            transport.close();
            throw e;
        }
        try {
            server = deployment.start(new DeployContext(
                    transport, new InetSocketAddress(host, port), protocols, served.stream(), served.datagram()));
        } catch (Exception e) {
            served.close();
            transport.close();
            throw e;
        }
        cli.terminal.out.println(provider.name() + " listening on " + describe(server) + " (" + transport.name()
                + " transport" + (served.tls().isEmpty() ? "" : "; " + served.tls()) + "); Ctrl-C to stop");
        cli.terminal.out.flush();
        Thread hook = new Thread(
                () -> {
                    server.close();
                    served.close();
                    transport.close();
                },
                "wirekit-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        server.awaitClose();
        return 0;
    }

    private static String describe(Server server) {
        List<Server> members = server instanceof ServerGroup g ? g.members() : List.of(server);
        return members.stream()
                .map(s -> s.protocol() + " " + s.localAddress().getAddress().getHostAddress() + ":"
                        + s.localAddress().getPort())
                .collect(Collectors.joining(", "));
    }

    private static Set<Protocol> protocols(ServiceProvider provider, ParseResult parsed) {
        EnumSet<Protocol> chosen = EnumSet.noneOf(Protocol.class);
        if (parsed.hasMatchedOption("--tcp")) {
            chosen.add(Protocol.TCP);
        }
        if (parsed.hasMatchedOption("--udp")) {
            chosen.add(Protocol.UDP);
        }
        return chosen.isEmpty() ? provider.protocols() : chosen;
    }

    private static TransportOptions limits(ParseResult parsed) {
        TransportOptions.Builder b = TransportOptions.builder();
        String max = parsed.matchedOptionValue("--max-connections", null);
        if (max != null) {
            try {
                b.maxConnections(Integer.parseInt(max));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("option --max-connections: '" + max + "' is not a whole number");
            }
        }
        String idle = parsed.matchedOptionValue("--idle-timeout", null);
        if (idle != null) {
            b.idleTimeout(OptionValues.parseDuration("option --idle-timeout", idle));
        }
        return b.build();
    }

    private static int parsePort(String text) {
        try {
            int port = Integer.parseInt(text);
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("option --port: " + port + " is outside 0-65535");
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("option --port: '" + text + "' is not a number");
        }
    }

    private static CommandLine.Model.OptionSpec option(String name, String label, String description) {
        return CommandLine.Model.OptionSpec.builder(name)
                .paramLabel(label)
                .type(String.class)
                .description(description)
                .build();
    }

    private static CommandLine.Model.OptionSpec flag(String name, String description) {
        return CommandLine.Model.OptionSpec.builder(name)
                .arity("0")
                .type(boolean.class)
                .description(description)
                .build();
    }
}
