package dev.wirekit.internal;

import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Logs datagrams that were refused: at most one line a second, with how many were refused since
 * the last line, so a flood cannot flood the log too.
 */
final class DatagramLog {
    private static final long INTERVAL = 1_000_000_000L;
    private static final AtomicLong nextLine = new AtomicLong();
    private static final AtomicLong suppressed = new AtomicLong();

    private DatagramLog() {}

    static void dropped(InetSocketAddress peer, String why) {
        long now = System.nanoTime();
        long next = nextLine.get();
        if (now - next >= 0 && nextLine.compareAndSet(next, now + INTERVAL)) {
            long more = suppressed.getAndSet(0);
            CloseLog.LOG.log(
                    System.Logger.Level.WARNING,
                    "refused a datagram from " + peer + ": " + why
                            + (more > 0 ? " (and " + more + " more refused in the last second)" : ""));
        } else {
            suppressed.incrementAndGet();
        }
    }
}
