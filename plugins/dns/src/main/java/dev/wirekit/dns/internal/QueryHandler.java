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

    /** The response to {@code query} from {@code client}; null to send nothing. */
    public DnsMessage handle(DnsMessage query, InetAddress client) {
        if (query.response()) {
            counters.dropped.increment();
            return null;
        }
        boolean recursion = forwarder != null && allowRecursion.contains(client);
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

    /** The minimal truncated response sent instead of a rate-limited one: header and question, TC set. */
    public static DnsMessage slip(DnsMessage response) {
        return response.toBuilder()
                .truncated(true)
                .authoritative(false)
                .answers(List.of())
                .authorities(List.of())
                .additionals(List.of())
                .build();
    }

    private DnsMessage finish(DnsMessage.Builder b) {
        DnsMessage m = b.build();
        ResponseCode rc = m.rcode();
        if (rc.equals(ResponseCode.NXDOMAIN)) {
            counters.nxdomain.increment();
        } else if (rc.equals(ResponseCode.REFUSED)) {
            counters.refused.increment();
        } else if (rc.equals(ResponseCode.SERVFAIL)) {
            counters.serverFailures.increment();
        }
        return m;
    }
}
