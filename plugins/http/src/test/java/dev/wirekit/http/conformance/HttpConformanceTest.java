package dev.wirekit.http.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wirekit.api.Server;
import dev.wirekit.api.Transport;
import dev.wirekit.api.TransportOptions;
import dev.wirekit.http.server.HttpServer;
import dev.wirekit.http.server.StaticFiles;
import dev.wirekit.http.testing.Nginx;
import dev.wirekit.http.testing.ServerFixture;
import dev.wirekit.http.testing.TestSite;
import dev.wirekit.http.testing.Tools;
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
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The testkit's HTTP suite (HTTP-1..HTTP-27) against Wirekit's server on both transports and against
 * nginx serving the same {@link TestSite}. The site's {@code /hello.txt} holds "hello, world\n" and
 * {@code /no-such-file} does not exist: the suite's default facts, so none need giving.
 */
class HttpConformanceTest {
    static final List<String> ALL =
            IntStream.rangeClosed(1, 27).mapToObj(i -> "HTTP-" + i).toList();

    private static SuiteReport run(WireTarget target, Path reports) throws Exception {
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        SuiteReport report =
                WireSuites.run("http", target, reports, new PrintStream(console, true, StandardCharsets.UTF_8));
        assertTrue(report.successful(), report.failures() + "\n" + console.toString(StandardCharsets.UTF_8));
        return report;
    }

    @ParameterizedTest
    @ValueSource(strings = {"nio", "blocking"})
    void wirekitPassesEveryRule(String transport, @TempDir Path reports) throws Exception {
        try (TestSite site = new TestSite();
                ServerFixture f = ServerFixture.start(transport, site)) {
            SuiteReport report = run(WireTarget.of(f.address(), f.transport), reports);
            assertEquals(ALL, report.rules(SuiteReport.Status.PASSED));
        }
    }

    /** Facts name another file: a binary one, compared with a local copy (fact body-file). */
    @Test
    void factsNameABinaryFile(@TempDir Path reports) throws Exception {
        try (TestSite site = new TestSite();
                ServerFixture f = ServerFixture.start("nio", site)) {
            WireTarget target = WireTarget.of(f.address(), f.transport)
                    .withFacts(java.util.Map.of(
                            "path",
                            "/data.bin",
                            "body-file",
                            site.root().resolve("data.bin").toString()));
            assertEquals(ALL, run(target, reports).rules(SuiteReport.Status.PASSED));
        }
    }

    /**
     * With a layer in the options (what {@code --tls} adds) the suite speaks through it: the XOR
     * test layer on both sides stands for TLS, whose plugin tests live with the TLS module.
     */
    @Test
    void wirekitPassesEveryRuleThroughALayer(@TempDir Path reports) throws Exception {
        TransportOptions layered = TransportOptions.defaults().toBuilder()
                .layer(new XorLayer((byte) 0x5A))
                .build();
        try (TestSite site = new TestSite();
                Transport transport = Transport.load("nio");
                Server server = HttpServer.builder()
                        .staticFiles("/", StaticFiles.builder(site.root()).build())
                        .build()
                        .start(transport, new InetSocketAddress("127.0.0.1", 0), layered)) {
            WireTarget target = new WireTarget(
                    server.localAddress(),
                    transport,
                    layered,
                    TransportOptions.defaults(),
                    false,
                    Duration.ofSeconds(10));
            assertEquals(ALL, run(target, reports).rules(SuiteReport.Status.PASSED));
        }
    }

    @Test
    void nginxPassesEveryRule(@TempDir Path reports) throws Exception {
        Assumptions.assumeTrue(Tools.installed("nginx"), "nginx is not installed (Debian package nginx-light)");
        try (TestSite site = new TestSite();
                Nginx nginx = Nginx.start(site.root(), "");
                Transport transport = Transport.load("nio")) {
            SuiteReport report = run(WireTarget.of(nginx.address(), transport), reports);
            assertEquals(ALL, report.rules(SuiteReport.Status.PASSED));
        }
    }
}
