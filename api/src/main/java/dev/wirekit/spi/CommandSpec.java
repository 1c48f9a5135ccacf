package dev.wirekit.spi;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A client command described as data: its name, options, positional parameters, subcommands and
 * what it does. The CLI turns it into a real command with help and parsing.
 */
public final class CommandSpec {

    /** What a command does once its arguments are parsed; returns the process exit code. */
    @FunctionalInterface
    public interface Action {
        int run(CommandContext context) throws Exception;
    }

    private final String name;
    private final String description;
    private final List<OptionSpec> options;
    private final List<ParameterSpec> parameters;
    private final List<CommandSpec> subcommands;
    private final Action action;
    private final boolean network;
    private final List<String> applicationProtocols;

    private CommandSpec(Builder b) {
        name = b.name;
        description = b.description;
        options = List.copyOf(b.options);
        parameters = List.copyOf(b.parameters);
        subcommands = List.copyOf(b.subcommands);
        action = b.action;
        network = b.network;
        applicationProtocols = List.copyOf(b.applicationProtocols);
        if (action == null && subcommands.isEmpty()) {
            throw new IllegalArgumentException("command " + name + " has neither an action nor subcommands");
        }
    }

    public static Builder builder(String name, String description) {
        return new Builder(name, description);
    }

    public String name() {
        return name;
    }

    public String description() {
        return description;
    }

    public List<OptionSpec> options() {
        return options;
    }

    public List<ParameterSpec> parameters() {
        return parameters;
    }

    public List<CommandSpec> subcommands() {
        return subcommands;
    }

    /** What it does; null for a command that only groups subcommands. */
    public Action action() {
        return action;
    }

    /**
     * Whether it talks to the network: the CLI then adds {@code --transport} and the TLS client
     * options, and fills {@link CommandContext#transport()} and the client options.
     */
    public boolean network() {
        return network;
    }

    /**
     * The ALPN protocols the CLI offers for this command when TLS is on and the user gave no
     * {@code --alpn} (an HTTP client offers {@code http/1.1}); empty: none.
     */
    public List<String> applicationProtocols() {
        return applicationProtocols;
    }

    /** Builds a {@link CommandSpec}. */
    public static final class Builder {
        private final String name;
        private final String description;
        private final List<OptionSpec> options = new ArrayList<>();
        private final List<ParameterSpec> parameters = new ArrayList<>();
        private final List<CommandSpec> subcommands = new ArrayList<>();
        private Action action;
        private boolean network = true;
        private final List<String> applicationProtocols = new ArrayList<>();

        private Builder(String name, String description) {
            this.name = Objects.requireNonNull(name, "name");
            this.description = Objects.requireNonNull(description, "description");
        }

        public Builder option(OptionSpec option) {
            options.add(option);
            return this;
        }

        public Builder parameter(ParameterSpec parameter) {
            parameters.add(parameter);
            return this;
        }

        public Builder subcommand(CommandSpec subcommand) {
            subcommands.add(subcommand);
            return this;
        }

        public Builder action(Action value) {
            action = value;
            return this;
        }

        /**
         * ALPN protocols to offer, most preferred first, when TLS is on and {@code --alpn} is not
         * given: the protocol this command speaks.
         */
        public Builder applicationProtocols(String... protocols) {
            applicationProtocols.clear();
            applicationProtocols.addAll(List.of(protocols));
            return this;
        }

        /** Marks a command that does not touch the network (no transport or TLS options). */
        public Builder local() {
            network = false;
            return this;
        }

        public CommandSpec build() {
            return new CommandSpec(this);
        }
    }
}
