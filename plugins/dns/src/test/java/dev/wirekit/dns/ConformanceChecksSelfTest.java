package dev.wirekit.dns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wirekit.api.Server;
import dev.wirekit.api.ServerGroup;
import dev.wirekit.api.Service;
import dev.wirekit.api.Session;
import dev.wirekit.api.Transport;
import dev.wirekit.api.TransportOptions;
import dev.wirekit.dns.internal.NetworkList;
import dev.wirekit.dns.internal.QueryHandler;
import dev.wirekit.dns.internal.ServerCounters;
import dev.wirekit.dns.internal.ZoneIndex;
import dev.wirekit.dns.support.TestZones;
import dev.wirekit.testkit.wire.SuiteReport;
import dev.wirekit.testkit.wire.WireSuites;
import dev.wirekit.testkit.wire.WireTarget;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The testkit's DNS suite against deliberately broken servers: each break fails the rule it breaks,
 * with a message naming the rule and what was wrong.
 */
class ConformanceChecksSelfTest {
    private final Transport transport = Transport.load("nio");
    private final QueryHandler handler =
            new QueryHandler(new ZoneIndex(TestZones.all()), null, NetworkList.loopback(), 1232, new ServerCounters());

    @AfterEach
    void close() {
        transport.close();
    }

    /** A server whose every response goes through {@code breakage(query, correct response)}; null sends nothing. */
    private Server broken(BiFunction<DnsMessage, DnsMessage, DnsMessage> breakage) throws Exception {
        return serve(new Service<>() {
            @Override
            public void onMessage(Session<DnsMessage> session, DnsMessage query) {
                DnsMessage out = breakage.apply(query, correct(session, query));
                if (out != null) {
                    session.send(out);
                }
            }
        });
    }

    private DnsMessage correct(Session<DnsMessage> session, DnsMessage query) {
        QueryHandler.Response r = handler.handle(query, session.remoteAddress().getAddress(), 65535);
        return r == null ? null : r.message();
    }

    /** {@code service} on one port number over UDP and TCP. */
    private Server serve(Service<DnsMessage> service) throws Exception {
        // UDP takes a free port; TCP must get the same number, which another test may hold: retry.
        for (int attempt = 0; ; attempt++) {
            Server udp = transport.bind(
                    new InetSocketAddress("127.0.0.1", 0),
                    DnsFramers.udp(),
                    service,
                    // one session per peer (the default), so replies keep the order of the queries: the
                    // checks tell "a reply to the bad datagram" from "the reply to the good one" by order
                    TransportOptions.defaults());
            try {
                Server tcp = transport.listen(
                        new InetSocketAddress("127.0.0.1", udp.localAddress().getPort()),
                        DnsFramers.tcp(),
                        service,
                        TransportOptions.defaults());
                return ServerGroup.of(List.of(udp, tcp));
            } catch (java.net.BindException taken) {
                udp.close();
                if (attempt == 20) {
                    throw taken;
                }
            }
        }
    }

    private void assertCaught(String ruleId, String fragment, BiFunction<DnsMessage, DnsMessage, DnsMessage> breakage)
            throws Exception {
        try (Server server = broken(breakage)) {
            WireTarget target = WireTarget.of(server.localAddress(), transport).withTimeout(Duration.ofSeconds(2));
            SuiteReport report = WireSuites.run(
                    "dns", target, null, new PrintStream(new ByteArrayOutputStream(), true), List.of(ruleId));
            assertEquals(List.of(ruleId), report.rules(SuiteReport.Status.FAILED), ruleId + " must fail");
            String message = report.rules().get(0).message();
            assertTrue(message.startsWith("[" + ruleId + "] "), "the message names the rule: " + message);
            assertTrue(message.contains(fragment), "expected '" + fragment + "' in: " + message);
        }
    }

    @Test
    void aWrongIdIsCaught() throws Exception {
        assertCaught(
                "DNS-1",
                "instead of the query's",
                (q, good) -> good.toBuilder().id((good.id() + 1) & 0xFFFF).build());
    }

    @Test
    void aMissingAaBitIsCaught() throws Exception {
        assertCaught(
                "DNS-2",
                "AA must be set",
                (q, good) -> good.toBuilder().authoritative(false).build());
    }

    @Test
    void aMissingSoaInANegativeAnswerIsCaught() throws Exception {
        assertCaught(
                "DNS-4",
                "SOA must be in the authority section",
                (q, good) -> good.toBuilder().authorities(List.of()).build());
    }

    @Test
    void anUntruncatedOversizedUdpAnswerIsCaught() throws Exception {
        assertCaught("DNS-8", "must fit in 512 bytes", (q, good) -> good);
    }

    @Test
    void answeringResponsesIsCaught() throws Exception {
        assertCaught(
                "DNS-13",
                "must never be answered",
                (q, good) -> good != null
                        ? good
                        : DnsMessage.responseTo(q).id(q.id()).build());
    }

    /**
     * A server that answers a response (QR set) late, after its answer to the query that followed:
     * what a server handling datagrams concurrently may do. DNS-13 waits for a second round trip, so
     * the late reply is still caught.
     */
    @Test
    void answeringResponsesOutOfOrderIsCaught() throws Exception {
        AtomicReference<DnsMessage> held = new AtomicReference<>();
        try (Server server = serve(new Service<>() {
            @Override
            public void onMessage(Session<DnsMessage> session, DnsMessage query) {
                if (query.response()) {
                    held.set(DnsMessage.responseTo(query).id(query.id()).build());
                    return;
                }
                session.send(correct(session, query));
                DnsMessage late = held.getAndSet(null);
                if (late != null) {
                    session.send(late);
                }
            }
        })) {
            WireTarget target = WireTarget.of(server.localAddress(), transport).withTimeout(Duration.ofSeconds(2));
            SuiteReport report = WireSuites.run(
                    "dns", target, null, new PrintStream(new ByteArrayOutputStream(), true), List.of("DNS-13"));
            assertEquals(List.of("DNS-13"), report.rules(SuiteReport.Status.FAILED), report.failures());
            assertTrue(report.failures().contains("must never be answered"), report.failures());
        }
    }

    @Test
    void anOpenResolverIsCaught() throws Exception {
        assertCaught(
                "DNS-14",
                "not an open resolver",
                (q, good) -> good.rcode().equals(ResponseCode.REFUSED)
                        ? good.toBuilder()
                                .rcode(ResponseCode.NOERROR)
                                .answer(DnsRecord.of(q.question().name(), 60, RData.A.of("203.0.113.66")))
                                .build()
                        : good);
    }
}
