package dev.wirekit.scanner;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * How a scan runs: everything {@link PortScanner.Builder} was told besides the targets, with the
 * defaults filled in. Reports carry it so a result says how it was obtained.
 *
 * @param ports the ports scanned on every target
 * @param rate the most connection attempts started per second; 0 for no limit
 * @param concurrency the most ports being worked on at once (each holds one socket)
 * @param timeout how long one connection attempt waits for an answer
 * @param retries how many more times a port that did not answer is tried
 * @param banners whether open ports are listened to and probed
 * @param bannerTimeout how long to wait for a greeting, and for the answer to each probe
 * @param maxBannerBytes the most bytes read from one exchange
 * @param probes what may be sent to a silent open port
 * @param listed the states whose ports are listed one by one in the result (the others are counted)
 */
public record ScanSettings(
        PortSet ports,
        int rate,
        int concurrency,
        Duration timeout,
        int retries,
        boolean banners,
        Duration bannerTimeout,
        int maxBannerBytes,
        Set<Probe> probes,
        Set<PortState> listed) {
    public ScanSettings {
        Objects.requireNonNull(ports, "ports");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(bannerTimeout, "bannerTimeout");
        probes = Set.copyOf(probes);
        listed = Set.copyOf(listed);
    }
}
