package dev.wirekit.http.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wirekit.http.HttpDate;
import dev.wirekit.http.testing.Curl;
import dev.wirekit.http.testing.ServerFixture;
import dev.wirekit.http.testing.TestSite;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** curl against the server, on both transports: what the issue's "must show" list names. */
class ServerCurlTest {
    @BeforeAll
    static void curl() {
        Curl.assumeInstalled();
    }

    private static String header(String curlVerbose, String name) {
        Matcher m = Pattern.compile("(?im)^< " + Pattern.quote(name) + ": (.*?)\\r?$")
                .matcher(curlVerbose);
        return m.find() ? m.group(1) : null;
    }

    private static String statusLine(String curlVerbose) {
        Matcher m = Pattern.compile("(?m)^< (HTTP/1\\.1 \\d{3}.*?)\\r?$").matcher(curlVerbose);
        String last = null;
        while (m.find()) {
            last = m.group(1);
        }
        return last;
    }

    @ParameterizedTest
    @MethodSource("dev.wirekit.http.testing.Transports#names")
    void getServesAFileWithTypeLengthAndValidators(String transport) throws Exception {
        try (TestSite site = new TestSite();
                ServerFixture f = ServerFixture.start(transport, site)) {
            Curl.Result r = Curl.run("-v", f.url("/hello.txt"));
            assertEquals(0, r.exit(), r.err());
            assertEquals(TestSite.HELLO, r.out());
            assertEquals("HTTP/1.1 200 OK", statusLine(r.err()));
            assertEquals("text/plain; charset=utf-8", header(r.err(), "Content-Type"));
            assertEquals("13", header(r.err(), "Content-Length"));
            assertTrue(header(r.err(), "ETag").matches("\"[0-9a-f]+-d\""), header(r.err(), "ETag"));
            Instant modified = Files.getLastModifiedTime(site.root().resolve("hello.txt"))
                    .toInstant()
                    .truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
            assertEquals(HttpDate.format(modified), header(r.err(), "Last-Modified"));

            Curl.Result bin = Curl.run(f.url("/data.bin"));
            assertArrayEquals(site.data(), bin.out().getBytes(StandardCharsets.ISO_8859_1));
        }
    }

    @ParameterizedTest
    @MethodSource("dev.wirekit.http.testing.Transports#names")
    void headHasTheHeadersOfGetWithoutTheBody(String transport) throws Exception {
        try (TestSite site = new TestSite();
                ServerFixture f = ServerFixture.start(transport, site)) {
            Curl.Result r = Curl.run("-v", "-I", f.url("/data.bin"));
            assertEquals(0, r.exit(), r.err());
            assertEquals("100000", header(r.err(), "Content-Length"));
            assertEquals("application/octet-stream", header(r.err(), "Content-Type"));
            assertFalse(r.err().contains("bytes data"), "HEAD must not carry a body: " + r.err());
        }
    }

    @ParameterizedTest
    @MethodSource("dev.wirekit.http.testing.Transports#names")
    void indexFileRedirectAndListing(String transport) throws Exception {
        try (TestSite site = new TestSite();
                ServerFixture f = ServerFixture.start(transport, site)) {
            assertEquals(TestSite.INDEX, Curl.run(f.url("/")).out());
            Curl.Result redirect = Curl.run("-v", f.url("/docs?x=1"));
            assertEquals("HTTP/1.1 301 Moved Permanently", statusLine(redirect.err()));
            assertEquals("/docs/?x=1", header(redirect.err(), "Location"));
            Curl.Result noListing = Curl.run("-v", f.url("/docs/"));
            assertEquals("HTTP/1.1 403 Forbidden", statusLine(noListing.err()));
        }
        try (TestSite site = new TestSite();
                ServerFixture f = ServerFixture.start(transport, site, HttpLimits.defaults(), b -> b.listing(true))) {
            Curl.Result listing = Curl.run("-v", f.url("/docs/"));
            assertEquals("HTTP/1.1 200 OK", statusLine(listing.err()));
            assertEquals("text/html; charset=utf-8", header(listing.err(), "Content-Type"));
            assertTrue(listing.out().contains("href=\"a%20b.txt\""), listing.out());
            assertTrue(listing.out().contains("readme.md"), listing.out());
            assertEquals("spaced\n", Curl.run(f.url("/docs/a%20b.txt")).out());
        }
    }

