package dev.wirekit.spi;

/**
 * Settings for a {@link TransportDriver}.
 *
 * @param eventLoops event-loop threads for loop-based drivers; 0 means the driver's default (one
 *     per available processor)
 * @param threadNamePrefix prefix of every thread the driver starts, so threads can be told apart
 *     and checked for leaks
 */
public record DriverConfig(int eventLoops, String threadNamePrefix) {
    public DriverConfig {
        if (eventLoops < 0) {
            throw new IllegalArgumentException("eventLoops < 0: " + eventLoops);
        }
    }

    /** Defaults: as many event loops as processors, threads named after the transport. */
    public static DriverConfig defaults(String transportName) {
        return new DriverConfig(0, "wirekit-" + transportName);
    }
}
