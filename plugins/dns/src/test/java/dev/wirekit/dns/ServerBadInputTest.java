package dev.wirekit.dns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wirekit.api.Server;
import dev.wirekit.api.Transport;
import dev.wirekit.dns.support.Await;
import dev.wirekit.dns.support.MalformedCorpus;
import dev.wirekit.dns.support.ManualClock;
import dev.wirekit.dns.support.TestZones;
import dev.wirekit.dns.support.UdpClient;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Malformed queries, a flood from one address, an upstream that never answers: others are still served. */
class ServerBadInputTest {
    private final Transport transport = Transport.load("nio");

    @AfterEach
    void close() {
        transport.close();
    }

    private Server start(DnsServer dns) throws Exception {
        return dns.start(transport, new InetSocketAddress("127.0.0.1", 0));
    }

    @Test
    void malformedUdpQueriesGetFormerrOrSilenceAndTheNextQueryIsAnswered() throws Exception {
        DnsServer dns = DnsServer.builder().zones(TestZones.all()).build();
        try (Server server = start(dns);
                UdpClient client = new UdpClient("127.0.0.1", server.localAddress())) {
            List<MalformedCorpus.Case> corpus = MalformedCorpus.cases();
            for (MalformedCorpus.Case c : corpus) {
                client.send(c.bytes());
                DnsMessage good = UdpClient.query("www.example.test", RecordType.A);
                client.send(good);
                DnsMessage first = client.receive();
                boolean answerable = c.headerReadable() && (c.bytes()[2] & 0x80) == 0;
                if (answerable) {
                    assertEquals(0xBEEF, first.id(), c.name());
                    assertEquals(ResponseCode.FORMERR, first.rcode(), c.name());
                    assertTrue(first.response(), c.name());
                    first = client.receive();
                }
                assertEquals(good.id(), first.id(), c.name() + ": the valid query is answered next");
                assertEquals(ResponseCode.NOERROR, first.rcode(), c.name());
            }
            assertEquals(corpus.size(), dns.stats().formatErrors());
        }
    }

    @Test
    void overTcpAMalformedMessageGetsFormerrAndTheConnectionGoesOn() throws Exception {
        try (Server server = start(DnsServer.builder().zones(TestZones.all()).build());
                Socket s = new Socket()) {
            s.connect(server.localAddress(), 10_000);
            s.setSoTimeout(10_000);
            DataOutputStream out = new DataOutputStream(s.getOutputStream());
            DataInputStream in = new DataInputStream(s.getInputStream());
            byte[] bad = MalformedCorpus.cases().stream()
                    .filter(c -> c.name().equals("pointer to itself"))
                    .findFirst()
                    .orElseThrow()
                    .bytes();
            out.writeShort(bad.length);
            out.write(bad);
            DnsMessage good = UdpClient.query("www.example.test", RecordType.A);
            byte[] g = good.toByteArray();
            out.writeShort(g.length);
            out.write(g);
            out.flush();
            DnsMessage formerr = DnsMessage.decode(in.readNBytes(in.readUnsignedShort()));
            assertEquals(ResponseCode.FORMERR, formerr.rcode());
            assertEquals(0xBEEF, formerr.id());
            DnsMessage answer = DnsMessage.decode(in.readNBytes(in.readUnsignedShort()));
            assertEquals(good.id(), answer.id());
            assertEquals(ResponseCode.NOERROR, answer.rcode());

            out.writeShort(3); // a frame too short to hold a header: the stream is not DNS
            out.write(new byte[] {1, 2, 3});
            out.flush();
            try {
                assertEquals(-1, in.read(), "the server closes a connection that sends no DNS at all");
            } catch (java.net.SocketException reset) {
                // closed by a reset: also a close
            }
        }
    }

    @Test
    void aFloodFromOneAddressIsRateLimitedWhileOthersAreServed() throws Exception {
        ManualClock clock = new ManualClock();
        DnsServer dns = DnsServer.builder()
                .zones(TestZones.all())
                .rateLimit(20)
                .rateLimitSlip(2)
                .clock(clock)
                .build();
        try (Server server = start(dns);
                UdpClient flooder = new UdpClient("127.0.0.1", server.localAddress());
                UdpClient other = new UdpClient("127.0.0.2", server.localAddress())) {
            for (int i = 0; i < 100; i++) {
                flooder.send(UdpClient.query("www.example.test", RecordType.A));
            }
            Await.until("the server has seen the flood", () -> dns.stats().queries() >= 100);
            DnsMessage otherAnswer = other.ask(UdpClient.query("www.example.test", RecordType.A));
            assertEquals(1, otherAnswer.answers().size(), "another client is served in full during the flood");

            clock.advance(Duration.ofSeconds(1)); // the flooder's bucket refills
            DnsMessage sentinel = UdpClient.query("mail.example.test", RecordType.A);
            flooder.send(sentinel);
            int full = 0;
            int slipped = 0;
            while (true) {
                DnsMessage m = flooder.receive();
                if (m.id() == sentinel.id()) {
                    assertEquals(1, m.answers().size(), "answered again once the rate allows");
                    break;
                }
                if (m.truncated()) {
                    assertTrue(m.answers().isEmpty(), "a slipped response is empty");
                    slipped++;
                } else {
                    full++;
                }
            }
            assertEquals(20, full, "the burst allowed");
            assertEquals(40, slipped, "every second limited response is sent truncated (slip 2)");
            assertEquals(80, dns.stats().rateLimited());
        }
    }

