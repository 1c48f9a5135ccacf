package dev.wirekit.dns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wirekit.api.Server;
import dev.wirekit.api.Transport;
import dev.wirekit.dns.support.Dig;
import dev.wirekit.dns.support.TestZones;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code dig} against our server: every supported type over UDP and over TCP, and TC then TCP. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DigInteropTest {
    private Transport transport;
    private Server server;
    private int port;

    @BeforeAll
    void start() throws Exception {
        Dig.assumeInstalled();
        transport = Transport.load("nio");
        server = DnsServer.builder()
                .zones(TestZones.all())
                .build()
                .start(transport, new InetSocketAddress("127.0.0.1", 0));
        port = server.localAddress().getPort();
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
        if (transport != null) {
            transport.close();
        }
    }

    static Stream<Arguments> everyType() {
        return Stream.of(
                        Arguments.of("www.example.test", "A", List.of("192.0.2.1")),
                        Arguments.of("www.example.test", "AAAA", List.of("2001:db8::1")),
                        Arguments.of("alias.example.test", "CNAME", List.of("www.example.test.")),
                        Arguments.of("example.test", "NS", List.of("ns1.example.test.", "ns2.example.test.")),
                        Arguments.of("example.test", "MX", List.of("10 mail.example.test.")),
                        Arguments.of("example.test", "TXT", List.of("\"v=spf1 -all\"")),
                        Arguments.of("1.2.0.192.in-addr.arpa", "PTR", List.of("www.example.test.")),
                        Arguments.of(
                                "example.test",
                                "SOA",
                                List.of("ns1.example.test. hostmaster.example.test. 2024010101 7200 3600 1209600 300")),
                        Arguments.of("_sip._tcp.example.test", "SRV", List.of("10 60 5060 sip.example.test.")),
                        Arguments.of("example.test", "CAA", List.of("0 issue \"letsencrypt.org\"")),
                        Arguments.of("opaque.example.test", "TYPE65280", List.of("\\# 4 0A000001")))
                .flatMap(a -> Stream.of(
                        Arguments.of(a.get()[0], a.get()[1], a.get()[2], false),
                        Arguments.of(a.get()[0], a.get()[1], a.get()[2], true)));
    }

    @ParameterizedTest(name = "{1} {0} over {3}")
    @MethodSource("everyType")
    void digGetsEveryType(String name, String type, List<String> expected, boolean tcp) throws Exception {
        Dig.Output out = tcp ? Dig.query(port, "+tcp", name, type) : Dig.query(port, name, type);
        assertEquals("NOERROR", out.status(), out.raw());
        assertTrue(out.flags().contains("aa"), "authoritative answer expected:\n" + out.raw());
        assertEquals(tcp ? "TCP" : "UDP", out.protocol(), out.raw());
        List<String> data =
                out.answerData(type).stream().map(String::toUpperCase).sorted().toList();
        assertEquals(expected.stream().map(String::toUpperCase).sorted().toList(), data, out.raw());
    }

    @Test
    void aTruncatedUdpAnswerIsRetriedOverTcpByDig() throws Exception {
        Dig.Output out = Dig.query(port, "big.example.test", "TXT");
        assertTrue(out.raw().contains(";; Truncated, retrying in TCP mode."), out.raw());
        assertEquals("TCP", out.protocol(), out.raw());
        assertEquals(TestZones.BIG_RECORDS, out.answerData("TXT").size(), out.raw());
        assertTrue(out.answerData("TXT").contains("\"" + TestZones.bigText(7) + "\""), out.raw());
    }

    @Test
    void withoutEdnsUdpAnswersStopAt512BytesWithTc() throws Exception {
        Dig.Output out = Dig.query(port, "+noedns", "+ignore", "big.example.test", "TXT");
        assertTrue(out.flags().contains("tc"), out.raw());
        assertTrue(out.raw().matches("(?s).*MSG SIZE  rcvd: (\\d+).*"), out.raw());
        int size = Integer.parseInt(out.raw().replaceAll("(?s).*MSG SIZE  rcvd: (\\d+).*", "$1"));
        assertTrue(size <= 512, "a response without EDNS must fit in 512 bytes, was " + size);
    }

    @Test
    void negativeAnswersCarryTheSoa() throws Exception {
        Dig.Output nx = Dig.query(port, "nothing.example.test", "A");
        assertEquals("NXDOMAIN", nx.status(), nx.raw());
        assertTrue(nx.flags().contains("aa"), nx.raw());
        assertEquals("SOA", nx.authority().get(0).type(), nx.raw());
        assertEquals(300, nx.authority().get(0).ttl(), "negative TTL = min(SOA TTL, MINIMUM)");

        Dig.Output nodata = Dig.query(port, "www.example.test", "MX");
        assertEquals("NOERROR", nodata.status(), nodata.raw());
        assertTrue(nodata.answers().isEmpty(), nodata.raw());
        assertEquals("SOA", nodata.authority().get(0).type(), nodata.raw());
    }

    @Test
    void cnameChainsWildcardsAndDelegations() throws Exception {
        Dig.Output chain = Dig.query(port, "chain.example.test", "A");
        assertEquals(List.of("alias.example.test.", "www.example.test."), chain.answerData("CNAME"), chain.raw());
        assertEquals(List.of("192.0.2.1"), chain.answerData("A"), chain.raw());

        Dig.Output wild = Dig.query(port, "anything.wild.example.test", "A");
        assertEquals(List.of("192.0.2.99"), wild.answerData("A"), wild.raw());
        assertEquals("anything.wild.example.test.", wild.answers().get(0).name(), wild.raw());

        Dig.Output ent = Dig.query(port, "ent.example.test", "A");
        assertEquals("NOERROR", ent.status(), "an empty non-terminal exists:\n" + ent.raw());

        Dig.Output referral = Dig.query(port, "host.sub.example.test", "A");
        assertEquals("NOERROR", referral.status(), referral.raw());
        assertFalse(referral.flags().contains("aa"), "a referral is not authoritative:\n" + referral.raw());
        assertEquals("NS", referral.authority().get(0).type(), referral.raw());
        assertEquals("192.0.2.200", referral.additional().get(0).data(), "glue:\n" + referral.raw());
    }

    @Test
    void namesOutsideTheZonesAreRefused() throws Exception {
        Dig.Output out = Dig.query(port, "www.example.com", "A");
        assertEquals("REFUSED", out.status(), out.raw());
        assertFalse(out.flags().contains("ra"), "no forwarding configured:\n" + out.raw());
    }
}