    @ParameterizedTest
    @MethodSource("dev.wirekit.http.testing.Transports#names")
    void postsAFormAndAChunkedBodyAndReadsQueryParameters(String transport) throws Exception {
        try (TestSite site = new TestSite();
                ServerFixture f = ServerFixture.start(transport, site)) {
            Curl.Result form = Curl.run("-d", "name=J%C3%BCrgen+X&tag=a&tag=b&empty=", f.url("/form"));
            assertEquals(
                    "empty=[]\nname=[Jürgen X]\ntag=[a, b]\n",
                    new String(form.out().getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8));

            Path upload = Files.createTempFile("upload", ".bin");
            try {
                Files.write(upload, site.data());
                Curl.Result chunked = Curl.run(
                        "-v",
                        "-H",
                        "Transfer-Encoding: chunked",
                        "-H",
                        "Content-Type: application/octet-stream",
                        "--data-binary",
                        "@" + upload,
                        f.url("/echo"));
                assertEquals(0, chunked.exit(), chunked.err());
                assertTrue(chunked.err().contains("> Transfer-Encoding: chunked"), chunked.err());
                assertEquals("chunked", header(chunked.err(), "X-Framing"));
                assertEquals("100000", header(chunked.err(), "X-Body-Length"));
                assertArrayEquals(site.data(), chunked.out().getBytes(StandardCharsets.ISO_8859_1));
            } finally {
                Files.delete(upload);
            }

            Curl.Result query = Curl.run(f.url("/query?a=1&a=2&b=x%20y&c=%26"));
            assertEquals("a=[1, 2]\nb=[x y]\nc=[&]\n", query.out());
            assertEquals(
                    "hello wörld\n",
                    new String(
                            Curl.run(f.url("/hello/w%C3%B6rld")).out().getBytes(StandardCharsets.ISO_8859_1),
                            StandardCharsets.UTF_8));
        }
    }

    @ParameterizedTest
    @MethodSource("dev.wirekit.http.testing.Transports#names")
    void uploadsAMultipartForm(String transport) throws Exception {
        try (TestSite site = new TestSite();
                ServerFixture f = ServerFixture.start(transport, site)) {
            Path upload = Files.createTempFile("upload", ".bin");
            try {
                Files.write(upload, site.data());
                Curl.Result r = Curl.run(
                        "-F",
                        "title=Zoë's file",
                        "-F",
                        "file=@" + upload + ";type=application/x-test",
                        f.url("/upload"));
                assertEquals(0, r.exit(), r.err());
                String[] lines =
                        new String(r.out().getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8).split("\n");
                assertEquals("title null text/plain 11 Zoë's file", lines[0]);
                assertEquals("file " + upload.getFileName() + " application/x-test 100000 ", lines[1]);
            } finally {
                Files.delete(upload);
            }
            Curl.Result wrongType = Curl.run("-v", "-d", "a=1", f.url("/upload"));
            assertEquals("HTTP/1.1 415 Unsupported Media Type", statusLine(wrongType.err()));
        }
    }

    @ParameterizedTest
    @MethodSource("dev.wirekit.http.testing.Transports#names")
    void rangesGive206MultipartAnd416(String transport) throws Exception {
        try (TestSite site = new TestSite();
                ServerFixture f = ServerFixture.start(transport, site)) {
            Curl.Result one = Curl.run("-v", "-r", "0-4", f.url("/hello.txt"));
            assertEquals("HTTP/1.1 206 Partial Content", statusLine(one.err()));
            assertEquals("bytes 0-4/13", header(one.err(), "Content-Range"));
            assertEquals("hello", one.out());

            Curl.Result suffix = Curl.run("-r", "-6", f.url("/hello.txt"));
            assertEquals("world\n", suffix.out());

            Curl.Result big = Curl.run("-r", "50000-", f.url("/data.bin"));
            assertArrayEquals(
                    Arrays.copyOfRange(site.data(), 50000, 100000), big.out().getBytes(StandardCharsets.ISO_8859_1));

            Curl.Result multi = Curl.run("-v", "-r", "0-1,7-11", f.url("/hello.txt"));
            assertEquals("HTTP/1.1 206 Partial Content", statusLine(multi.err()));
            String type = header(multi.err(), "Content-Type");
            assertTrue(type.startsWith("multipart/byteranges; boundary="), type);
            String boundary = type.substring(type.indexOf('=') + 1);
            assertEquals(
                    "\r\n--" + boundary + "\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Range: bytes 0-1/13"
                            + "\r\n\r\nhe\r\n--" + boundary
                            + "\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Range: bytes 7-11/13\r\n\r\nworld"
                            + "\r\n--" + boundary + "--\r\n",
                    multi.out());

            Curl.Result none = Curl.run("-v", "-r", "100-200", f.url("/hello.txt"));
            assertEquals("HTTP/1.1 416 Range Not Satisfiable", statusLine(none.err()));
            assertEquals("bytes */13", header(none.err(), "Content-Range"));
        }
    }

