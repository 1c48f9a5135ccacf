package dev.wirekit.cli;

import dev.wirekit.api.Transport;
import dev.wirekit.api.TransportOptions;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParseResult;

/**
 * The options every command that touches the network shares: {@code --transport}, and the TLS
 * options. Added to each serve and client command; read back into a transport and options.
 */
final class NetworkOptions {
    private NetworkOptions() {}

    static void add(CommandSpec command) {
        command.addOption(CommandLine.Model.OptionSpec.builder("--transport")
                .paramLabel("NAME")
                .type(String.class)
                .description("the transport to use: nio, blocking, or a plugin's (default: the best found, or the"
                        + " wirekit.transport system property; see 'wirekit transports')")
                .build());
    }

    /** The transport the user chose; the caller closes it. */
    static Transport transport(ParseResult parsed) {
        String name = parsed.matchedOptionValue("--transport", null);
        try {
            return name == null ? Transport.load() : Transport.load(name);
        } catch (IllegalStateException e) {
            throw new IllegalArgumentException((name == null ? "" : "option --transport: ") + e.getMessage(), e);
        }
    }

    /** Options for stream sockets, with the layers the user asked for. */
    static TransportOptions stream(ParseResult parsed, TransportOptions base) {
        return base;
    }

    /** Options for datagram sockets, with the layers the user asked for. */
    static TransportOptions datagram(ParseResult parsed, TransportOptions base) {
        return base;
    }
}
