package dev.wirekit.scanner;

/**
 * How many ports of one target ended in each state.
 *
 * @param target the host
 * @param open ports that accepted a connection
 * @param closed ports that answered with a reset
 * @param filtered ports that did not answer, or were unreachable
 */
public record TargetSummary(Target target, int open, int closed, int filtered) {
    /** The ports scanned on this target. */
    public int total() {
        return open + closed + filtered;
    }
}
