package dev.wirekit.dns.internal;

import java.util.concurrent.atomic.LongAdder;

/** A DNS server's counters, shared by its UDP and TCP services. */
public final class ServerCounters {
    public final LongAdder queries = new LongAdder();
    public final LongAdder responses = new LongAdder();
    public final LongAdder nxdomain = new LongAdder();
    public final LongAdder refused = new LongAdder();
    public final LongAdder serverFailures = new LongAdder();
    public final LongAdder formatErrors = new LongAdder();
    public final LongAdder dropped = new LongAdder();
    public final LongAdder rateLimited = new LongAdder();
    public final LongAdder truncated = new LongAdder();
    public final LongAdder forwarded = new LongAdder();
    public final LongAdder forwardsRefused = new LongAdder();
    public final LongAdder cacheHits = new LongAdder();
    public final LongAdder answerCacheHits = new LongAdder();
}
