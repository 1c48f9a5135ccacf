package dev.wirekit.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wirekit.api.ClientSession;
import dev.wirekit.api.Server;
import dev.wirekit.api.Service;
import dev.wirekit.api.Session;
import dev.wirekit.api.Transport;
import dev.wirekit.api.TransportOptions;
import dev.wirekit.api.framing.Framers;
import dev.wirekit.tls.testing.TestPki;
import java.net.InetSocketAddress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SmokeTest {
    @ParameterizedTest
    @ValueSource(strings = {"nio", "blocking"})
    void echo(String transportName) throws Exception {
        TestPki pki = TestPki.create();
        TlsLayer serverLayer = TlsLayer.server(
                TlsServerConfig.builder(pki.localhost().keyMaterial()).build());
        TlsLayer clientLayer =
                TlsLayer.client(TlsClientConfig.builder().trust(pki.trust()).build());
        Service<String> echo = new Service<>() {
            @Override
            public void onMessage(Session<String> session, String message) {
                session.send(message + " " + session.security().orElseThrow().protocol());
            }
        };
        try (Transport t = Transport.load(transportName);
                Server server = t.listen(
                        new InetSocketAddress("127.0.0.1", 0),
                        Framers.lines(1024),
                        echo,
                        TransportOptions.builder().layer(serverLayer).build());
                ClientSession<String> client = t.connect(
                        server.localAddress(),
                        Framers.lines(1024),
                        TransportOptions.builder().layer(clientLayer).build())) {
            client.send("hello");
            assertEquals("hello TLSv1.3", client.receive());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"nio", "blocking"})
    void dtlsEcho(String transportName) throws Exception {
        TestPki pki = TestPki.create();
        DtlsLayer serverLayer = DtlsLayer.server(
                TlsServerConfig.builder(pki.localhost().keyMaterial()).build());
        DtlsLayer clientLayer =
                DtlsLayer.client(TlsClientConfig.builder().trust(pki.trust()).build());
        Service<String> echo = new Service<>() {
            @Override
            public void onMessage(Session<String> session, String message) {
                session.send(message + " " + session.security().orElseThrow().protocol());
            }
        };
        try (Transport t = Transport.load(transportName);
                Server server = t.bind(
                        new InetSocketAddress("127.0.0.1", 0),
                        Framers.lines(1024),
                        echo,
                        TransportOptions.builder().layer(serverLayer).build());
                ClientSession<String> client = t.connectDatagram(
                        server.localAddress(),
                        Framers.lines(1024),
                        TransportOptions.builder().layer(clientLayer).build())) {
            client.send("hello");
            assertEquals("hello DTLSv1.2", client.receive());
            client.send("again");
            assertEquals("again DTLSv1.2", client.receive());
        }
    }
}
