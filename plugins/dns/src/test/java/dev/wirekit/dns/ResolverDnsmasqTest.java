package dev.wirekit.dns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wirekit.api.Transport;
import dev.wirekit.dns.support.Dnsmasq;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Our resolver against a real dnsmasq on loopback, serving known records. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ResolverDnsmasqTest {
    private Dnsmasq dnsmasq;
    private Transport transport;

    @BeforeAll
    void start() throws Exception {
        StringBuilder bigTxt = new StringBuilder("txt-record=big.example.test");
        for (int i = 0; i < 4; i++) {
            bigTxt.append(",\"").append("z".repeat(200)).append(i).append('"');
        }
        dnsmasq = Dnsmasq.start(List.of(
                "local=/example.test/",
                "local-ttl=60",
                "host-record=www.example.test,192.0.2.1,2001:db8::1",
                "host-record=www.example.test,192.0.2.2",
                "host-record=mail.example.test,192.0.2.25",
                "host-record=v6only.example.test,2001:db8::6",
                "txt-record=txt.example.test,\"hello world\",\"second string\"",
                bigTxt.toString(),
                "mx-host=example.test,mail.example.test,10",
                "srv-host=_sip._tcp.example.test,sip.example.test,5060,10,60",
                "ptr-record=1.2.0.192.in-addr.arpa,www.example.test",
                "cname=alias.example.test,www.example.test",
                "address=/wild.example.test/192.0.2.99"));
        transport = Transport.load("nio");
    }

    @AfterAll
    void stop() {
        if (transport != null) {
            transport.close();
        }
        if (dnsmasq != null) {
            dnsmasq.close();
        }
    }

    private DnsResolver resolver(boolean tcp) {
        return DnsResolver.builder()
                .transport(transport)
                .server(dnsmasq.address())
                .timeout(Duration.ofSeconds(5))
                .attempts(2)
                .tcpOnly(tcp)
                .build();
    }

    @ParameterizedTest(name = "tcp={0}")
    @ValueSource(booleans = {false, true})
    void theTutorialsLookups(boolean tcp) throws Exception {
        try (DnsResolver r = resolver(tcp)) {
            assertEquals(
                    List.of("192.0.2.1", "192.0.2.2"),
                    r.lookup("www.example.test").stream()
                            .map(InetAddress::getHostAddress)
                            .sorted()
                            .toList(),
                    "forward (A)");
            List<String> all = r.lookupAll("www.example.test").stream()
                    .map(InetAddress::getHostAddress)
                    .toList();
            assertEquals(3, all.size(), "all addresses: " + all);
            assertTrue(all.contains("2001:db8:0:0:0:0:0:1"), all.toString());
            assertEquals(
                    List.of(DnsName.of("www.example.test")),
                    r.reverse(InetAddress.getByName("192.0.2.1")),
                    "reverse (PTR)");
            assertEquals(
                    List.of("2001:db8:0:0:0:0:0:6"),
                    r.lookupAll("v6only.example.test").stream()
                            .map(InetAddress::getHostAddress)
                            .toList());
        }
    }

    @Test
    void anyTypeAndAliases() throws Exception {
        try (DnsResolver r = resolver(false)) {
            assertEquals(
                    List.of(new RData.Mx(10, DnsName.of("mail.example.test"))),
                    r.lookup("example.test", RecordType.MX).stream()
                            .map(DnsRecord::data)
                            .toList());
            assertEquals(
                    List.of(RData.Txt.of("hello world", "second string")),
                    r.lookup("txt.example.test", RecordType.TXT).stream()
                            .map(DnsRecord::data)
                            .toList());
            assertEquals(
                    List.of(new RData.Srv(10, 60, 5060, DnsName.of("sip.example.test"))),
                    r.lookup("_sip._tcp.example.test", RecordType.SRV).stream()
                            .map(DnsRecord::data)
                            .toList());
            List<DnsRecord> viaAlias = r.lookup("alias.example.test", RecordType.A);
            assertEquals(DnsName.of("www.example.test"), viaAlias.get(0).name(), "the CNAME is followed");
            assertTrue(r.lookup("www.example.test", RecordType.MX).isEmpty(), "NODATA is an empty list");
            assertEquals(
                    "192.0.2.99",
                    r.lookup("any.thing.wild.example.test").get(0).getHostAddress(),
                    "dnsmasq's --address answers a whole domain");
        }
    }

    @Test
    void aMissingNameIsANameError() {
        try (DnsResolver r = resolver(false)) {
            DnsLookupException e = assertThrows(DnsLookupException.class, () -> r.lookup("nope.example.test"));
            assertTrue(e.isNameError(), e.getMessage());
            assertTrue(e.getMessage().contains("NXDOMAIN"), e.getMessage());
        }
    }

    @Test
    void queryReturnsTheWholeResponse() throws Exception {
        try (DnsResolver r = resolver(false)) {
            DnsResponse resp = r.query("www.example.test", RecordType.A);
            assertEquals(dnsmasq.address(), resp.server());
            assertFalse(resp.tcp());
            assertTrue(resp.message().response());
            assertEquals(ResponseCode.NOERROR, resp.message().rcode());
            assertEquals(60, resp.message().answers().get(0).ttl());
            assertTrue(resp.size() > 12);
        }
    }

    @Test
    void aTruncatedAnswerIsAskedAgainOverTcp() throws Exception {
        try (DnsResolver r = DnsResolver.builder()
                .transport(transport)
                .server(dnsmasq.address())
                .timeout(Duration.ofSeconds(5))
                .attempts(1)
                .ednsPayloadSize(0) // classic 512-byte limit
                .build()) {
            DnsResponse resp = r.query("big.example.test", RecordType.TXT);
            assertTrue(resp.tcp(), "the answer came over TCP after a TC answer over UDP");
            assertFalse(resp.message().truncated());
            assertEquals(1, resp.message().answers().size());
            assertTrue(resp.size() > 512, "size " + resp.size());
        }
    }
}
