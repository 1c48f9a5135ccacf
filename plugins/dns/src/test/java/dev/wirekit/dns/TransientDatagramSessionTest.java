package dev.wirekit.dns;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wirekit.api.ClientSession;
import dev.wirekit.api.Server;
import dev.wirekit.api.Service;
import dev.wirekit.api.Session;
import dev.wirekit.api.Transport;
import dev.wirekit.api.TransportOptions;
import dev.wirekit.api.framing.Framers;
import java.net.InetSocketAddress;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The DNS server relies on one-datagram sessions ({@code datagramSessionTimeout(ZERO)}) with a
 * service that blocks (forwarding upstream): the session must stay open until the service has
 * handled its datagram and replied.
 */
class TransientDatagramSessionTest {

    @ParameterizedTest
    @ValueSource(strings = {"nio", "blocking"})
    void aBlockingServiceAnswersOnAOneDatagramSession(String transportName) throws Exception {
        Service<String> slowUpper = new Service<>() {
            @Override
            public void onMessage(Session<String> session, String message) {
                Thread.yield(); // runs on its own (virtual) thread, after the server moved on
                session.send(message.toUpperCase());
            }
        };
        TransportOptions options =
                TransportOptions.builder().datagramSessionTimeout(Duration.ZERO).build();
        try (Transport transport = Transport.load(transportName);
                Server server =
                        transport.bind(new InetSocketAddress("127.0.0.1", 0), Framers.lines(512), slowUpper, options);
                ClientSession<String> client = transport.connectDatagram(
                        server.localAddress(), Framers.lines(512), TransportOptions.defaults())) {
            for (int i = 0; i < 20; i++) {
                client.send("ping " + i);
                assertEquals("PING " + i, client.receive(Duration.ofSeconds(10)), "reply to datagram " + i);
            }
        }
    }
}
