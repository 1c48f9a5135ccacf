package dev.wirekit.cli;

import dev.wirekit.spi.OptionSpec;
import dev.wirekit.spi.OptionValues;
import dev.wirekit.spi.ParameterSpec;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/** Turns plugins' option and parameter descriptions into picocli arguments, and parsed arguments back into values. */
final class Arguments {
    private Arguments() {}

    static void addOption(CommandSpec command, OptionSpec option) {
        String[] names = new String[option.aliases().size() + 1];
        names[0] = "--" + option.name();
        for (int i = 0; i < option.aliases().size(); i++) {
            names[i + 1] = option.aliases().get(i);
        }
        CommandLine.Model.OptionSpec.Builder b =
                CommandLine.Model.OptionSpec.builder(names).required(option.required());
        String description = option.description();
        switch (option.type()) {
            case FLAG -> b.arity("0").type(boolean.class);
            case LIST -> b.type(List.class).auxiliaryTypes(String.class).paramLabel(label(option));
            case CHOICE -> {
                b.type(String.class).paramLabel(label(option)).completionCandidates(option.choices());
                description += " (" + String.join(", ", option.choices()) + ")";
            }
            default -> b.type(String.class).paramLabel(label(option));
        }
        if (option.defaultValue() != null && option.type() != OptionSpec.Type.FLAG) {
            description += " (default: " + option.defaultValue() + ")";
        }
        command.addOption(b.description(description).build());
    }

    private static String label(OptionSpec option) {
        return switch (option.type()) {
            case INT -> "N";
            case DURATION -> "DURATION";
            case PATH -> "PATH";
            default -> option.name().toUpperCase(Locale.ROOT).replace('-', '_');
        };
    }

    static PositionalParamSpec addParameter(CommandSpec command, ParameterSpec parameter, int index) {
        PositionalParamSpec.Builder b = PositionalParamSpec.builder()
                .paramLabel(parameter.name().toUpperCase(Locale.ROOT))
                .description(parameter.description());
        if (parameter.variadic()) {
            b.index(index + "..*")
                    .arity(parameter.required() ? "1..*" : "0..*")
                    .type(List.class)
                    .auxiliaryTypes(String.class);
        } else {
            b.index(String.valueOf(index))
                    .arity(parameter.required() ? "1" : "0..1")
                    .type(String.class);
        }
        PositionalParamSpec spec = b.build();
        command.addPositional(spec);
        return spec;
    }

    /**
     * The values the user gave for {@code options} and {@code parameters}, parsed and checked.
     *
     * @throws IllegalArgumentException naming the option and what is wrong with it
     */
    static OptionValues values(
            CommandLine.ParseResult parsed,
            List<OptionSpec> options,
            List<ParameterSpec> parameters,
            List<PositionalParamSpec> positionals) {
        Map<String, Object> raw = new HashMap<>();
        for (OptionSpec option : options) {
            CommandLine.Model.OptionSpec matched = parsed.matchedOption("--" + option.name());
            if (matched != null) {
                Object value = matched.getValue();
                raw.put(option.name(), option.type() == OptionSpec.Type.FLAG ? "true" : value);
            }
        }
        for (int i = 0; i < parameters.size(); i++) {
            if (parsed.hasMatchedPositional(positionals.get(i))) {
                raw.put(parameters.get(i).name(), positionals.get(i).getValue());
            }
        }
        return OptionValues.parse(options, raw);
    }
}
