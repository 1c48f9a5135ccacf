package dev.wirekit.http.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The checks must fail, with a useful message, against a server that ignores HTTP. */
class BrokenServerTest {

    @Test
    void aServerThatAlwaysSays200FailsTheRulesItBreaks() throws Exception {
        try (ServerSocket broken = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
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
            HttpConformanceChecks checks = new HttpConformanceChecks(new HttpConformanceChecks.Target(
                    new InetSocketAddress("127.0.0.1", broken.getLocalPort()),
                    "/hello.txt",
                    "hello, world\n".getBytes(StandardCharsets.ISO_8859_1),
                    "/missing"));
            Map<String, HttpConformanceChecks.Result> results = checks.runAll().stream()
                    .collect(Collectors.toMap(r -> r.rule().id(), r -> r));
            for (String id : List.of(
                    "HTTP-1", "HTTP-3", "HTTP-4", "HTTP-5", "HTTP-10", "HTTP-11", "HTTP-13", "HTTP-14", "HTTP-15",
                    "HTTP-16", "HTTP-17", "HTTP-19", "HTTP-20", "HTTP-22", "HTTP-23")) {
                assertTrue(!results.get(id).passed(), id + " should fail against a broken server");
            }
            assertEquals(
                    "FAIL HTTP-1 GET of a resource gives 200 with exactly its bytes: the body differs from the "
                            + "resource (check the status line and framing)",
                    results.get("HTTP-1").toString());
            assertTrue(
                    results.get("HTTP-3").detail().contains("expected status 404 but got 200"),
                    results.get("HTTP-3").detail());
            broken.close();
            server.join(5000);
        }
    }
}
