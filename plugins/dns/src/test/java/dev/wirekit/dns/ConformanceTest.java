package dev.wirekit.dns;

import dev.wirekit.api.Server;
import dev.wirekit.api.Transport;
import dev.wirekit.dns.support.Dnsmasq;
import dev.wirekit.dns.support.TestZones;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** The black-box conformance rules, against our server (both transports) and against dnsmasq. */
class ConformanceTest {
    static final DnsConformanceChecks.ZoneFacts FACTS = new DnsConformanceChecks.ZoneFacts(
            "example.test",
            "www.example.test",
            List.of("192.0.2.1"),
            "missing.example.test",
            "alias.example.test",
            "big.example.test",
            "www.example.com");

    @TestFactory
    Stream<DynamicTest> wirekitOnNio() throws Exception {
        return against("nio");
    }

    @TestFactory
    Stream<DynamicTest> wirekitOnBlocking() throws Exception {
        return against("blocking");
    }

    private Stream<DynamicTest> against(String transportName) throws Exception {
        Transport transport = Transport.load(transportName);
        Server server = DnsServer.builder()
                .zones(TestZones.all())
                .build()
                .start(transport, new InetSocketAddress("127.0.0.1", 0));
        DnsConformanceChecks checks =
                new DnsConformanceChecks(server.localAddress(), FACTS, DnsConformanceChecks.Capabilities.ALL);
        return checks.rules().stream()
                .map(DnsConformanceChecks.Rule::toDynamicTest)
                .onClose(() -> {
                    server.close();
                    transport.close();
                });
    }

    @TestFactory
    Stream<DynamicTest> dnsmasq() throws Exception {
        Dnsmasq.assumeInstalled();
        List<String> config = new ArrayList<>(List.of(
                "auth-server=ns1.example.test,127.0.0.1",
                "auth-zone=example.test",
                "auth-soa=2024010101,hostmaster.example.test,7200,3600,1209600",
                "auth-ttl=300",
                "host-record=www.example.test,192.0.2.1,2001:db8::1",
                "cname=alias.example.test,www.example.test"));
        StringBuilder big = new StringBuilder("txt-record=big.example.test");
        for (int i = 0; i < 4; i++) { // about 800 bytes; dnsmasq reads lines of at most 1024 characters
            big.append(",\"").append(TestZones.bigText(i)).append('"');
        }
        config.add(big.toString());
        Dnsmasq dnsmasq = Dnsmasq.start(config);
        // dnsmasq 2.90 answers an unknown EDNS version as if it were 0 instead of with BADVERS, and in
        // authoritative mode closes a TCP connection after one answer.
        DnsConformanceChecks checks =
                new DnsConformanceChecks(dnsmasq.address(), FACTS, new DnsConformanceChecks.Capabilities(false, false));
        return checks.rules().stream()
                .map(DnsConformanceChecks.Rule::toDynamicTest)
                .onClose(dnsmasq::close);
    }
}
