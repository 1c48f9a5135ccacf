package dev.wirekit.dns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wirekit.api.Server;
import dev.wirekit.api.Transport;
import dev.wirekit.api.TransportOptions;
import dev.wirekit.dns.support.Dnsmasq;
import dev.wirekit.dns.support.TestZones;
import dev.wirekit.spi.DeployContext;
import dev.wirekit.spi.Protocol;
import dev.wirekit.testkit.doubles.XorLayer;
import dev.wirekit.testkit.wire.SuiteReport;
import dev.wirekit.testkit.wire.WireSuites;
import dev.wirekit.testkit.wire.WireTarget;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The testkit's DNS suite (DNS-1..DNS-17) against Wirekit's server on both transports and against
 * dnsmasq. {@link TestZones} holds the names the suite's default facts name (www, alias, big and no
 * 'missing' in example.test), so no facts need giving for Wirekit.
 */
class ConformanceTest {
    static final List<String> ALL =
            IntStream.rangeClosed(1, 17).mapToObj(i -> "DNS-" + i).toList();

    static SuiteReport run(WireTarget target, Path reports) throws Exception {
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        SuiteReport report =
                WireSuites.run("dns", target, reports, new PrintStream(console, true, StandardCharsets.UTF_8));
        assertTrue(report.successful(), report.failures() + "\n" + console.toString(StandardCharsets.UTF_8));
        return report;
    }

    @ParameterizedTest
    @ValueSource(strings = {"nio", "blocking"})
    void wirekitPassesEveryRule(String transportName, @TempDir Path reports) throws Exception {
        try (Transport transport = Transport.load(transportName);
                Server server = DnsServer.builder()
                        .zones(TestZones.all())
                        .build()
                        .start(transport, new InetSocketAddress("127.0.0.1", 0))) {
            SuiteReport report = run(WireTarget.of(server.localAddress(), transport), reports);
            assertEquals(ALL, report.rules(SuiteReport.Status.PASSED));
        }
    }

    /**
     * With a layer in the options (what {@code --tls} adds: DNS over TLS) the TCP rules speak through
     * it and the UDP rules skip, saying why. The XOR test layer stands for TLS here.
     */
    @Test
    void overALayerTheTcpRulesPassAndTheUdpRulesSkip(@TempDir Path reports) throws Exception {
        TransportOptions layered = TransportOptions.defaults().toBuilder()
                .layer(new XorLayer((byte) 0x35))
                .build();
        try (Transport transport = Transport.load("nio");
                Server server = DnsServer.builder()
                        .zones(TestZones.all())
                        .build()
                        .start(new DeployContext(
                                transport,
                                new InetSocketAddress("127.0.0.1", 0),
                                Set.of(Protocol.TCP),
                                layered,
                                TransportOptions.defaults()))) {
            WireTarget target = new WireTarget(
                    server.localAddress(),
                    transport,
                    layered,
                    TransportOptions.defaults(),
                    false,
                    Duration.ofSeconds(10));
            SuiteReport report = run(target, reports);
            assertEquals(List.of("DNS-7", "DNS-17"), report.rules(SuiteReport.Status.PASSED));
            assertEquals(15, report.skipped());
            assertTrue(
                    report.rules().stream()
                            .filter(r -> r.status() == SuiteReport.Status.SKIPPED)
                            .allMatch(r -> r.message().contains("DNS over TLS has no UDP")),
                    report.toString());
        }
    }

    @Test
    void dnsmasqPassesTheRulesItSupports(@TempDir Path reports) throws Exception {
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
        try (Dnsmasq dnsmasq = Dnsmasq.start(config);
                Transport transport = Transport.load("nio")) {
            // dnsmasq 2.90 answers an unknown EDNS version as if it were 0 instead of with BADVERS, and
            // in authoritative mode closes a TCP connection after one answer: say so with facts.
            WireTarget target = WireTarget.of(dnsmasq.address(), transport)
                    .withFacts(Map.of("badvers", "false", "tcp-pipelining", "false"));
            SuiteReport report = run(target, reports);
            assertEquals(List.of("DNS-10", "DNS-17"), report.rules(SuiteReport.Status.SKIPPED));
            List<String> required = new ArrayList<>(ALL);
            required.removeAll(List.of("DNS-10", "DNS-17"));
            assertEquals(required, report.rules(SuiteReport.Status.PASSED));
        }
    }
}
