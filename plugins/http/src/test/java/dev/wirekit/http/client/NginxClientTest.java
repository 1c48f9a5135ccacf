package dev.wirekit.http.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wirekit.api.Transport;
import dev.wirekit.http.testing.Nginx;
import dev.wirekit.http.testing.TestSite;
import java.net.URI;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Wirekit's client against nginx, started by the test (Debian package nginx-light). */
class NginxClientTest {
    @BeforeAll
    static void nginx() {
        Nginx.assumeInstalled();
    }

    @ParameterizedTest
    @MethodSource("dev.wirekit.http.testing.Transports#names")
    void fetchesFilesListingsRangesAndRedirectsOverOneConnection(String transport) throws Exception {
        try (TestSite site = new TestSite();
                Nginx nginx = Nginx.start(site.root(), "autoindex on;");
                Transport t = Transport.load(transport);
                HttpClient client = HttpClient.builder().transport(t).build()) {
            try (ClientResponse r = client.get(nginx.url("/hello.txt"))) {
                assertEquals(200, r.status());
                assertTrue(r.header("Server").startsWith("nginx"), r.header("Server"));
                assertEquals(TestSite.HELLO, r.bodyText());
            }
            try (ClientResponse r = client.get(nginx.url("/data.bin"))) {
                assertArrayEquals(site.data(), r.bodyBytes());
            }
            try (ClientResponse r = client.send(ClientRequest.get(URI.create(nginx.url("/data.bin")))
                    .header("Range", "bytes=10-19")
                    .build())) {
                assertEquals(206, r.status());
                assertArrayEquals(Arrays.copyOfRange(site.data(), 10, 20), r.bodyBytes());
            }
            try (ClientResponse r = client.get(nginx.url("/docs"))) {
                assertEquals(200, r.status(), "followed nginx's 301 to /docs/");
                assertEquals(URI.create(nginx.url("/docs/")), r.uri());
                assertEquals("chunked", r.header("Transfer-Encoding"), "nginx lists directories chunked");
                String listing = r.bodyText();
                assertTrue(listing.contains("readme.md"), listing);
            }
            try (ClientResponse r = client.send(ClientRequest.builder("HEAD", URI.create(nginx.url("/data.bin")))
                    .build())) {
                assertEquals("100000", r.header("Content-Length"));
                assertEquals(0, r.bodyBytes().length);
            }
            try (ClientResponse r = client.get(nginx.url("/missing"))) {
                assertEquals(404, r.status());
                r.bodyBytes();
            }
            assertEquals(1, client.openConnections(), "every request went over one kept-alive connection");
        }
    }
}
