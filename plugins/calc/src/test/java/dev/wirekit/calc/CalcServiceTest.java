package dev.wirekit.calc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wirekit.api.ClientSession;
import dev.wirekit.api.Connection;
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
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The calculator over TCP and UDP on both built-in transports, including bad input. */
class CalcServiceTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final InetSocketAddress ANY_PORT = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);

    @ParameterizedTest
    @ValueSource(strings = {"blocking", "nio"})
    void answersOverTcpAndUdpAndSurvivesBadLines(String name) throws Exception {
        CalcProvider provider = new CalcProvider();
        OptionValues options = OptionValues.parse(provider.options(), Map.of("max-line", "64"));
        try (Transport transport = Transport.load(name);
                Server server = provider.create(options)
                        .start(DeployContext.of(transport, ANY_PORT, Protocol.TCP, Protocol.UDP))) {
            InetSocketAddress tcp = ((ServerGroup) server).members().get(0).localAddress();
            InetSocketAddress udp = ((ServerGroup) server).members().get(1).localAddress();
            try (ClientSession<String> c = transport.connect(tcp, Framers.lines(1024), TransportOptions.defaults())) {
                c.send("5 + 3");
                assertEquals("8", c.receive(WAIT));
                c.send("1/0");
                assertEquals("ERROR: division by zero", c.receive(WAIT));
                c.send("9".repeat(100));
                assertEquals(
                        "ERROR: line longer than 64 bytes", c.receive(WAIT), "an overlong line gets an error reply");
                c.send("2 * 21");
                assertEquals("42", c.receive(WAIT), "the session goes on after an overlong line");
            }
            try (Connection raw = transport.connect(tcp, TransportOptions.defaults());
                    ClientSession<String> u =
                            transport.connectDatagram(udp, Framers.lines(1024), TransportOptions.defaults())) {
                raw.write(ByteBuffer.wrap(new byte[] {'1', (byte) 0xFF, '\n', '2', '+', '2', '\n'}));
                ByteBuffer reply = ByteBuffer.allocate(256);
                while (!new String(reply.array(), 0, reply.position()).endsWith("4\n")) {
                    assertTrue(raw.read(reply, WAIT) > 0, "the server closed instead of answering");
                }
                String text = new String(reply.array(), 0, reply.position(), java.nio.charset.StandardCharsets.UTF_8);
                assertTrue(text.startsWith("ERROR: line is not valid UTF-8 text\n"), text);
                u.send("6 * 7");
                assertEquals("42", u.receive(WAIT));
            }
            String target = "127.0.0.1:" + tcp.getPort();
            CommandHarness.Result once = CommandHarness.run(
                    new CalcCommand().command(),
                    transport,
                    Map.of("target", target, "expression", List.of("(1", "+", "2)", "*", "3")),
                    "");
            assertEquals("9\n", once.out());
            CommandHarness.Result repl =
                    CommandHarness.run(new CalcCommand().command(), transport, Map.of("target", target), "1+1\n2*3\n");
            assertEquals("2\n6\n", repl.out());
            CommandHarness.Result udpRepl = CommandHarness.run(
                    new CalcCommand().command(),
                    transport,
                    Map.of("target", "127.0.0.1:" + udp.getPort(), "udp", "true"),
                    "7-1\n");
            assertEquals("6\n", udpRepl.out());
        }
    }
}
