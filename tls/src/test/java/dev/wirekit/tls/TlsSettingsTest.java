package dev.wirekit.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wirekit.api.ClientSession;
import dev.wirekit.api.Server;
import dev.wirekit.api.Transport;
import dev.wirekit.api.TransportOptions;
import dev.wirekit.api.framing.Framers;
import dev.wirekit.spi.OptionSpec;
import dev.wirekit.spi.OptionValues;
import dev.wirekit.testkit.pki.Issued;
import dev.wirekit.testkit.pki.PemFiles;
import dev.wirekit.testkit.pki.TestPki;
import dev.wirekit.tls.internal.pki.DevCertificates;
import dev.wirekit.tls.internal.trust.Fingerprints;
import dev.wirekit.tls.testing.Echo;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command-line TLS options, as the CLI will pass them. */
class TlsSettingsTest {
    @TempDir
    Path dir;

    private String previousDevDir;

    @BeforeEach
    void isolateTheDevelopmentCertificate() {
        previousDevDir = System.getProperty(DevCertificates.DIRECTORY_PROPERTY);
        System.setProperty(
                DevCertificates.DIRECTORY_PROPERTY, dir.resolve("dev-cert").toString());
    }

    @AfterEach
    void restore() {
        if (previousDevDir == null) {
            System.clearProperty(DevCertificates.DIRECTORY_PROPERTY);
        } else {
            System.setProperty(DevCertificates.DIRECTORY_PROPERTY, previousDevDir);
        }
    }

    private static TlsSettings server(Map<String, ?> raw) {
        return TlsSettings.from(OptionValues.parse(TlsSettings.serverOptions(), raw));
    }

    private static TlsSettings client(Map<String, ?> raw) {
        return TlsSettings.from(OptionValues.parse(TlsSettings.clientOptions(), raw));
    }

    @Test
    void theOptionsTheCliAdds() {
        List<String> serverNames =
                TlsSettings.serverOptions().stream().map(OptionSpec::name).toList();
        List<String> clientNames =
                TlsSettings.clientOptions().stream().map(OptionSpec::name).toList();
        assertEquals(
                List.of("tls", "cert", "key", "cert-password", "trust", "client-auth", "insecure", "alpn"),
                serverNames);
        assertEquals(List.of("tls", "cert", "key", "cert-password", "trust", "insecure", "sni", "alpn"), clientNames);
        assertFalse(server(Map.of()).enabled(), "off unless asked for");
        assertTrue(server(Map.of("tls", "true")).enabled());
        assertTrue(client(Map.of("trust", "system")).enabled(), "--trust implies --tls");
        assertTrue(client(Map.of("insecure", "true")).enabled(), "--insecure implies --tls");
    }

