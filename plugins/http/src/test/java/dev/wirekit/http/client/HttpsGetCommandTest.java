package dev.wirekit.http.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wirekit.api.Server;
import dev.wirekit.api.Transport;
import dev.wirekit.api.TransportOptions;
import dev.wirekit.http.internal.client.HttpCommandProvider;
import dev.wirekit.http.server.HttpServer;
import dev.wirekit.http.server.StaticFiles;
import dev.wirekit.http.testing.TestCertificate;
import dev.wirekit.http.testing.TestSite;
import dev.wirekit.spi.CommandSpec;
import dev.wirekit.spi.OptionValues;
import dev.wirekit.testkit.doubles.CommandHarness;
import dev.wirekit.tls.TlsSettings;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code wirekit http get https://...} with the client options the CLI builds from its TLS flags
 * ({@code --trust}, {@code --insecure}: made here with {@link TlsSettings}, as the CLI does), and
 * without any: then the system trust store applies, as in curl.
 */
class HttpsGetCommandTest {

    private static CommandSpec get() {
        return new HttpCommandProvider()
                .command().subcommands().stream()
                        .filter(c -> c.name().equals("get"))
                        .findFirst()
                        .orElseThrow();
    }

    /** What the CLI passes as {@code clientOptions()} for these TLS flags. */
    private static TransportOptions cliOptions(Map<String, ?> tlsFlags) throws Exception {
        return TlsSettings.from(OptionValues.parse(TlsSettings.clientOptions(), tlsFlags))
                .clientStreamOptions(TransportOptions.defaults());
    }

    @Test
    void getsHttpsWithTrustOrInsecureAndRefusesAnUnknownIssuerByDefault(@TempDir Path dir) throws Exception {
        try (TestSite site = new TestSite();
                TestCertificate certificate = TestCertificate.create();
                Transport transport = Transport.load("nio");
                Server https = HttpServer.builder()
                        .staticFiles("/", StaticFiles.builder(site.root()).build())
                        .build()
                        .start(transport, new InetSocketAddress("127.0.0.1", 0), certificate.serverOptions());
                Server http = HttpServer.builder()
                        .staticFiles("/", StaticFiles.builder(site.root()).build())
                        .build()
                        .start(transport, new InetSocketAddress("127.0.0.1", 0))) {
            String url = "https://localhost:" + https.localAddress().getPort();
            TransportOptions trusted =
                    cliOptions(Map.of("trust", List.of(certificate.cert().toString())));

            CommandHarness.Result ok =
                    CommandHarness.run(get(), transport, trusted, Map.of("url", url + "/hello.txt"), "");
            assertEquals(0, ok.exitCode(), ok.err());
            assertTrue(ok.out().startsWith("HTTP/1.1 200 OK\r\n"), ok.out());
            assertTrue(ok.out().endsWith("\r\n\r\n" + TestSite.HELLO), ok.out());

            Path saved = dir.resolve("data.bin");
            CommandHarness.Result save = CommandHarness.run(
                    get(), transport, trusted, Map.of("url", url + "/data.bin", "output", saved.toString()), "");
            assertEquals(0, save.exitCode(), save.err());
            assertArrayEquals(site.data(), Files.readAllBytes(saved));

            CommandHarness.Result pinned = CommandHarness.run(
                    get(),
                    transport,
                    cliOptions(Map.of("trust", List.of(certificate.fingerprint()))),
                    Map.of("url", url + "/hello.txt"),
                    "");
            assertEquals(0, pinned.exitCode(), pinned.err());

            CommandHarness.Result insecure = CommandHarness.run(
                    get(), transport, cliOptions(Map.of("insecure", true)), Map.of("url", url + "/hello.txt"), "");
            assertEquals(0, insecure.exitCode(), insecure.err());
            assertTrue(insecure.out().endsWith(TestSite.HELLO), insecure.out());

            CommandHarness.Result untrusted = CommandHarness.run(
                    get(), transport, TransportOptions.defaults(), Map.of("url", url + "/hello.txt"), "");
            assertEquals(2, untrusted.exitCode(), "no response: " + untrusted.out());
            assertTrue(untrusted.err().startsWith("error: "), untrusted.err());
            assertTrue(untrusted.err().contains("untrusted certificate"), "says why: " + untrusted.err());

            // the TLS flags apply to https only: a plain URL stays plain
            CommandHarness.Result plain = CommandHarness.run(
                    get(),
                    transport,
                    trusted,
                    Map.of("url", "http://127.0.0.1:" + http.localAddress().getPort() + "/hello.txt"),
                    "");
            assertEquals(0, plain.exitCode(), plain.err());
            assertTrue(plain.out().endsWith(TestSite.HELLO), plain.out());
        }
    }
}
