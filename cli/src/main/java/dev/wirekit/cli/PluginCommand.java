package dev.wirekit.cli;

import dev.wirekit.api.TransportOptions;
import dev.wirekit.spi.OptionSpec;
import dev.wirekit.spi.ParameterSpec;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/** A plugin's client command (and its subcommands), built from its {@link dev.wirekit.spi.CommandSpec}. */
final class PluginCommand {
    private PluginCommand() {}

    static void register(Cli cli, CommandLine parent, dev.wirekit.spi.CommandSpec plugin) {
        CommandSpec command = CommandSpec.create().name(plugin.name()).mixinStandardHelpOptions(true);
        command.usageMessage().description(plugin.description());
        boolean network = plugin.network() && plugin.action() != null;
        // the CLI's own network options win over a plugin's of the same name
        List<OptionSpec> own = network
                ? plugin.options().stream()
                        .filter(o -> !NetworkOptions.names(NetworkOptions.Side.CLIENT)
                                .contains(o.name()))
                        .toList()
                : plugin.options();
        for (OptionSpec option : own) {
            Arguments.addOption(command, option);
        }
        List<PositionalParamSpec> positionals = new ArrayList<>();
        List<ParameterSpec> parameters = plugin.parameters();
        for (int i = 0; i < parameters.size(); i++) {
            positionals.add(Arguments.addParameter(command, parameters.get(i), i));
        }
        if (network) {
            NetworkOptions.add(command, NetworkOptions.Side.CLIENT);
        }
        Cli.Handler handler = plugin.action() == null
                ? null
                : parsed -> {
                    var values = Arguments.values(parsed, own, parameters, positionals);
                    NetworkOptions.Client options = network
                            ? NetworkOptions.client(parsed, TransportOptions.defaults(), plugin.applicationProtocols())
                            : new NetworkOptions.Client(TransportOptions::defaults, TransportOptions::defaults);
                    try (CliContext context = new CliContext(
                            values,
                            cli.terminal,
                            () -> NetworkOptions.transport(parsed),
                            options.stream(),
                            options.datagram())) {
                        return plugin.action().run(context);
                    }
                };
        CommandLine registered = cli.register(parent, command, handler);
        for (dev.wirekit.spi.CommandSpec sub : plugin.subcommands()) {
            register(cli, registered, sub);
        }
    }
}