    @Test
    void contradictionsAreExplained() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> server(Map.of("key", "k.pem")));
        assertTrue(e.getMessage().contains("--key needs --cert"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> server(Map.of("cert", "c.pem")));
        assertTrue(e.getMessage().contains("needs --key"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> server(Map.of("client-auth", "required")));
        assertTrue(e.getMessage().contains("--client-auth needs TLS"), e.getMessage());
        e = assertThrows(
                IllegalArgumentException.class,
                () -> server(Map.of("tls", "true", "client-auth", "required")).serverConfig());
        assertTrue(e.getMessage().contains("needs --trust"), e.getMessage());
        assertTrue(server(Map.of("cert", "c.p12")).enabled(), "a PKCS#12 file needs no --key");
    }

    @Test
    void aServerWithoutACertificateUsesTheDevelopmentCertificate() throws Exception {
        TlsSettings s = server(Map.of("tls", "true"));
        TlsSettings.ServerLayers layers = s.serverLayers().orElseThrow();
        assertSame(layers.stream().serverConfig(), layers.config());
        assertSame(layers.datagram().serverConfig(), layers.config(), "one configuration for TCP and UDP");
        Path devCert = dir.resolve("dev-cert").resolve("cert.pem");
        assertEquals(
                List.of(devCert, dir.resolve("dev-cert").resolve("key.pem")),
                layers.config().certificates().get(0).files());
        assertFalse(layers.reload(), "nothing changed");
        assertTrue(server(Map.of()).serverLayers().isEmpty());
        TransportOptions base = TransportOptions.defaults();
        assertSame(base, server(Map.of()).serverStreamOptions(base), "TLS off leaves the options alone");
    }

    @Test
    void endToEndWithFilesAndAPin() throws Exception {
        TestPki pki = TestPki.create();
        Issued cert = pki.localhost();
        PemFiles files = cert.writePem(dir, "server");
        Path root = pki.writeRootPem(dir, "root.pem");
        Issued clientCert = pki.client("cli");
        PemFiles clientFiles = clientCert.writePem(dir, "client");
        TlsSettings serverSettings = server(Map.of(
                "cert", files.certificateChain().toString(),
                "key", files.privateKey().toString(),
                "client-auth", "required",
                "trust", List.of(root.toString()),
                "alpn", List.of("echo")));
        Map<String, Object> clientRaw = new HashMap<>(Map.of(
                "cert", clientFiles.certificateChain().toString(),
                "key", clientFiles.privateKey().toString(),
                "trust", List.of(Fingerprints.pin(cert.certificate()), root.toString()),
                "sni", "localhost",
                "alpn", List.of("echo")));
        TlsSettings clientSettings = client(clientRaw);
        Echo.Lines echo = new Echo.Lines();
        try (Transport t = Transport.load("nio");
                Server s = t.listen(
                        new InetSocketAddress("127.0.0.1", 0),
                        Framers.lines(256),
                        echo,
                        serverSettings.serverStreamOptions(TransportOptions.defaults()));
                ClientSession<String> c = t.connect(
                        s.localAddress(),
                        Framers.lines(256),
                        clientSettings.clientStreamOptions(TransportOptions.defaults()))) {
            c.send("via settings");
            assertEquals("via settings", c.receive(Duration.ofSeconds(30)));
            var seen = echo.opened.poll(30, java.util.concurrent.TimeUnit.SECONDS);
            assertEquals(clientCert.chain(), seen.peerCertificates());
            assertEquals(java.util.Optional.of("echo"), seen.applicationProtocol());
            assertEquals(java.util.Optional.of("localhost"), seen.serverName());
        }
        assertTrue(clientSettings.toString().contains("sni=localhost"));
        TlsSettings withPassword = client(Map.of("tls", "true", "cert-password", "hunter2", "cert", "x.p12"));
        assertFalse(withPassword.toString().contains("hunter2"), "the password never shows");
    }

    @Test
    void insecureClientsAreWarnedAbout() throws Exception {
        try (var log = dev.wirekit.tls.testing.LogCapture.tls()) {
            TlsSettings insecure = client(Map.of("insecure", "true"));
            assertSame(Trust.insecure(), insecure.clientConfig().trust());
            insecure.clientStreamOptions(TransportOptions.defaults()); // building the layer warns
            String line = log.await(l -> l.contains("INSECURE"), Duration.ofSeconds(5));
            assertTrue(line.startsWith("WARNING"), line);
        }
    }

    @Test
    void anInsecureServerIsWarnedAboutOnceForItsTlsAndDtlsLayers() throws Exception {
        try (var log = dev.wirekit.tls.testing.LogCapture.tls()) {
            TlsSettings insecure = server(Map.of("client-auth", "required", "insecure", "true"));
            var layers = insecure.serverLayers().orElseThrow(); // a TLS and a DTLS layer, one config
            assertSame(layers.stream().serverConfig(), layers.datagram().serverConfig());
            log.await(l -> l.contains("INSECURE"), Duration.ofSeconds(5));
            assertEquals(1, log.lines(l -> l.contains("INSECURE")).size(), "one warning: " + log.lines());
        }
    }
}
