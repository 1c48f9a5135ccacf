package dev.wirekit.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wirekit.api.ClientSession;
import dev.wirekit.api.Server;
import dev.wirekit.api.Transport;
import dev.wirekit.api.TransportOptions;
import dev.wirekit.api.framing.Framers;
import dev.wirekit.testkit.pki.Issued;
import dev.wirekit.testkit.pki.PemFiles;
import dev.wirekit.testkit.pki.TestPki;
import dev.wirekit.tls.testing.Echo;
import dev.wirekit.tls.testing.Pki;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A certificate swapped under a running server: new handshakes get it, live connections carry on. */
class HotReloadTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"nio", "blocking"})
    void reloadWithoutDroppingConnections(String transportName) throws Exception {
        TestPki pki = TestPki.create();
        Issued a = pki.localhost();
        Issued b = pki.localhost();
        PemFiles files = a.writePem(dir, "server");
        TlsLayer layer =
                TlsLayer.server(TlsServerConfig.builder(KeyMaterial.pem(files.certificateChain(), files.privateKey()))
                        .build());
        TransportOptions clientOptions = TransportOptions.builder()
                .layer(TlsLayer.client(
                        TlsClientConfig.builder().trust(Pki.trust(pki)).build()))
                .build();
        try (Transport t = Transport.load(transportName);
                Server s = t.listen(
                        new InetSocketAddress("127.0.0.1", 0),
                        Framers.lines(256),
                        new Echo.Lines(),
                        TransportOptions.builder().layer(layer).build());
                ClientSession<String> before = t.connect(s.localAddress(), Framers.lines(256), clientOptions)) {
            before.send("1");
            assertEquals("1", before.receive(Duration.ofSeconds(30)));
            assertEquals(
                    a.certificate(),
                    before.security().orElseThrow().peerCertificates().get(0));

            b.writePem(dir, "server");
            assertEquals(true, layer.reload());

            try (ClientSession<String> after = t.connect(s.localAddress(), Framers.lines(256), clientOptions)) {
                after.send("2");
                assertEquals("2", after.receive(Duration.ofSeconds(30)));
                assertEquals(
                        b.certificate(),
                        after.security().orElseThrow().peerCertificates().get(0));
            }
            // the connection made before the reload is untouched
            before.send("3");
            assertEquals("3", before.receive(Duration.ofSeconds(30)));
            assertEquals(
                    a.certificate(),
                    before.security().orElseThrow().peerCertificates().get(0));
        }
    }
}
