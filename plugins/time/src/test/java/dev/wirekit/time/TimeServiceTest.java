package dev.wirekit.time;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wirekit.api.ClientSession;
import dev.wirekit.api.Server;
import dev.wirekit.api.ServerGroup;
import dev.wirekit.api.Transport;
import dev.wirekit.api.TransportOptions;
import dev.wirekit.api.framing.Framers;
import dev.wirekit.spi.DeployContext;
import dev.wirekit.spi.OptionValues;
import dev.wirekit.spi.Protocol;
import dev.wirekit.testkit.doubles.CommandHarness;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The time service, provider and command, on both built-in transports. */
class TimeServiceTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final InetSocketAddress ANY_PORT = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
    private static final Clock FIXED = Clock.fixed(Instant.parse("2026-11-25T13:45:07Z"), ZoneOffset.UTC);

    @ParameterizedTest
    @ValueSource(strings = {"blocking", "nio"})
    void sendsTheTimeThenClosesOverTcpAndAnswersEachDatagram(String name) throws Exception {
        TimeService service = new TimeService(FIXED, DateTimeFormatter.ofPattern(TimeService.DEFAULT_PATTERN));
        try (Transport transport = Transport.load(name);
                Server tcp = transport.listen(ANY_PORT, Framers.lines(64), service, TransportOptions.defaults());
                Server udp = transport.bind(ANY_PORT, Framers.lines(64), service, TransportOptions.defaults())) {
            try (ClientSession<String> c =
                    transport.connect(tcp.localAddress(), Framers.lines(64), TransportOptions.defaults())) {
                assertEquals("Current time: 13:45:07", c.receive(WAIT));
                assertNull(c.receive(WAIT), "the server closes after the time");
            }
            try (ClientSession<String> u =
                    transport.connectDatagram(udp.localAddress(), Framers.lines(64), TransportOptions.defaults())) {
                for (int i = 0; i < 2; i++) {
                    u.send("time?");
                    assertEquals("Current time: 13:45:07", u.receive(WAIT));
                }
            }
        }
    }

    @Test
    void providerHonoursZoneAndFormatAndTheCommandPrintsTheLine() throws Exception {
        TimeProvider provider = new TimeProvider();
        OptionValues options = OptionValues.parse(provider.options(), Map.of("zone", "UTC", "format", "yyyy"));
        try (Transport transport = Transport.load("nio");
                Server server = provider.create(options).start(DeployContext.of(transport, ANY_PORT, Protocol.TCP))) {
            String target = "127.0.0.1:" + server.localAddress().getPort();
            CommandHarness.Result r =
                    CommandHarness.run(new TimeCommand().command(), transport, Map.of("target", target), "");
            assertEquals(0, r.exitCode(), r.err());
            String year = String.valueOf(java.time.Year.now(ZoneOffset.UTC).getValue());
            assertTrue(r.out().equals("Current time: " + year + "\n"), r.out());
        }
    }

    @Test
    void badOptionsAreRefusedWithTheOptionsName() {
        TimeProvider provider = new TimeProvider();
        IllegalArgumentException zone = assertThrows(
                IllegalArgumentException.class,
                () -> provider.create(OptionValues.parse(provider.options(), Map.of("zone", "Mars/Olympus"))));
        assertTrue(zone.getMessage().startsWith("option --zone"), zone.getMessage());
        IllegalArgumentException format = assertThrows(
                IllegalArgumentException.class,
                () -> provider.create(OptionValues.parse(provider.options(), Map.of("format", "HH:{"))));
        assertTrue(format.getMessage().startsWith("option --format"), format.getMessage());
    }

    @Test
    void servesBothProtocolsAsOneGroup() throws Exception {
        TimeProvider provider = new TimeProvider();
        try (Transport transport = Transport.load("blocking");
                Server server = provider.create(OptionValues.parse(provider.options(), Map.of()))
                        .start(DeployContext.of(transport, ANY_PORT, Protocol.TCP, Protocol.UDP))) {
            assertEquals(2, ((ServerGroup) server).members().size());
        }
    }
}
