package dev.wirekit.dns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wirekit.api.Server;
import dev.wirekit.api.Transport;
import dev.wirekit.dns.support.ManualClock;
import dev.wirekit.dns.support.TestZones;
import dev.wirekit.dns.support.UdpClient;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A forwarding server in front of an upstream (another server serving example.test): answers
 * come through a TTL-respecting cache, and only allowed clients may recurse.
 */
class ForwardingTest {
    private final ManualClock clock = new ManualClock();
    private Transport transport;
    private DnsServer upstream;
    private Server upstreamServer;
    private DnsServer forwarder;
    private Server server;

    @BeforeEach
    void start() throws Exception {
        transport = Transport.load("nio");
        upstream = DnsServer.builder().zones(TestZones.all()).build();
        upstreamServer = upstream.start(transport, new InetSocketAddress("127.0.0.1", 0));
        forwarder = DnsServer.builder()
                .zone(Zone.parse("$TTL 60\n@ SOA ns h 1 2 3 4 5\nhost A 198.51.100.1\n", DnsName.of("local.test")))
                .forwarders(List.of(upstreamServer.localAddress()))
                .allowRecursion(List.of("127.0.0.1/32"))
                .clock(clock)
                .build();
        server = forwarder.start(transport, new InetSocketAddress("127.0.0.1", 0));
    }

    @AfterEach
    void stop() {
        server.close();
        upstreamServer.close();
        transport.close();
    }

    @Test
    void answersAreForwardedAndCachedWithinTheirTtl() throws Exception {
        try (UdpClient client = new UdpClient("127.0.0.1", server.localAddress())) {
            DnsMessage first = client.ask(UdpClient.query("www.example.test", RecordType.A));
            assertEquals(ResponseCode.NOERROR, first.rcode());
            assertTrue(first.recursionAvailable(), "RA: recursion is offered to this client");
            assertFalse(first.authoritative(), "a forwarded answer is not ours");
            assertEquals(300, first.answers().get(0).ttl());
            assertEquals(1, upstream.stats().queries());

            clock.advance(Duration.ofSeconds(100));
            DnsMessage cached = client.ask(UdpClient.query("WWW.example.test", RecordType.A));
            assertEquals(200, cached.answers().get(0).ttl(), "the TTL counts down in the cache");
            assertEquals(1, upstream.stats().queries(), "served from the cache");
            assertEquals(1, forwarder.stats().cacheHits());

            clock.advance(Duration.ofSeconds(200));
            client.ask(UdpClient.query("www.example.test", RecordType.A));
            assertEquals(2, upstream.stats().queries(), "expired: asked upstream again");
        }
    }

    @Test
    void negativeAnswersAreCachedForTheSoaNegativeTtl() throws Exception {
        try (UdpClient client = new UdpClient("127.0.0.1", server.localAddress())) {
            DnsMessage nx = client.ask(UdpClient.query("nothing.example.test", RecordType.A));
            assertEquals(ResponseCode.NXDOMAIN, nx.rcode());
            assertEquals(RecordType.SOA, nx.authorities().get(0).type());
            clock.advance(Duration.ofSeconds(299));
            assertEquals(
                    ResponseCode.NXDOMAIN,
                    client.ask(UdpClient.query("nothing.example.test", RecordType.A))
                            .rcode());
            DnsMessage nodata = client.ask(UdpClient.query("www.example.test", RecordType.MX));
            client.ask(UdpClient.query("www.example.test", RecordType.MX));
            assertTrue(nodata.answers().isEmpty());
            assertEquals(2, upstream.stats().queries(), "one NXDOMAIN and one NODATA went upstream, once each");
            clock.advance(Duration.ofSeconds(1));
            client.ask(UdpClient.query("nothing.example.test", RecordType.A));
            assertEquals(3, upstream.stats().queries(), "the negative TTL (300 s) ran out");
        }
    }

    @Test
    void clientsOutsideTheAllowedNetworksAreRefusedButGetTheServersOwnZones() throws Exception {
        try (UdpClient stranger = new UdpClient("127.0.0.2", server.localAddress())) {
            DnsMessage refused = stranger.ask(UdpClient.query("www.example.test", RecordType.A));
            assertEquals(ResponseCode.REFUSED, refused.rcode(), "not an open resolver");
            assertFalse(refused.recursionAvailable());
            assertTrue(refused.answers().isEmpty());
            DnsMessage own = stranger.ask(UdpClient.query("host.local.test", RecordType.A));
            assertEquals(ResponseCode.NOERROR, own.rcode());
            assertTrue(own.authoritative());
            assertEquals(0, upstream.stats().queries(), "nothing was forwarded for the stranger");
        }
    }

    @Test
    void queriesWithoutRecursionDesiredAreNotForwarded() throws Exception {
        try (UdpClient client = new UdpClient("127.0.0.1", server.localAddress())) {
            DnsMessage q = UdpClient.query("www.example.test", RecordType.A).toBuilder()
                    .recursionDesired(false)
                    .build();
            assertEquals(ResponseCode.REFUSED, client.ask(q).rcode());
            assertEquals(0, upstream.stats().queries());
        }
    }

    @Test
    void largeAnswersComeThroughTcpEndToEnd() throws Exception {
        try (DnsResolver resolver = DnsResolver.builder()
                .transport(transport)
                .server(server.localAddress())
                .timeout(Duration.ofSeconds(10))
                .attempts(1)
                .build()) {
            DnsResponse r = resolver.query("big.example.test", RecordType.TXT);
            assertTrue(r.tcp(), "truncated over UDP by the forwarder, complete over TCP");
            assertEquals(TestZones.BIG_RECORDS, r.message().answers().size());
        }
    }
}