    @ParameterizedTest
    @MethodSource("dev.wirekit.http.testing.Transports#names")
    void conditionalRequestsGive304And412(String transport) throws Exception {
        try (TestSite site = new TestSite();
                ServerFixture f = ServerFixture.start(transport, site)) {
            Curl.Result first = Curl.run("-v", f.url("/hello.txt"));
            String etag = header(first.err(), "ETag");
            String lastModified = header(first.err(), "Last-Modified");

            Curl.Result byTag = Curl.run("-v", "-H", "If-None-Match: " + etag, f.url("/hello.txt"));
            assertEquals("HTTP/1.1 304 Not Modified", statusLine(byTag.err()));
            assertEquals("", byTag.out());
            assertEquals(etag, header(byTag.err(), "ETag"));

            Curl.Result byDate = Curl.run("-v", "-H", "If-Modified-Since: " + lastModified, f.url("/hello.txt"));
            assertEquals("HTTP/1.1 304 Not Modified", statusLine(byDate.err()));

            Curl.Result changed = Curl.run("-v", "-H", "If-None-Match: \"other\"", f.url("/hello.txt"));
            assertEquals("HTTP/1.1 200 OK", statusLine(changed.err()));
            assertEquals(TestSite.HELLO, changed.out());

            Curl.Result failed = Curl.run("-v", "-H", "If-Match: \"other\"", f.url("/hello.txt"));
            assertEquals("HTTP/1.1 412 Precondition Failed", statusLine(failed.err()));

            Curl.Result staleRange = Curl.run("-v", "-r", "0-4", "-H", "If-Range: \"other\"", f.url("/hello.txt"));
            assertEquals("HTTP/1.1 200 OK", statusLine(staleRange.err()));
            assertEquals(TestSite.HELLO, staleRange.out());
        }
    }

    @ParameterizedTest
    @MethodSource("dev.wirekit.http.testing.Transports#names")
    void statusCodesOfTheEmbeddingApi(String transport) throws Exception {
        try (TestSite site = new TestSite();
                ServerFixture f = ServerFixture.start(transport, site)) {
            Curl.Result created = Curl.run("-v", "-X", "POST", f.url("/items"));
            assertEquals("HTTP/1.1 201 Created", statusLine(created.err()));
            assertEquals("/items/42", header(created.err(), "Location"));

            Curl.Result deleted = Curl.run("-v", "-X", "DELETE", f.url("/items/42"));
            assertEquals("HTTP/1.1 204 No Content", statusLine(deleted.err()));
            assertEquals(null, header(deleted.err(), "Content-Length"));

            Curl.Result moved = Curl.run("-v", f.url("/moved"));
            assertEquals("HTTP/1.1 308 Permanent Redirect", statusLine(moved.err()));
            assertEquals("hello moved\n", Curl.run("-L", f.url("/moved")).out());

            Curl.Result notFound = Curl.run("-v", f.url("/nothing.txt"));
            assertEquals("HTTP/1.1 404 Not Found", statusLine(notFound.err()));

            Curl.Result wrongMethod = Curl.run("-v", "-X", "PUT", f.url("/hello.txt"));
            assertEquals("HTTP/1.1 405 Method Not Allowed", statusLine(wrongMethod.err()));
            assertEquals("GET, HEAD, OPTIONS", header(wrongMethod.err(), "Allow"));

            Curl.Result routeWrongMethod = Curl.run("-v", "-X", "PUT", f.url("/items"));
            assertEquals("HTTP/1.1 405 Method Not Allowed", statusLine(routeWrongMethod.err()));
            assertEquals("OPTIONS, POST", header(routeWrongMethod.err(), "Allow"));

            Curl.Result unknown = Curl.run("-v", "-X", "BREW", f.url("/hello.txt"));
            assertEquals("HTTP/1.1 501 Not Implemented", statusLine(unknown.err()));

            Curl.Result options = Curl.run("-v", "-X", "OPTIONS", f.url("/hello.txt"));
            assertEquals("HTTP/1.1 204 No Content", statusLine(options.err()));

            Curl.Result bug = Curl.run("-v", f.url("/fail"));
            assertEquals("HTTP/1.1 500 Internal Server Error", statusLine(bug.err()));
            Curl.Result refused = Curl.run("-v", f.url("/refuse"));
            assertEquals("HTTP/1.1 403 Forbidden", statusLine(refused.err()));
            assertTrue(refused.out().contains("refused by the handler"), refused.out());
        }
    }

