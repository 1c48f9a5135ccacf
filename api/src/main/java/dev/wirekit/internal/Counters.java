package dev.wirekit.internal;

import dev.wirekit.api.ServerStats;
import java.util.concurrent.atomic.LongAdder;

/** One server's counters, updated by its sessions. */
final class Counters {
    final LongAdder accepted = new LongAdder();
    final LongAdder refused = new LongAdder();
    final LongAdder active = new LongAdder();
    final LongAdder bytesRead = new LongAdder();
    final LongAdder bytesWritten = new LongAdder();
    final LongAdder messagesReceived = new LongAdder();
    final LongAdder messagesSent = new LongAdder();
    final LongAdder errors = new LongAdder();

    ServerStats snapshot() {
        return new ServerStats(
                accepted.sum(),
                refused.sum(),
                active.sum(),
                bytesRead.sum(),
                bytesWritten.sum(),
                messagesReceived.sum(),
                messagesSent.sum(),
                errors.sum());
    }
}
