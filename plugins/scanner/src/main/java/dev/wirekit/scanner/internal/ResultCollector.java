package dev.wirekit.scanner.internal;

import dev.wirekit.scanner.PortResult;
import dev.wirekit.scanner.PortState;
import dev.wirekit.scanner.ScanListener;
import dev.wirekit.scanner.ScanResult;
import dev.wirekit.scanner.ScanSettings;
import dev.wirekit.scanner.Target;
import dev.wirekit.scanner.TargetSummary;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * Gathers settled ports from every thread of a scan: counts them per target, keeps the ones in
 * listed states, and passes each to the listener — one call at a time, in the order they settle.
 */
public final class ResultCollector {
    private static final System.Logger LOG = System.getLogger("dev.wirekit.scanner");
    private static final int STATES = PortState.values().length;

    private final List<Target> targets;
    private final Map<Target, Integer> index = new IdentityHashMap<>();
    private final Set<PortState> listed;
    private final ScanListener listener;
    private final boolean quiet;
    /** Per target, per state: counted without a lock, so closed ports cost no contention. */
    private final AtomicIntegerArray counts;

    private final List<PortResult> kept = new ArrayList<>();
    private boolean listenerFailed;

    public ResultCollector(List<Target> targets, Set<PortState> listed, ScanListener listener) {
        this.targets = targets;
        this.listed = Set.copyOf(listed);
        this.listener = listener;
        this.quiet = listener == null;
        this.counts = new AtomicIntegerArray(targets.size() * STATES);
        for (int i = 0; i < targets.size(); i++) {
            index.put(targets.get(i), i);
        }
    }

    /** Whether a port settled in {@code state} must be built as a {@link PortResult} at all. */
    public boolean wants(PortState state) {
        return !quiet || listed.contains(state);
    }

    /** Counts a port that nobody needs to see one by one. */
    public void count(int target, PortState state) {
        counts.incrementAndGet(target * STATES + state.ordinal());
    }

    public void add(int target, PortResult result) {
        count(target, result.state());
        if (quiet && !listed.contains(result.state())) {
            return;
        }
        synchronized (this) {
            keep(result);
        }
    }

    private void keep(PortResult result) {
        if (listed.contains(result.state())) {
            kept.add(result);
        }
        if (!quiet) {
            try {
                listener.portDone(result);
            } catch (RuntimeException e) {
                complain(e);
            }
        }
    }

    /** Calls the listener's {@code started}, guarded like every other call. */
    public synchronized void started(Instant at, ScanSettings settings) {
        if (!quiet) {
            try {
                listener.started(at, targets, settings);
            } catch (RuntimeException e) {
                complain(e);
            }
        }
    }

    /** The result, in target order then port order; tells the listener. */
    public synchronized ScanResult finish(Instant started, Instant finished, ScanSettings settings) {
        List<TargetSummary> summaries = new ArrayList<>();
        for (int i = 0; i < targets.size(); i++) {
            summaries.add(new TargetSummary(
                    targets.get(i),
                    counts.get(i * STATES + PortState.OPEN.ordinal()),
                    counts.get(i * STATES + PortState.CLOSED.ordinal()),
                    counts.get(i * STATES + PortState.FILTERED.ordinal())));
        }
        List<PortResult> ports = new ArrayList<>(kept);
        ports.sort(
                Comparator.comparingInt((PortResult p) -> index.get(p.target())).thenComparingInt(PortResult::port));
        ScanResult result = new ScanResult(started, finished, settings, summaries, ports);
        if (!quiet) {
            try {
                listener.finished(result);
            } catch (RuntimeException e) {
                complain(e);
            }
        }
        return result;
    }

    private void complain(RuntimeException e) {
        if (!listenerFailed) {
            listenerFailed = true;
            LOG.log(System.Logger.Level.WARNING, "scan listener " + listener + " failed; the scan goes on", e);
        }
    }
}
