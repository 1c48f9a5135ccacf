package dev.wirekit.dns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wirekit.api.Server;
import dev.wirekit.api.ServerGroup;
import dev.wirekit.api.Transport;
import dev.wirekit.dns.support.TestZones;
import dev.wirekit.spi.CommandProvider;
import dev.wirekit.spi.DeployContext;
import dev.wirekit.spi.OptionSpec;
import dev.wirekit.spi.OptionValues;
import dev.wirekit.spi.Protocol;
import dev.wirekit.spi.Providers;
import dev.wirekit.spi.ServiceProvider;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The plugin as the CLI finds and runs it: ServiceLoader discovery, options, deployment. */
class ProvidersTest {

    @Test
    void theServiceProviderIsFoundAndDescribesItself() {
        ServiceProvider p = Providers.service("dns");
        assertEquals(5353, p.defaultPort());
        assertEquals(Set.of(Protocol.TCP, Protocol.UDP), p.protocols());
        List<String> names = p.options().stream().map(OptionSpec::name).toList();
        assertTrue(
                names.containsAll(List.of("zone", "forward", "allow-recursion", "rate-limit", "cache-size")),
                names.toString());
    }

    @Test
    void theCommandProviderIsFound() {
        CommandProvider p = Providers.discover(CommandProvider.class).providers().stream()
                .filter(c -> c.command().name().equals("dns"))
                .findFirst()
                .orElseThrow();
        assertEquals("lookup", p.command().subcommands().get(0).name());
    }

    @Test
    void servesZoneFilesOverUdpAndTcpFromOptions(@TempDir Path dir) throws Exception {
        Path zone = dir.resolve("example.test.zone");
        Files.writeString(zone, TestZones.exampleTest());
        Path reverse = dir.resolve("reverse.zone");
        Files.writeString(reverse, TestZones.reverse().replace("$ORIGIN 2.0.192.in-addr.arpa.\n", ""));
        ServiceProvider p = Providers.service("dns");
        Map<String, Object> raw = new HashMap<>();
        raw.put("zone", List.of(zone.toString(), "2.0.192.in-addr.arpa=" + reverse));
        raw.put("rate-limit", "50");
        raw.put("tcp-idle-timeout", "3s");
        OptionValues options = OptionValues.parse(p.options(), raw);
        try (Transport transport = Transport.load("blocking");
                Server server = p.create(options)
                        .start(DeployContext.of(
                                transport, new InetSocketAddress("127.0.0.1", 0), Protocol.UDP, Protocol.TCP))) {
            assertTrue(server instanceof ServerGroup g && g.members().size() == 2, server.toString());
            ServerGroup group = (ServerGroup) server;
            assertEquals(
                    group.members().get(0).localAddress().getPort(),
                    group.members().get(1).localAddress().getPort(),
                    "UDP and TCP on one port");
            try (DnsResolver udp = DnsResolver.builder()
                            .transport(transport)
                            .server(server.localAddress())
                            .timeout(Duration.ofSeconds(5))
                            .attempts(1)
                            .build();
                    DnsResolver tcp = DnsResolver.builder()
                            .transport(transport)
                            .server(server.localAddress())
                            .timeout(Duration.ofSeconds(5))
                            .attempts(1)
                            .tcpOnly(true)
                            .build()) {
                assertEquals("192.0.2.1", udp.lookup("www.example.test").get(0).getHostAddress());
                assertEquals(
                        List.of(DnsName.of("mail.example.test")),
                        tcp.reverse(java.net.InetAddress.getByName("192.0.2.25")));
            }
        }
    }

    @Test
    void badOptionsAreExplained(@TempDir Path dir) throws Exception {
        ServiceProvider p = Providers.service("dns");
        IllegalArgumentException none =
                assertThrows(IllegalArgumentException.class, () -> p.create(OptionValues.parse(p.options(), Map.of())));
        assertTrue(none.getMessage().contains("nothing to serve"), none.getMessage());

        Path broken = dir.resolve("broken.zone");
        Files.writeString(broken, "$TTL 60\n@ SOA ns h 1 2 3 4 5\nwww A 999.1.1.1\n");
        IllegalArgumentException zone = assertThrows(
                IllegalArgumentException.class,
                () -> p.create(OptionValues.parse(p.options(), Map.of("zone", List.of("example.test=" + broken)))));
        assertTrue(zone.getMessage().contains("broken.zone:3"), zone.getMessage());

        IllegalArgumentException forward = assertThrows(
                IllegalArgumentException.class,
                () -> p.create(OptionValues.parse(p.options(), Map.of("forward", List.of("dns.example:53")))));
        assertTrue(forward.getMessage().contains("IP address"), forward.getMessage());

        IllegalArgumentException networks = assertThrows(
                IllegalArgumentException.class,
                () -> p.create(OptionValues.parse(
                        p.options(),
                        Map.of("forward", List.of("192.0.2.53"), "allow-recursion", List.of("10.0.0.0/33")))));
        assertTrue(networks.getMessage().contains("10.0.0.0/33"), networks.getMessage());
    }
}
