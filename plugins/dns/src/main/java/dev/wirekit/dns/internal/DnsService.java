package dev.wirekit.dns.internal;

import dev.wirekit.api.Service;
import dev.wirekit.api.Session;
import dev.wirekit.api.SessionClosedException;
import dev.wirekit.api.framing.FramingException;
import dev.wirekit.dns.DnsFormatException;
import dev.wirekit.dns.DnsFramers;
import dev.wirekit.dns.DnsMessage;
import java.net.InetAddress;

/**
 * Serves DNS on one transport: decodes arrive as {@link DnsMessage}s (the framer did that), the
 * {@link QueryHandler} decides, and this class sends. Over UDP it applies the response rate limit
 * and cuts responses to the client's payload size (512 bytes without EDNS), setting TC when an
 * answer had to go; over TCP a response may use 65535 bytes. Malformed queries get FORMERR when
 * their header could be read and are dropped otherwise, with a rate-limited log line.
 */
public final class DnsService implements Service<DnsMessage> {
    private static final System.Logger LOG = System.getLogger("dev.wirekit.dns.server");
    private static final int CLASSIC_UDP_LIMIT = 512;

    private final QueryHandler handler;
    private final boolean udp;
    private final RateLimiter limiter;
    private final int payloadSize;
    private final ServerCounters counters;
    private final LogLimiter badInput = new LogLimiter(LOG, System.Logger.Level.INFO);
    private final LogLimiter limitedLog = new LogLimiter(LOG, System.Logger.Level.INFO);
    private final LogLimiter sendLog = new LogLimiter(LOG, System.Logger.Level.WARNING);

    /**
     * @param limiter the UDP response rate limiter; null for none (and always for TCP)
     * @param payloadSize the largest UDP response this server sends to EDNS clients
     */
    public DnsService(
            QueryHandler handler, boolean udp, RateLimiter limiter, int payloadSize, ServerCounters counters) {
        this.handler = handler;
        this.udp = udp;
        this.limiter = udp ? limiter : null;
        this.payloadSize = payloadSize;
        this.counters = counters;
    }

    @Override
    public void onMessage(Session<DnsMessage> session, DnsMessage query) {
        counters.queries.increment();
        InetAddress client = session.remoteAddress().getAddress();
        DnsMessage response = handler.handle(query, client);
        if (response != null) {
            send(session, response, limit(query));
        }
    }

    /** The largest response the client of {@code query} can take over this transport. */
    private int limit(DnsMessage query) {
        if (!udp) {
            return DnsFramers.MAX_MESSAGE;
        }
        return query.edns()
                .map(e -> Math.min(e.effectivePayloadSize(), payloadSize))
                .orElse(CLASSIC_UDP_LIMIT);
    }

    @Override
    public boolean onFramingError(Session<DnsMessage> session, FramingException error) {
        counters.queries.increment();
        if (!(error instanceof DnsFormatException malformed)) {
            badInput.log(() -> "dropped unreadable input from " + session.remoteAddress() + ": " + error.getMessage());
            counters.dropped.increment();
            return udp; // over TCP the stream cannot be trusted any more
        }
        DnsMessage response = handler.formatError(malformed);
        badInput.log(() -> (response == null ? "dropped" : "answered FORMERR to") + " a malformed message from "
                + session.remoteAddress() + ": " + malformed.getMessage());
        if (response == null) {
            return udp;
        }
        send(session, response, udp ? CLASSIC_UDP_LIMIT : DnsFramers.MAX_MESSAGE);
        return true;
    }

    private void send(Session<DnsMessage> session, DnsMessage response, int limit) {
        DnsMessage out = response;
        if (limiter != null) {
            InetAddress client = session.remoteAddress().getAddress();
            switch (limiter.check(client)) {
                case SEND -> {}
                case DROP -> {
                    counters.rateLimited.increment();
                    limitedLog.log(() -> "rate limit: dropping responses to " + client);
                    return;
                }
                case SLIP -> {
                    counters.rateLimited.increment();
                    out = QueryHandler.slip(response);
                }
            }
        }
        out = out.truncate(limit);
        if (out.truncated()) {
            counters.truncated.increment();
        }
        try {
            if (session.trySend(out)) {
                counters.responses.increment();
                return;
            }
            counters.dropped.increment();
            if (!udp) {
                sendLog.log(() -> "closing " + session.remoteAddress() + ": it does not read its responses");
                session.abort();
            } else {
                sendLog.log(
                        () -> "dropped a response to " + session.remoteAddress() + ": the socket's send queue is full");
            }
        } catch (SessionClosedException e) {
            counters.dropped.increment(); // the client went away
        }
    }

    @Override
    public boolean isNonBlocking() {
        return !handler.mayBlock();
    }
}
