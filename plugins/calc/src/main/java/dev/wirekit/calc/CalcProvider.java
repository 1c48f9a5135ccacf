package dev.wirekit.calc;

import dev.wirekit.api.framing.Framers;
import dev.wirekit.spi.Deployment;
import dev.wirekit.spi.OptionSpec;
import dev.wirekit.spi.OptionValues;
import dev.wirekit.spi.Protocol;
import dev.wirekit.spi.ServiceProvider;
import java.util.List;
import java.util.Set;

/** {@code wirekit serve calc}: the calculator on TCP (one expression per line) and UDP (per datagram). */
public final class CalcProvider implements ServiceProvider {
    /** The port {@code serve calc} uses by default. */
    public static final int DEFAULT_PORT = 7077;

    @Override
    public String name() {
        return "calc";
    }

    @Override
    public String description() {
        return "evaluates arithmetic: \"5 + 3\" answers \"8\" (TCP and UDP)";
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
        return List.of(OptionSpec.integer("max-line", "longest expression accepted, in bytes", 1024));
    }

    @Override
    public Deployment create(OptionValues options) {
        int maxLine = options.integer("max-line");
        if (maxLine < 32 || maxLine > 65_507) {
            throw new IllegalArgumentException("option --max-line: must be between 32 and 65507, not " + maxLine);
        }
        CalcService service = new CalcService(maxLine);
        return context -> context.serve(Framers.lines(maxLine), service);
    }
}
