package dev.wirekit.scanner;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The outcome of one scan.
 *
 * @param started when the first connection attempt was about to start
 * @param finished when the last port was settled
 * @param settings how the scan ran
 * @param targets every target, with how many of its ports ended in each state
 * @param ports the ports in the states the scan lists ({@link ScanSettings#listed()}; open ports by
 *     default), by target in the order given, then by port number
 */
public record ScanResult(
        Instant started, Instant finished, ScanSettings settings, List<TargetSummary> targets, List<PortResult> ports) {
    public ScanResult {
        Objects.requireNonNull(started, "started");
        Objects.requireNonNull(finished, "finished");
        Objects.requireNonNull(settings, "settings");
        targets = List.copyOf(targets);
        ports = List.copyOf(ports);
    }

    /** How long the scan took. */
    public Duration elapsed() {
        return Duration.between(started, finished);
    }

    /** The listed ports in {@code state}. */
    public List<PortResult> ports(PortState state) {
        return ports.stream().filter(p -> p.state() == state).toList();
    }

    /** The open port numbers of {@code target}, ascending. */
    public int[] openPorts(Target target) {
        return ports.stream()
                .filter(p -> p.state() == PortState.OPEN && p.target().equals(target))
                .mapToInt(PortResult::port)
                .sorted()
                .toArray();
    }
}
