package dev.wirekit.tls.internal.cli;

import dev.wirekit.spi.CommandProvider;
import dev.wirekit.spi.CommandSpec;

/** {@code wirekit cert}: certificate tools. */
public final class CertCommandProvider implements CommandProvider {
    @Override
    public CommandSpec command() {
        return CommandSpec.builder("cert", "Certificate tools")
                .action(c -> 0)
                .local()
                .build();
    }
}
