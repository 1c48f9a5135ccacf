package dev.wirekit.cli;

import dev.wirekit.api.Transport;
import dev.wirekit.api.TransportInfo;
import dev.wirekit.spi.Providers;
import dev.wirekit.spi.ServiceProvider;
import java.util.Comparator;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/** {@code wirekit services} and {@code wirekit transports}: what the SPI found, and what it skipped. */
final class ListCommands {
    private ListCommands() {}

    static void register(Cli cli, CommandLine root) {
        CommandSpec services = CommandSpec.create().name("services").mixinStandardHelpOptions(true);
        services.usageMessage().description("list the services 'wirekit serve' can run");
        cli.register(root, services, parsed -> {
            Providers.Found<ServiceProvider> found = Providers.discover(ServiceProvider.class);
            for (ServiceProvider p : found.providers().stream()
                    .sorted(Comparator.comparing(ServiceProvider::name))
                    .toList()) {
                String protocols = p.protocols().stream()
                        .map(Enum::name)
                        .sorted()
                        .map(String::toLowerCase)
                        .collect(Collectors.joining("+"));
                cli.terminal.out.printf(
                        "%-10s %-8s port %-6d %s%n", p.name(), protocols, p.defaultPort(), p.description());
            }
            for (String failure : found.failures()) {
                cli.terminal.out.println("(broken)   " + failure);
            }
            return found.providers().isEmpty() ? 1 : 0;
        });

        CommandSpec transports = CommandSpec.create().name("transports").mixinStandardHelpOptions(true);
        transports.usageMessage().description("list the transports found, the default first");
        cli.register(root, transports, parsed -> {
            boolean first = true;
            String chosen = System.getProperty("wirekit.transport");
            for (TransportInfo t : Transport.available()) {
                if (t.failure().isPresent()) {
                    cli.terminal.out.println("(broken)   " + t.failure().get());
                    continue;
                }
                cli.terminal.out.printf(
                        "%-10s priority %-4d %s%s%n",
                        t.name(),
                        t.priority(),
                        t.description(),
                        (chosen == null ? first : t.name().equalsIgnoreCase(chosen)) ? "  (default)" : "");
                first = false;
            }
            return first ? 1 : 0;
        });
    }
}
