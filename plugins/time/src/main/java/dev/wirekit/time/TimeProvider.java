package dev.wirekit.time;

import dev.wirekit.api.framing.Framers;
import dev.wirekit.spi.Deployment;
import dev.wirekit.spi.OptionSpec;
import dev.wirekit.spi.OptionValues;
import dev.wirekit.spi.Protocol;
import dev.wirekit.spi.ServiceProvider;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Set;

/** {@code wirekit serve time}: the time service on TCP (and UDP). */
public final class TimeProvider implements ServiceProvider {
    /** The port {@code serve time} uses by default. */
    public static final int DEFAULT_PORT = 7037;

    @Override
    public String name() {
        return "time";
    }

    @Override
    public String description() {
        return "sends \"Current time: HH:MM:SS\" to each client, then closes";
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
        return List.of(
                OptionSpec.string("zone", "time zone, such as UTC or Europe/Paris (default: the system's)", null),
                OptionSpec.string("format", "java.time pattern of the time", TimeService.DEFAULT_PATTERN));
    }

    @Override
    public Deployment create(OptionValues options) {
        ZoneId zone;
        DateTimeFormatter format;
        try {
            zone = options.has("zone") ? ZoneId.of(options.string("zone")) : ZoneId.systemDefault();
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("option --zone: unknown time zone '" + options.string("zone") + "'");
        }
        try {
            format = DateTimeFormatter.ofPattern(options.string("format"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("option --format: " + e.getMessage());
        }
        TimeService service = new TimeService(Clock.system(zone), format);
        return context -> context.serve(Framers.lines(1024), service);
    }
}