    @ParameterizedTest
    @MethodSource("dev.wirekit.http.testing.Transports#names")
    void keepAliveReusesOneConnectionForSeveralRequests(String transport) throws Exception {
        try (TestSite site = new TestSite();
                ServerFixture f = ServerFixture.start(transport, site)) {
            Curl.Result r = Curl.run(
                    "-v",
                    "--write-out",
                    "[%{num_connects}]",
                    f.url("/hello.txt"),
                    f.url("/stream"),
                    f.url("/nothing"),
                    f.url("/hello.txt"));
            assertEquals(0, r.exit(), r.err());
            assertTrue(r.out().startsWith(TestSite.HELLO + "[1]"), r.out());
            assertTrue(r.out().endsWith(TestSite.HELLO + "[0]"), r.out());
            assertEquals(3, countOf(r.out(), "[0]"), "three requests re-used the first connection: " + r.out());
            assertTrue(r.err().contains("Re-using existing connection"), r.err());
            assertEquals(1L, f.server.stats().accepted());
        }
    }

    @ParameterizedTest
    @MethodSource("dev.wirekit.http.testing.Transports#names")
    void streamsChunkedToHttp11AndCloseDelimitedToHttp10(String transport) throws Exception {
        try (TestSite site = new TestSite();
                ServerFixture f = ServerFixture.start(transport, site)) {
            Curl.Result chunked = Curl.run("-v", f.url("/stream"));
            assertEquals("chunked", header(chunked.err(), "Transfer-Encoding"));
            assertEquals("line 1\nline 2\nline 3\nline 4\nline 5\n", chunked.out());

            Curl.Result old = Curl.run("-v", "-0", f.url("/stream"));
            assertEquals(null, header(old.err(), "Transfer-Encoding"));
            assertEquals("close", header(old.err(), "Connection"));
            assertEquals("line 1\nline 2\nline 3\nline 4\nline 5\n", old.out());

            Curl.Result oldFile = Curl.run("-v", "-0", f.url("/hello.txt"));
            assertEquals(TestSite.HELLO, oldFile.out());
            assertEquals("close", header(oldFile.err(), "Connection"));
        }
    }

    @ParameterizedTest
    @MethodSource("dev.wirekit.http.testing.Transports#names")
    void writesOneCommonLogFormatLinePerRequest(String transport) throws Exception {
        try (TestSite site = new TestSite();
                ServerFixture f = ServerFixture.start(transport, site)) {
            Curl.run(f.url("/hello.txt"), f.url("/nothing"));
            List<String> lines = List.copyOf(f.accessLog);
            assertEquals(2, lines.size(), lines.toString());
            Pattern clf = Pattern.compile(
                    "127\\.0\\.0\\.1 - - \\[\\d{2}/\\w{3}/\\d{4}:\\d{2}:\\d{2}:\\d{2} [+-]\\d{4}] \"(.*)\" (\\d{3}) (\\d+|-)");
            Matcher first = clf.matcher(lines.get(0));
            assertTrue(first.matches(), lines.get(0));
            assertEquals("GET /hello.txt HTTP/1.1", first.group(1));
            assertEquals("200", first.group(2));
            assertEquals("13", first.group(3));
            Matcher second = clf.matcher(lines.get(1));
            assertTrue(second.matches(), lines.get(1));
            assertEquals("404", second.group(2));
        }
    }

    private static int countOf(String text, String part) {
        int n = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
            n++;
        }
        return n;
    }
}
