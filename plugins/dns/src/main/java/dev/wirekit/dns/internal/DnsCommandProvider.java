package dev.wirekit.dns.internal;

import dev.wirekit.spi.CommandProvider;
import dev.wirekit.spi.CommandSpec;
import dev.wirekit.spi.OptionSpec;
import dev.wirekit.spi.ParameterSpec;
import java.time.Duration;
import java.time.InstantSource;

/** {@code wirekit dns lookup NAME [TYPE] [@server[:port]] [--tcp] [--json]}. */
public final class DnsCommandProvider implements CommandProvider {
    private final InstantSource clock;

    public DnsCommandProvider() {
        this(InstantSource.system());
    }

    /** A provider whose command reads time (query times, the WHEN line) from {@code clock}. */
    public DnsCommandProvider(InstantSource clock) {
        this.clock = clock;
    }

    @Override
    public CommandSpec command() {
        CommandSpec lookup = CommandSpec.builder(
                        "lookup",
                        "ask a DNS server about a name, dig-style: NAME [TYPE] [@server[:port]];"
                                + " an IP address as NAME asks for its PTR (reverse lookup)")
                .parameter(ParameterSpec.required(
                        "name", "the name to look up (or an IP address, for a reverse" + " lookup)"))
                .parameter(
                        ParameterSpec.rest(
                                "args",
                                "the record type (A, AAAA, MX, TXT, ANY, TYPE65...; A by"
                                        + " default) and @server[:port] (default: the nameservers of /etc/resolv.conf), in any order"))
                .option(OptionSpec.flag("tcp", "ask over TCP instead of UDP"))
                .option(OptionSpec.flag("json", "print the response as JSON"))
                .option(OptionSpec.flag("reverse", "NAME is an IP address: look up its PTR record")
                        .withAliases("-x"))
                .option(OptionSpec.flag("norecurse", "do not ask the server to recurse (RD off)"))
                .option(OptionSpec.duration("timeout", "how long to wait for each server", Duration.ofSeconds(5)))
                .option(OptionSpec.integer("tries", "how many rounds over the servers", 2))
                .option(OptionSpec.integer("bufsize", "EDNS UDP payload size to advertise (0: no EDNS)", 1232))
                .action(new LookupCommand(clock))
                .build();
        return CommandSpec.builder("dns", "DNS client: look up names over UDP or TCP")
                .subcommand(lookup)
                .build();
    }
}
