package dev.wirekit.dns.internal;

import dev.wirekit.api.Service;
import dev.wirekit.api.Session;
import dev.wirekit.api.SessionClosedException;
import dev.wirekit.api.framing.FramingException;
import dev.wirekit.dns.DnsFormatException;
import dev.wirekit.dns.DnsFramers;
import dev.wirekit.dns.DnsMessage;

/**
 * DNS over TCP (RFC 7766): length-prefixed messages, answered in order, several per connection.
 * Responses may use 65535 bytes. A malformed message gets FORMERR and the connection goes on (its
 * frame was intact); a frame too short for a header means the peer is not speaking DNS, and the
 * connection is closed. A client that does not read its responses is disconnected rather than
 * buffered without bound.
 */
public final class TcpDnsService implements Service<DnsMessage> {
    private static final System.Logger LOG = System.getLogger("dev.wirekit.dns.server");

    private final QueryHandler handler;
    private final ServerCounters counters;
    private final LogLimiter badInput = new LogLimiter(LOG, System.Logger.Level.INFO);
    private final LogLimiter sendLog = new LogLimiter(LOG, System.Logger.Level.WARNING);

    public TcpDnsService(QueryHandler handler, ServerCounters counters) {
        this.handler = handler;
        this.counters = counters;
    }

    @Override
    public void onMessage(Session<DnsMessage> session, DnsMessage query) {
        counters.queries.increment();
        QueryHandler.Response r = handler.handle(query, session.remoteAddress().getAddress(), DnsFramers.MAX_MESSAGE);
        if (r != null) {
            send(session, r.message());
        }
    }

    @Override
    public boolean onFramingError(Session<DnsMessage> session, FramingException error) {
        counters.queries.increment();
        DnsMessage formerr = error instanceof DnsFormatException malformed ? handler.formatError(malformed) : null;
        badInput.log(() -> (formerr == null ? "closing the connection of" : "answered FORMERR to") + " "
                + session.remoteAddress() + " after a malformed message: " + error.getMessage());
        if (formerr == null) {
            if (!(error instanceof DnsFormatException)) {
                counters.dropped.increment();
            }
            return false; // not even a header: this peer is not speaking DNS
        }
        send(session, formerr);
        return true;
    }

    private void send(Session<DnsMessage> session, DnsMessage response) {
        try {
            if (session.trySend(response)) {
                counters.responses.increment();
                return;
            }
            counters.dropped.increment();
            sendLog.log(() -> "closing " + session.remoteAddress() + ": it does not read its responses");
            session.abort();
        } catch (SessionClosedException e) {
            counters.dropped.increment(); // the client went away
        }
    }

    @Override
    public boolean isNonBlocking() {
        return !handler.mayBlock();
    }
}
