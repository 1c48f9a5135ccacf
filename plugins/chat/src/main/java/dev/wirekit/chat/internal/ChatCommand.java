package dev.wirekit.chat.internal;

import dev.wirekit.spi.CommandProvider;
import dev.wirekit.spi.CommandSpec;
import dev.wirekit.spi.OptionSpec;
import dev.wirekit.spi.ParameterSpec;
import java.time.Duration;

/**
 * {@code wirekit chat HOST[:PORT]}: the interactive chat client; {@code wirekit chat user ...}: the
 * server's account administration (local, no network).
 */
public final class ChatCommand implements CommandProvider {
    @Override
    public CommandSpec command() {
        return CommandSpec.builder("chat", "chat on an IRC server interactively (/join, /msg, /part, /names, /quit)")
                .parameter(ParameterSpec.required(
                        "target", "the server, host[:port] (port " + ChatProvider.DEFAULT_PORT + " by default)"))
                .option(OptionSpec.string("nick", "your nickname (default: your user name)", null))
                .option(OptionSpec.string(
                        "sasl", "log in with SASL PLAIN as this account (the password is asked for)", null))
                .option(OptionSpec.flag("sasl-external", "log in with SASL EXTERNAL: your TLS client certificate"))
                .option(OptionSpec.list("join", "a channel to join once connected (repeatable)"))
                .option(OptionSpec.duration("timeout", "how long connecting may take", Duration.ofSeconds(30)))
                .action(ChatConsole::run)
                .subcommand(UserCommands.spec())
                .build();
    }
}
