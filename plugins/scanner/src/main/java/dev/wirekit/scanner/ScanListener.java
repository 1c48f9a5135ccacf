package dev.wirekit.scanner;

import java.time.Instant;
import java.util.List;

/**
 * Hears about a scan while it runs: for progress displays and streaming output (JSON Lines).
 *
 * <p>Calls are never concurrent and arrive in order (started, then one {@link #portDone} per port
 * in the order ports settle, then finished), from the scanner's threads. Keep them short: the scan
 * waits while one runs. An exception thrown by a listener is logged and the scan goes on.
 */
public interface ScanListener {

    /** The scan is about to send its first packet. */
    default void started(Instant at, List<Target> targets, ScanSettings settings) {}

    /**
     * One port is settled, in whatever state, listed or not. For an open port with banners on, this
     * comes after its banner was grabbed.
     */
    default void portDone(PortResult result) {}

    /** Every port is settled. */
    default void finished(ScanResult result) {}

    /** A listener that does nothing. */
    static ScanListener none() {
        return new ScanListener() {};
    }
}
