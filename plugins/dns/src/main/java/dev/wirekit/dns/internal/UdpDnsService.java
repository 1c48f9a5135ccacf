package dev.wirekit.dns.internal;

import dev.wirekit.api.Service;
import dev.wirekit.api.Session;
import dev.wirekit.api.SessionClosedException;
import dev.wirekit.dns.DnsFormatException;
import dev.wirekit.dns.DnsMessage;
import java.net.InetAddress;

/**
 * DNS over UDP, one datagram per query. The rate limit is applied first, so that a flood costs one
 * bucket check per datagram; then the answer cache is tried on the raw bytes; then the query is
 * decoded and handled, and its response cut to the client's payload size (512 bytes without EDNS).
 * A malformed query gets FORMERR when its header could be read and nothing otherwise, with a
 * rate-limited log line.
 */
public final class UdpDnsService implements Service<UdpPacket> {
    private static final System.Logger LOG = System.getLogger("dev.wirekit.dns.server");
    private static final int CLASSIC_LIMIT = 512;

    private final QueryHandler handler;
    private final RateLimiter limiter;
    private final AnswerCache cache;
    private final int payloadSize;
    private final ServerCounters counters;
    private final LogLimiter badInput = new LogLimiter(LOG, System.Logger.Level.INFO);
    private final LogLimiter limitedLog = new LogLimiter(LOG, System.Logger.Level.INFO);
    private final LogLimiter sendLog = new LogLimiter(LOG, System.Logger.Level.WARNING);

    /**
     * @param limiter the response rate limiter; null for none
     * @param answerCacheSize responses from the server's own data to keep; 0 for none
     * @param payloadSize the largest response this server sends to EDNS clients
     */
    public UdpDnsService(
            QueryHandler handler, RateLimiter limiter, int answerCacheSize, int payloadSize, ServerCounters counters) {
        this.handler = handler;
        this.limiter = limiter;
        this.cache = answerCacheSize > 0 ? new AnswerCache(answerCacheSize) : null;
        this.payloadSize = payloadSize;
        this.counters = counters;
    }

    /** The framer this service reads and writes with. */
    public static dev.wirekit.api.framing.Framer<UdpPacket> framer() {
        return UdpPacket.FRAMER;
    }

    @Override
    public void onMessage(Session<UdpPacket> session, UdpPacket packet) {
        counters.queries.increment();
        InetAddress client = session.remoteAddress().getAddress();
        RateLimiter.Verdict verdict = limiter == null ? RateLimiter.Verdict.SEND : limiter.check(client);
        if (verdict == RateLimiter.Verdict.DROP) {
            counters.rateLimited.increment();
            limitedLog.log(() -> "rate limit: dropping responses to " + client);
            return;
        }
        if (verdict == RateLimiter.Verdict.SLIP) {
            counters.rateLimited.increment();
            slip(session, packet);
            return;
        }
        boolean recursion = handler.recursionAllowed(client);
        AnswerCache.Key key = cache == null ? null : AnswerCache.key(packet.bytes(), recursion);
        if (key != null) {
            AnswerCache.Entry hit = cache.get(key, packet.bytes());
            if (hit != null) {
                counters.answerCacheHits.increment();
                handler.counted(hit.rcode());
                send(session, UdpPacket.of(hit.response()), (hit.response()[2] & 0x02) != 0);
                return;
            }
        }
        DnsMessage query;
        try {
            query = packet.message();
        } catch (DnsFormatException e) {
            DnsMessage formerr = handler.formatError(e);
            badInput.log(() -> (formerr == null ? "dropped" : "answered FORMERR to") + " a malformed message from "
                    + session.remoteAddress() + ": " + e.getMessage());
            if (formerr != null) {
                send(session, UdpPacket.of(formerr), false);
            }
            return;
        }
        QueryHandler.Response r = handler.handle(query, client, limit(query));
        if (r == null) {
            return;
        }
        DnsMessage response = r.message();
        if (key != null && r.local()) {
            cache.put(key, response.toByteArray(), response.rcode());
        }
        send(session, UdpPacket.of(response), response.truncated());
    }

    private int limit(DnsMessage query) {
        return query.edns()
                .map(e -> Math.min(e.effectivePayloadSize(), payloadSize))
                .orElse(CLASSIC_LIMIT);
    }

    private void slip(Session<UdpPacket> session, UdpPacket packet) {
        try {
            DnsMessage slip = handler.slip(packet.message());
            if (slip != null) {
                send(session, UdpPacket.of(slip), true);
            }
        } catch (DnsFormatException e) {
            counters.formatErrors.increment(); // a flood of garbage: not even a FORMERR
        }
    }

    private void send(Session<UdpPacket> session, UdpPacket response, boolean truncated) {
        if (truncated) {
            counters.truncated.increment();
        }
        try {
            if (session.trySend(response)) {
                counters.responses.increment();
            } else {
                counters.dropped.increment();
                sendLog.log(
                        () -> "dropped a response to " + session.remoteAddress() + ": the socket's send queue is full");
            }
        } catch (SessionClosedException e) {
            counters.dropped.increment();
        }
    }

    @Override
    public boolean isNonBlocking() {
        return !handler.mayBlock();
    }
}
