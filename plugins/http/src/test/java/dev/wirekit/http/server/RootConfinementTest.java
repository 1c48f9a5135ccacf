package dev.wirekit.http.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wirekit.http.testing.RawClient;
import dev.wirekit.http.testing.ServerFixture;
import dev.wirekit.http.testing.TestSite;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** No request reaches a file outside the root, however the path is spelled. */
class RootConfinementTest {

    private static String get(ServerFixture f, String target) throws Exception {
        try (RawClient c = new RawClient(f.address())) {
            return c.send("GET " + target + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
                    .readAll();
        }
    }

    private static String status(String response) {
        return response.isEmpty() ? "(nothing)" : response.substring(0, response.indexOf("\r\n"));
    }

    @ParameterizedTest
    @MethodSource("dev.wirekit.http.testing.Transports#names")
    void escapesAreRefusedWithTheRightStatus(String transport) throws Exception {
        record Case(String target, int status) {}
        List<Case> cases = List.of(
                new Case("/../outside/secret.txt", 400),
                new Case("/docs/../../outside/secret.txt", 400),
                new Case("/%2e%2e/outside/secret.txt", 400),
                new Case("/%2E%2E/%2E%2E/outside/secret.txt", 400),
                new Case("/docs/..%2f..%2foutside/secret.txt", 400),
                new Case("/..%5coutside%5csecret.txt", 400),
                new Case("/hello.txt%00.png", 400),
                new Case("/%c0%ae%c0%ae/outside/secret.txt", 400),
                new Case("/escape/secret.txt", 403),
                new Case("/escape.txt", 403),
                new Case("/.hidden", 404),
                new Case("/%2ehidden", 404),
                new Case("/nothing/../../outside/secret.txt", 400));
        try (TestSite site = new TestSite();
                ServerFixture f = ServerFixture.start(transport, site)) {
            for (Case c : cases) {
                String response = get(f, c.target);
                assertTrue(
                        response.startsWith("HTTP/1.1 " + c.status + " "),
                        c.target + " should give " + c.status + " but gave " + status(response));
                assertFalse(response.contains("TOP SECRET"), c.target + " leaked the secret");
            }
        }
    }

    @ParameterizedTest
    @MethodSource("dev.wirekit.http.testing.Transports#names")
    void normalisedPathsInsideTheRootAreServed(String transport) throws Exception {
        try (TestSite site = new TestSite();
                ServerFixture f = ServerFixture.start(transport, site)) {
            for (String target : List.of(
                    "/docs/../hello.txt",
                    "/./hello.txt",
                    "//hello.txt",
                    "/inside.txt",
                    "/%68ello.txt",
                    "/docs/%2e%2e/hello.txt")) {
                String response = get(f, target);
                assertTrue(response.startsWith("HTTP/1.1 200 "), target + " gave " + status(response));
                assertTrue(response.endsWith(TestSite.HELLO), target);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("dev.wirekit.http.testing.Transports#names")
    void hiddenFilesAreServedOnlyWhenAllowed(String transport) throws Exception {
        try (TestSite site = new TestSite();
                ServerFixture f =
                        ServerFixture.start(transport, site, HttpLimits.defaults(), b -> b.hiddenFiles(true))) {
            String response = get(f, "/.hidden");
            assertEquals("HTTP/1.1 200 OK", status(response));
            assertTrue(get(f, "/escape.txt").startsWith("HTTP/1.1 403 "));
        }
    }

    @ParameterizedTest
    @MethodSource("dev.wirekit.http.testing.Transports#names")
    void aDirectoryRedirectNeverLeavesTheSite(String transport) throws Exception {
        try (TestSite site = new TestSite();
                ServerFixture f = ServerFixture.start(transport, site)) {
            java.nio.file.Files.createDirectory(site.root().resolve("evil.example"));
            String response = get(f, "//evil.example");
            assertEquals("HTTP/1.1 301 Moved Permanently", status(response));
            assertTrue(response.contains("\r\nLocation: /evil.example/\r\n"), response);
        }
    }
}
