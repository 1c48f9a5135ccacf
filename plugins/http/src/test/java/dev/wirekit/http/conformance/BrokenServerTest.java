package dev.wirekit.http.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wirekit.api.Transport;
import dev.wirekit.testkit.wire.SuiteReport;
import dev.wirekit.testkit.wire.WireSuites;
import dev.wirekit.testkit.wire.WireTarget;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The testkit's HTTP suite must fail, naming the rule and what was wrong, against a server that ignores HTTP. */
class BrokenServerTest {

    @Test
    void aServerThatAlwaysSays200FailsTheRulesItBreaks() throws Exception {
        try (ServerSocket broken = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
                Transport transport = Transport.load("nio")) {
            Thread server = Thread.ofPlatform().daemon().start(() -> {
                while (!broken.isClosed()) {
                    try (Socket s = broken.accept()) {
                        s.setSoTimeout(2000);
                        s.getInputStream().read(new byte[65536]);
                        s.getOutputStream()
                                .write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok"
                                        .getBytes(StandardCharsets.ISO_8859_1));
                    } catch (IOException e) {
                        // next connection
                    }
                }
            });
            List<String> broke = List.of(
                    "HTTP-1", "HTTP-3", "HTTP-4", "HTTP-5", "HTTP-10", "HTTP-11", "HTTP-13", "HTTP-14", "HTTP-15",
                    "HTTP-16", "HTTP-17", "HTTP-19", "HTTP-20", "HTTP-22", "HTTP-23");
            WireTarget target = WireTarget.of(new InetSocketAddress("127.0.0.1", broken.getLocalPort()), transport)
                    .withTimeout(Duration.ofSeconds(2));
            SuiteReport report =
                    WireSuites.run("http", target, null, new PrintStream(new ByteArrayOutputStream(), true), broke);
            assertEquals(broke, report.rules(SuiteReport.Status.FAILED), "every broken rule fails");
            Map<String, String> messages = report.rules().stream()
                    .collect(Collectors.toMap(SuiteReport.RuleResult::rule, SuiteReport.RuleResult::message));
            assertTrue(
                    messages.get("HTTP-1").startsWith("[HTTP-1] GET of a resource gives 200 with exactly its bytes"),
                    messages.get("HTTP-1"));
            assertTrue(messages.get("HTTP-1").contains("the body differs from the resource"), messages.get("HTTP-1"));
            assertTrue(messages.get("HTTP-1").contains("if this fails, check:"), messages.get("HTTP-1"));
            assertTrue(messages.get("HTTP-3").contains("expected status 404 but got 200"), messages.get("HTTP-3"));
            broken.close();
            server.join(5000);
        }
    }
}
