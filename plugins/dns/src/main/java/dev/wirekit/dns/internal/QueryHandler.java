package dev.wirekit.dns.internal;

import dev.wirekit.dns.DnsFormatException;
import dev.wirekit.dns.DnsMessage;
import dev.wirekit.dns.DnsQuestion;
import dev.wirekit.dns.Edns;
import dev.wirekit.dns.Opcode;
import dev.wirekit.dns.RecordClass;
import dev.wirekit.dns.RecordType;
import dev.wirekit.dns.ResponseCode;
import java.net.InetAddress;
import java.util.List;

/**
 * Decides the response to one query, whatever the transport: checks the query (one question, opcode
 * QUERY, class IN, EDNS version 0), answers from the served zones, forwards when the client may
 * recurse, and refuses everything else. A query that is itself a response is never answered.
 */
public final class QueryHandler {
    private final ZoneIndex zones;
    private final Forwarder forwarder;
    private final NetworkList allowRecursion;
    private final int payloadSize;
    private final ServerCounters counters;

    /**
     * @param forwarder null when the server does not forward
     * @param payloadSize the UDP payload size this server advertises with EDNS
     */
    public QueryHandler(
            ZoneIndex zones,
            Forwarder forwarder,
            NetworkList allowRecursion,
            int payloadSize,
            ServerCounters counters) {
        this.zones = zones;
        this.forwarder = forwarder;
        this.allowRecursion = allowRecursion;
        this.payloadSize = payloadSize;
        this.counters = counters;
    }

    /** True when answering may block (a forwarded query waits for its upstream). */
    public boolean mayBlock() {
        return forwarder != null;
    }

    /**
     * A response, and whether it came from the server's own data (zones, refusals) and so depends
     * only on the query and on {@link #recursionAllowed}: such a response may be reused.
     */
    public record Response(DnsMessage message, boolean local) {}

    /** True when {@code client} may have its questions forwarded. */
    public boolean recursionAllowed(InetAddress client) {
        return forwarder != null && allowRecursion.contains(client);
    }

    /**
     * The response to {@code query} from {@code client}, cut to {@code limit} bytes (TC set when
     * answers had to go); null to send nothing.
     */
    public Response handle(DnsMessage query, InetAddress client, int limit) {
        boolean[] local = {true};
        DnsMessage response = respond(query, recursionAllowed(client), local);
        return response == null ? null : new Response(response.truncate(limit), local[0]);
    }

    /** The whole response to {@code query}; null to send nothing. {@code local[0]} is cleared for a forwarded one. */
    private DnsMessage respond(DnsMessage query, boolean recursion, boolean[] local) {
        if (query.response()) {
            counters.dropped.increment();
            return null;
        }
        DnsMessage.Builder response = DnsMessage.responseTo(query).recursionAvailable(recursion);
        if (query.questions().size() != 1) {
            response.questions(List.of()); // only a single question is echoed: many could not fit a reply
        }
        if (query.edns().isPresent()) {
            response.edns(Edns.of(payloadSize));
            if (query.edns().get().version() > 0) {
                return finish(response.rcode(ResponseCode.BADVERS));
            }
        }
        if (!query.opcode().equals(Opcode.QUERY)) {
            return finish(response.rcode(ResponseCode.NOTIMP));
        }
        if (query.questions().size() != 1) {
            counters.formatErrors.increment();
            return finish(response.rcode(ResponseCode.FORMERR));
        }
        DnsQuestion q = query.question();
        if (!q.recordClass().equals(RecordClass.IN)) {
            return finish(response.rcode(ResponseCode.REFUSED));
        }
        if (q.type().equals(RecordType.AXFR)
                || q.type().equals(RecordType.IXFR)
                || q.type().equals(RecordType.OPT)) {
            return finish(response.rcode(ResponseCode.REFUSED));
        }
        ZoneIndex.Answer answer = zones.lookup(q.name(), q.type());
        if (answer != null) {
            return finish(response.rcode(answer.rcode())
                    .authoritative(answer.authoritative())
                    .answers(answer.answers())
                    .authorities(answer.authorities())
                    .additionals(answer.additionals()));
        }
        if (recursion && query.recursionDesired()) {
            local[0] = false;
            ResponseCache.Entry e = forwarder.resolve(q);
            return finish(response.rcode(e.rcode())
                    .answers(e.answers())
                    .authorities(e.authorities())
                    .additionals(e.additionals()));
        }
        return finish(response.rcode(ResponseCode.REFUSED));
    }

    /** The FORMERR response to a malformed query, or null when it must be dropped (a response, or no header). */
    public DnsMessage formatError(DnsFormatException e) {
        counters.formatErrors.increment();
        if (e.messageId().isEmpty() || e.isResponse()) {
            counters.dropped.increment();
            return null;
        }
        int flags = e.headerFlags().getAsInt();
        return finish(DnsMessage.builder()
                .id(e.messageId().getAsInt())
                .response(true)
                .opcode(Opcode.of((flags >> 11) & 0xF))
                .recursionDesired((flags & 0x0100) != 0)
                .rcode(ResponseCode.FORMERR));
    }

    /**
     * The minimal truncated response sent instead of a rate-limited one: header and question, TC
     * set, so that a real client asks again over TCP; null for a query that gets no response.
     */
    public DnsMessage slip(DnsMessage query) {
        if (query.response() || query.questions().size() != 1) {
            return null;
        }
        return DnsMessage.responseTo(query)
                .truncated(true)
                .edns(query.edns().isPresent() ? Edns.of(payloadSize) : null)
                .build();
    }

    /** Counts a response's code, for one served from a cache of finished responses. */
    public void counted(ResponseCode rcode) {
        count(rcode);
    }

    private DnsMessage finish(DnsMessage.Builder b) {
        DnsMessage m = b.build();
        count(m.rcode());
        return m;
    }

    private void count(ResponseCode rc) {
        if (rc.equals(ResponseCode.NXDOMAIN)) {
            counters.nxdomain.increment();
        } else if (rc.equals(ResponseCode.REFUSED)) {
            counters.refused.increment();
        } else if (rc.equals(ResponseCode.SERVFAIL)) {
            counters.serverFailures.increment();
        }
    }
}
