package dev.wirekit.dns.internal;

import dev.wirekit.dns.DnsMessage;
import dev.wirekit.dns.DnsQuestion;
import dev.wirekit.dns.DnsResponse;
import dev.wirekit.dns.ResponseCode;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Answers questions from upstream servers through the cache, at a bounded cost: identical questions
 * in flight share one upstream query; at most {@code maxInFlight} upstream queries run at once, and
 * a question that finds them all busy is answered SERVFAIL at once rather than queued; each upstream
 * query ends within the exchange's timeouts. A failed upstream query is cached briefly as SERVFAIL
 * (RFC 2308 §7), so a dead upstream costs one query per name per few seconds, not one per client.
 */
public final class Forwarder {
    private static final System.Logger LOG = System.getLogger("dev.wirekit.dns.server");

    private final Exchange exchange;
    private final ResponseCache cache;
    private final Semaphore slots;
    private final Duration maxWait;
    private final ServerCounters counters;
    private final LogLimiter upstreamLog = new LogLimiter(LOG, System.Logger.Level.WARNING);
    private final ConcurrentHashMap<DnsQuestion, CompletableFuture<ResponseCache.Entry>> inFlight =
            new ConcurrentHashMap<>();

    public Forwarder(Exchange exchange, ResponseCache cache, int maxInFlight, ServerCounters counters) {
        this.exchange = exchange;
        this.cache = cache;
        this.slots = new Semaphore(maxInFlight);
        this.counters = counters;
        Exchange.Settings s = exchange.settings();
        // the longest an exchange can take: every server, every attempt, UDP then TCP
        this.maxWait = s.timeout().multipliedBy(2L * s.attempts() * s.servers().size());
    }

    /** The answer to {@code question}: from the cache, from a query in flight, or from upstream. */
    public ResponseCache.Entry resolve(DnsQuestion question) {
        ResponseCache.Entry cached = cache.get(question);
        if (cached != null) {
            counters.cacheHits.increment();
            return cached;
        }
        CompletableFuture<ResponseCache.Entry> mine = new CompletableFuture<>();
        CompletableFuture<ResponseCache.Entry> running = inFlight.putIfAbsent(question, mine);
        if (running != null) {
            return await(running, question);
        }
        try {
            if (!slots.tryAcquire()) {
                counters.forwardsRefused.increment();
                upstreamLog.log(() -> "answering SERVFAIL to " + question + ": all upstream query slots are busy");
                ResponseCache.Entry busy = failure();
                mine.complete(busy);
                return busy;
            }
            try {
                counters.forwarded.increment();
                ResponseCache.Entry answer = ask(question);
                cache.put(question, answer);
                mine.complete(answer);
                return answer;
            } finally {
                slots.release();
            }
        } catch (RuntimeException | Error e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            inFlight.remove(question, mine);
        }
    }

    private ResponseCache.Entry ask(DnsQuestion question) {
        try {
            DnsResponse r = exchange.ask(question);
            DnsMessage m = r.message();
            return new ResponseCache.Entry(m.rcode(), m.answers(), m.authorities(), m.additionals(), r.size());
        } catch (IOException e) {
            upstreamLog.log(() -> "upstream query for " + question + " failed: " + e.getMessage());
            return failure();
        }
    }

    private ResponseCache.Entry await(CompletableFuture<ResponseCache.Entry> running, DnsQuestion question) {
        try {
            return running.get(maxWait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failure();
        } catch (ExecutionException | TimeoutException e) {
            return failure();
        }
    }

    private static ResponseCache.Entry failure() {
        return new ResponseCache.Entry(ResponseCode.SERVFAIL, List.of(), List.of(), List.of(), 0);
    }
}
