package dev.wirekit.http.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wirekit.http.testing.RawClient;
import dev.wirekit.http.testing.ServerFixture;
import dev.wirekit.http.testing.TestSite;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Keep-alive, pipelining, Connection: close, HTTP/1.0, HEAD and 100-continue on the wire. */
class ConnectionBehaviourTest {

    @ParameterizedTest
    @MethodSource("dev.wirekit.http.testing.Transports#names")
    void pipelinedRequestsAreAnsweredInOrder(String transport) throws Exception {
        try (TestSite site = new TestSite();
                ServerFixture f = ServerFixture.start(transport, site);
                RawClient c = new RawClient(f.address())) {
            c.send("GET /hello/one HTTP/1.1\r\nHost: x\r\n\r\n"
                    + "HEAD /hello.txt HTTP/1.1\r\nHost: x\r\n\r\n"
                    + "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nabcde"
                    + "GET /hello/three HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
            String all = c.readAll();
            int one = all.indexOf("hello one\n");
            int head = all.indexOf("Content-Length: 13\r\n");
            int echo = all.indexOf("\r\n\r\nabcde");
            int three = all.indexOf("hello three\n");
            assertTrue(one > 0 && head > one && echo > head && three > echo, all);
            assertEquals(4, RawClient.count(all, "HTTP/1.1 200 OK"), all);
            assertTrue(!all.contains(TestSite.HELLO), "the HEAD response carried a body: " + all);
            assertTrue(all.endsWith("hello three\n"), all);
        }
    }

    @ParameterizedTest
    @MethodSource("dev.wirekit.http.testing.Transports#names")
    void connectionCloseEndsTheConnectionAfterTheResponse(String transport) throws Exception {
        try (TestSite site = new TestSite();
                ServerFixture f = ServerFixture.start(transport, site);
                RawClient c = new RawClient(f.address())) {
            String all = c.send("GET /hello.txt HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
                    .readAll();
            assertTrue(all.contains("\r\nConnection: close\r\n"), all);
            assertTrue(all.endsWith(TestSite.HELLO), all);
        }
    }

    @ParameterizedTest
    @MethodSource("dev.wirekit.http.testing.Transports#names")
    void http10ClosesUnlessAskedToKeepAlive(String transport) throws Exception {
        try (TestSite site = new TestSite();
                ServerFixture f = ServerFixture.start(transport, site)) {
            try (RawClient c = new RawClient(f.address())) {
                String all = c.send("GET /hello.txt HTTP/1.0\r\n\r\n").readAll();
                assertTrue(all.startsWith("HTTP/1.1 200 OK\r\n"), all);
                assertTrue(all.contains("\r\nConnection: close\r\n"), all);
                assertTrue(all.endsWith(TestSite.HELLO), all);
            }
            try (RawClient c = new RawClient(f.address())) {
                String first = c.send("GET /hello.txt HTTP/1.0\r\nConnection: keep-alive\r\n\r\n")
                        .readResponse();
                assertTrue(first.contains("\r\nConnection: keep-alive\r\n"), first);
                String second = c.send("GET /hello/again HTTP/1.0\r\n\r\n").readAll();
                assertTrue(second.endsWith("hello again\n"), second);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("dev.wirekit.http.testing.Transports#names")
    void expectContinueIsAnsweredWhenTheHandlerReadsAndSkippedWhenItRefuses(String transport) throws Exception {
        try (TestSite site = new TestSite();
                ServerFixture f = ServerFixture.start(transport, site)) {
            try (RawClient c = new RawClient(f.address())) {
                String interim = c.send(
                                "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nExpect: 100-continue\r\n\r\n")
                        .readUntil("\r\n\r\n", 1);
                assertEquals("HTTP/1.1 100 Continue\r\n\r\n", interim);
                String response = c.send("xyz").readResponse();
                assertTrue(response.startsWith("HTTP/1.1 200 OK") && response.endsWith("\r\n\r\nxyz"), response);
            }
            try (RawClient c = new RawClient(f.address())) {
                String refused = c.send(
                                "POST /hello.txt HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nExpect: 100-continue\r\n\r\n")
                        .readAll();
                assertTrue(refused.startsWith("HTTP/1.1 405 "), refused);
                assertTrue(!refused.contains("100 Continue"), refused);
                assertTrue(refused.contains("Connection: close"), refused);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("dev.wirekit.http.testing.Transports#names")
    void anUnreadBodyIsSkippedAndTheConnectionCarriesOn(String transport) throws Exception {
        try (TestSite site = new TestSite();
                ServerFixture f = ServerFixture.start(transport, site);
                RawClient c = new RawClient(f.address())) {
            String first = c.send("POST /items HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\n0123456789")
                    .readResponse();
            assertTrue(first.startsWith("HTTP/1.1 201 Created"), first);
            String second =
                    c.send("GET /hello/next HTTP/1.1\r\nHost: x\r\n\r\n").readResponse();
            assertTrue(second.endsWith("hello next\n"), second);
            assertEquals(1L, f.server.stats().accepted());
        }
    }
}