    /** A UDP socket that reads queries and never answers, counting them. */
    private static final class BlackHole implements AutoCloseable {
        final DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
        final AtomicInteger received = new AtomicInteger();
        final Set<String> names = java.util.concurrent.ConcurrentHashMap.newKeySet();
        final Thread reader = Thread.ofPlatform().daemon().start(() -> {
            byte[] buf = new byte[65535];
            while (!socket.isClosed()) {
                try {
                    DatagramPacket p = new DatagramPacket(buf, buf.length);
                    socket.receive(p);
                    names.add(DnsMessage.decode(java.util.Arrays.copyOf(buf, p.getLength()))
                            .question()
                            .name()
                            .toString());
                    received.incrementAndGet();
                } catch (Exception closed) {
                    return;
                }
            }
        });

        BlackHole() throws Exception {}

        InetSocketAddress address() {
            return (InetSocketAddress) socket.getLocalSocketAddress();
        }

        @Override
        public void close() throws InterruptedException {
            socket.close();
            reader.join(10_000);
        }
    }

    @Test
    void anUpstreamThatNeverAnswersHoldsAtMostItsSlotsAndOthersAreServed() throws Exception {
        try (BlackHole upstream = new BlackHole()) {
            DnsServer dns = DnsServer.builder()
                    .zones(TestZones.all())
                    .forwarders(List.of(upstream.address()))
                    .forwardTimeout(Duration.ofSeconds(30))
                    .forwardAttempts(1)
                    .maxConcurrentForwards(4)
                    .build();
            Server server = start(dns);
            try (UdpClient client = new UdpClient("127.0.0.1", server.localAddress())) {
                for (int i = 0; i < 4; i++) {
                    client.send(UdpClient.query("pending" + i + ".example.com", RecordType.A));
                }
                Await.until("four queries are waiting upstream", () -> upstream.received.get() == 4);
                Set<Integer> refused = new HashSet<>();
                for (int i = 0; i < 6; i++) {
                    DnsMessage q = UdpClient.query("more" + i + ".example.com", RecordType.A);
                    DnsMessage r = client.ask(q);
                    assertEquals(q.id(), r.id());
                    assertEquals(ResponseCode.SERVFAIL, r.rcode(), "no free upstream slot: SERVFAIL at once");
                    refused.add(r.id());
                }
                DnsMessage local = client.ask(UdpClient.query("www.example.test", RecordType.A));
                assertEquals(ResponseCode.NOERROR, local.rcode(), "authoritative data is served meanwhile");
                assertEquals(6, refused.size());
                assertEquals(6, dns.stats().forwardsRefused());
                assertEquals(4, upstream.received.get(), "no more than four upstream queries at once");
            } finally {
                server.close(Duration.ZERO);
            }
        }
    }

    @Test
    void anUpstreamFailureIsRememberedBriefly() throws Exception {
        ManualClock clock = new ManualClock();
        try (BlackHole upstream = new BlackHole()) {
            DnsServer dns = DnsServer.builder()
                    .forwarders(List.of(upstream.address()))
                    .forwardTimeout(Duration.ofMillis(200))
                    .forwardAttempts(1)
                    .failureCacheTime(Duration.ofSeconds(5))
                    .clock(clock)
                    .build();
            try (Server server = start(dns);
                    UdpClient client = new UdpClient("127.0.0.1", server.localAddress())) {
                assertEquals(
                        ResponseCode.SERVFAIL,
                        client.ask(UdpClient.query("dead.example.com", RecordType.A))
                                .rcode());
                assertEquals(
                        ResponseCode.SERVFAIL,
                        client.ask(UdpClient.query("dead.example.com", RecordType.A))
                                .rcode());
                assertEquals(1, upstream.received.get(), "the second question was answered from the failure cache");
                clock.advance(Duration.ofSeconds(5));
                assertEquals(
                        ResponseCode.SERVFAIL,
                        client.ask(UdpClient.query("dead.example.com", RecordType.A))
                                .rcode());
                assertEquals(2, upstream.received.get(), "asked again after the failure expired");
            }
        }
    }

    @Test
    void responsesSentToTheServerAreNeverAnswered() throws Exception {
        DnsServer dns = DnsServer.builder().zones(TestZones.all()).build();
        try (Server server = start(dns);
                UdpClient client = new UdpClient("127.0.0.1", server.localAddress())) {
            DnsMessage fakeResponse = UdpClient.query("www.example.test", RecordType.A).toBuilder()
                    .response(true)
                    .build();
            client.send(fakeResponse);
            DnsMessage good = UdpClient.query("mail.example.test", RecordType.A);
            DnsMessage first = client.ask(good);
            assertEquals(good.id(), first.id(), "nothing came back for the response");
            assertFalse(first.truncated());
            assertEquals(1, dns.stats().dropped());
        }
    }

    @Test
    void eofOnAnIdleTcpConnectionIsNoError() throws Exception {
        try (Server server = start(DnsServer.builder().zones(TestZones.all()).build());
                Socket s = new Socket()) {
            s.connect(server.localAddress(), 10_000);
            s.shutdownOutput();
            s.setSoTimeout(10_000);
            try {
                assertEquals(-1, s.getInputStream().read());
            } catch (EOFException | java.net.SocketException closed) {
                // closed
            }
        }
    }
}
