package dev.wirekit.dns;

import static org.junit.jupiter.api.Assertions.assertThrows;
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
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.function.BiFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The conformance checks against deliberately broken servers: each break is caught, with a useful message. */
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
        Service<DnsMessage> service = new Service<>() {
            @Override
            public void onMessage(Session<DnsMessage> session, DnsMessage query) {
                QueryHandler.Response r =
                        handler.handle(query, session.remoteAddress().getAddress(), 65535);
                DnsMessage good = r == null ? null : r.message();
                DnsMessage out = breakage.apply(query, good);
                if (out != null) {
                    session.send(out);
                }
            }
        };
        // UDP takes a free port; TCP must get the same number, which another test may hold: retry.
        for (int attempt = 0; ; attempt++) {
            Server udp = transport.bind(
                    new InetSocketAddress("127.0.0.1", 0),
                    DnsFramers.udp(),
                    service,
                    TransportOptions.builder()
                            .datagramSessionTimeout(Duration.ZERO)
                            .build());
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
            DnsConformanceChecks checks = new DnsConformanceChecks(
                    server.localAddress(),
                    ConformanceTest.FACTS,
                    DnsConformanceChecks.Capabilities.ALL,
                    Duration.ofMillis(500));
            DnsConformanceChecks.Rule rule = checks.rules().stream()
                    .filter(r -> r.id().equals(ruleId))
                    .findFirst()
                    .orElseThrow();
            AssertionError e = assertThrows(AssertionError.class, rule.check()::execute, ruleId + " must fail");
            assertTrue(e.getMessage().contains(fragment), "expected '" + fragment + "' in: " + e.getMessage());
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
