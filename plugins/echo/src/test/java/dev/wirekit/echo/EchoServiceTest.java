package dev.wirekit.echo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wirekit.api.ClientSession;
import dev.wirekit.api.Connection;
import dev.wirekit.api.Server;
import dev.wirekit.api.Transport;
import dev.wirekit.api.TransportOptions;
import dev.wirekit.api.framing.Framers;
import dev.wirekit.spi.DeployContext;
import dev.wirekit.spi.OptionValues;
import dev.wirekit.spi.Protocol;
import dev.wirekit.testkit.doubles.CommandHarness;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The echo service and its provider and command, on both built-in transports. */
class EchoServiceTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final InetSocketAddress ANY_PORT = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);

    @ParameterizedTest
    @ValueSource(strings = {"blocking", "nio"})
    void echoesArbitraryBytesExactly(String name) throws Exception {
        try (Transport transport = Transport.load(name);
                Server server = transport.listen(
                        ANY_PORT, Framers.raw(64 * 1024), EchoService.plain(), TransportOptions.defaults());
                Connection c = transport.connect(server.localAddress(), TransportOptions.defaults())) {
            byte[] data = new byte[256 * 1024];
            new java.util.Random(9).nextBytes(data);
            c.write(ByteBuffer.wrap(data));
            ByteBuffer back = ByteBuffer.allocate(data.length);
            while (back.hasRemaining()) {
                assertTrue(c.read(back, WAIT) > 0, "stream ended early");
            }
            assertArrayEquals(data, back.array());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"blocking", "nio"})
    void uppercaseWelcomeAndLogOverTcpAndUdp(String name, @TempDir Path dir) throws Exception {
        Path log = dir.resolve("messages.log");
        OptionValues options = OptionValues.parse(
                new EchoProvider().options(),
                Map.of("uppercase", "true", "welcome", "Welcome to Wirekit echo", "log-file", log.toString()));
        try (Transport transport = Transport.load(name);
                Server server = new EchoProvider()
                        .create(options)
                        .start(DeployContext.of(transport, ANY_PORT, Protocol.TCP, Protocol.UDP))) {
            InetSocketAddress tcp =
                    ((dev.wirekit.api.ServerGroup) server).members().get(0).localAddress();
            InetSocketAddress udp =
                    ((dev.wirekit.api.ServerGroup) server).members().get(1).localAddress();
            try (ClientSession<String> c = transport.connect(tcp, Framers.lines(1024), TransportOptions.defaults())) {
                assertEquals("Welcome to Wirekit echo", c.receive(WAIT));
                c.send("héllo, world");
                assertEquals("HéLLO, WORLD", c.receive(WAIT), "ASCII letters only are upper-cased");
            }
            try (ClientSession<String> u =
                    transport.connectDatagram(udp, Framers.lines(1024), TransportOptions.defaults())) {
                u.send("datagram");
                assertEquals("DATAGRAM", u.receive(WAIT), "no welcome over UDP, just the echo");
            }
            server.close();
            String written = Files.readString(log, StandardCharsets.UTF_8);
            assertTrue(written.contains(" héllo, world"), written);
            assertTrue(written.contains(" datagram"), written);
            assertTrue(written.contains(" connected"), written);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"blocking", "nio"})
    void clientCommandOneShotAndInteractive(String name) throws Exception {
        try (Transport transport = Transport.load(name);
                Server server = new EchoProvider()
                        .create(OptionValues.parse(new EchoProvider().options(), Map.of()))
                        .start(DeployContext.of(transport, ANY_PORT, Protocol.TCP))) {
            String target = "127.0.0.1:" + server.localAddress().getPort();
            CommandHarness.Result once = CommandHarness.run(
                    new EchoCommand().command(),
                    transport,
                    Map.of("target", target, "message", List.of("hello", "there")),
                    "");
            assertEquals(0, once.exitCode(), once.err());
            assertEquals("hello there\n", once.out());
            CommandHarness.Result lines = CommandHarness.run(
                    new EchoCommand().command(), transport, Map.of("target", target), "one\ntwo\nquit\n");
            assertEquals(0, lines.exitCode(), lines.err());
            assertEquals("one\ntwo\n", lines.out());
        }
    }

    @org.junit.jupiter.api.Test
    void optionsAreCheckedBeforeAnythingStarts() {
        EchoProvider provider = new EchoProvider();
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> provider.create(OptionValues.parse(provider.options(), Map.of("max-message", "0"))));
        assertTrue(e.getMessage().contains("--max-message"), e.getMessage());
        assertThrows(
                IllegalArgumentException.class,
                () -> provider.create(OptionValues.parse(provider.options(), Map.of("welcome", "two\nlines"))));
    }

    @org.junit.jupiter.api.Test
    void logWritesControlCharactersVisibly() {
        assertEquals("a\\x00b\\x1B", MessageLog.printable(ByteBuffer.wrap(new byte[] {'a', 0, 'b', 0x1B, '\n'})));
    }
}
