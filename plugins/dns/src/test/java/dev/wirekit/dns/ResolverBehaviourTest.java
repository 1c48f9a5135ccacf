package dev.wirekit.dns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wirekit.api.Transport;
import dev.wirekit.dns.support.ScriptedUdpServer;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The resolver against scripted servers: stray datagrams, silence, failures, EDNS rejection. */
class ResolverBehaviourTest {
    private final Transport transport = Transport.load("nio");

    @AfterEach
    void close() {
        transport.close();
    }

    private static byte[] answer(DnsMessage q, String address) {
        return DnsMessage.responseTo(q)
                .answer(DnsRecord.of(q.question().name(), 60, RData.A.of(address)))
                .build()
                .toByteArray();
    }

    private DnsResolver resolver(Duration timeout, int attempts, InetSocketAddress... servers) {
        return DnsResolver.builder()
                .transport(transport)
                .servers(List.of(servers))
                .timeout(timeout)
                .attempts(attempts)
                .build();
    }

    @Test
    void datagramsThatDoNotAnswerTheQueryAreIgnored() throws Exception {
        try (ScriptedUdpServer server = new ScriptedUdpServer(q -> List.of(
                        DnsMessage.responseTo(q)
                                .id((q.id() + 1) & 0xFFFF)
                                .build()
                                .toByteArray(), // wrong ID
                        new byte[] {1, 2, 3}, // garbage
                        DnsMessage.responseTo(q)
                                .questions(List.of(DnsQuestion.of("evil.example", RecordType.A)))
                                .answer(DnsRecord.of("evil.example", 60, RData.A.of("203.0.113.66")))
                                .build()
                                .toByteArray(), // wrong question
                        q.toByteArray(), // the query itself: QR not set
                        answer(q, "192.0.2.1")));
                DnsResolver r = resolver(Duration.ofSeconds(5), 1, server.address())) {
            assertEquals("192.0.2.1", r.lookup("www.example.test").get(0).getHostAddress());
        }
    }

    @Test
    void eachQueryHasARandomIdAndSourcePort() throws Exception {
        try (ScriptedUdpServer server = new ScriptedUdpServer(q -> List.of(answer(q, "192.0.2.1")));
                DnsResolver r = resolver(Duration.ofSeconds(5), 1, server.address())) {
            for (int i = 0; i < 20; i++) {
                r.lookup("h" + i + ".example.test");
            }
            Set<Integer> ids = new HashSet<>();
            Set<Integer> ports = new HashSet<>();
            server.received().forEach(x -> {
                ids.add(x.query().id());
                ports.add(x.from().getPort());
            });
            assertTrue(ids.size() >= 18, "20 random 16-bit IDs, nearly all distinct: " + ids);
            assertTrue(ports.size() >= 18, "a fresh socket, so a new source port, per query: " + ports);
        }
    }

    @Test
    void aSilentServerIsSkippedForTheNext() throws Exception {
        try (ScriptedUdpServer silent = new ScriptedUdpServer(q -> List.of());
                ScriptedUdpServer good = new ScriptedUdpServer(q -> List.of(answer(q, "192.0.2.7")));
                DnsResolver r = resolver(Duration.ofMillis(300), 1, silent.address(), good.address())) {
            assertEquals("192.0.2.7", r.lookup("www.example.test").get(0).getHostAddress());
            assertEquals(1, silent.received().size(), "the silent server was asked first");
        }
    }

    @Test
    void aFailingServerIsSkippedForTheNext() throws Exception {
        try (ScriptedUdpServer failing = new ScriptedUdpServer(q -> List.of(DnsMessage.responseTo(q)
                        .rcode(ResponseCode.SERVFAIL)
                        .build()
                        .toByteArray()));
                ScriptedUdpServer good = new ScriptedUdpServer(q -> List.of(answer(q, "192.0.2.8")));
                DnsResolver r = resolver(Duration.ofSeconds(5), 1, failing.address(), good.address())) {
            assertEquals("192.0.2.8", r.lookup("www.example.test").get(0).getHostAddress());
        }
    }

    @Test
    void whenEveryServerFailsTheLastFailureIsReported() throws Exception {
        try (ScriptedUdpServer refusing = new ScriptedUdpServer(q -> List.of(DnsMessage.responseTo(q)
                        .rcode(ResponseCode.REFUSED)
                        .build()
                        .toByteArray()));
                DnsResolver r = resolver(Duration.ofSeconds(5), 2, refusing.address())) {
            DnsLookupException e = assertThrows(DnsLookupException.class, () -> r.lookup("www.example.test"));
            assertEquals(ResponseCode.REFUSED, e.rcode());
            assertEquals(2, refusing.received().size(), "two attempts");
        }
    }

    @Test
    void silenceEverywhereIsATimeoutNamingTheServers() throws Exception {
        try (ScriptedUdpServer silent = new ScriptedUdpServer(q -> List.of());
                DnsResolver r = resolver(Duration.ofMillis(200), 2, silent.address())) {
            SocketTimeoutException e = assertThrows(SocketTimeoutException.class, () -> r.lookup("www.example.test"));
            assertTrue(e.getMessage().contains(silent.address().toString()), e.getMessage());
            assertTrue(e.getMessage().contains("2 attempts"), e.getMessage());
            assertEquals(2, silent.received().size());
        }
    }

    @Test
    void aServerThatRejectsEdnsIsAskedWithoutIt() throws Exception {
        try (ScriptedUdpServer old = new ScriptedUdpServer(q -> List.of(
                        q.edns().isPresent()
                                ? DnsMessage.responseTo(q)
                                        .rcode(ResponseCode.FORMERR)
                                        .build()
                                        .toByteArray()
                                : answer(q, "192.0.2.9")));
                DnsResolver r = resolver(Duration.ofSeconds(5), 1, old.address())) {
            assertEquals("192.0.2.9", r.lookup("www.example.test").get(0).getHostAddress());
            assertTrue(old.received().get(0).query().edns().isPresent());
            assertTrue(old.received().get(1).query().edns().isEmpty());
        }
    }

    @Test
    void ipLiteralsNeedNoLookup() throws Exception {
        try (ScriptedUdpServer server = new ScriptedUdpServer(q -> List.of());
                DnsResolver r = resolver(Duration.ofMillis(100), 1, server.address())) {
            assertEquals("192.0.2.5", r.lookup("192.0.2.5").get(0).getHostAddress());
            assertTrue(server.received().isEmpty());
        }
    }
}
