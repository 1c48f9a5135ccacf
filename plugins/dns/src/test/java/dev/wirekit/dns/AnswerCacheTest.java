package dev.wirekit.dns;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wirekit.api.Server;
import dev.wirekit.api.Transport;
import dev.wirekit.dns.support.TestZones;
import dev.wirekit.dns.support.UdpClient;
import java.net.InetSocketAddress;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Responses from the zones are reused, byte for byte but for the ID, and only where they are the same answer. */
class AnswerCacheTest {

    @Test
    void aRepeatedQuestionGetsTheSameBytesWithItsOwnId() throws Exception {
        DnsServer dns = DnsServer.builder().zones(TestZones.all()).build();
        try (Transport transport = Transport.load("nio");
                Server server = dns.start(transport, new InetSocketAddress("127.0.0.1", 0));
                UdpClient client = new UdpClient("127.0.0.1", server.localAddress())) {
            DnsMessage q1 = UdpClient.query("www.example.test", RecordType.A);
            DnsMessage q2 = UdpClient.query("www.example.test", RecordType.A);
            byte[] r1 = client.ask(q1).toByteArray();
            byte[] r2 = client.ask(q2).toByteArray();
            assertEquals(1, dns.stats().answerCacheHits());
            assertEquals(q2.id(), DnsMessage.decode(r2).id());
            assertArrayEquals(Arrays.copyOfRange(r1, 2, r1.length), Arrays.copyOfRange(r2, 2, r2.length));

            DnsMessage upper = UdpClient.query("WWW.EXAMPLE.TEST", RecordType.A);
            DnsMessage r3 = client.ask(upper);
            assertEquals("WWW.EXAMPLE.TEST.", r3.question().name().toString(), "the question keeps its case");
            assertEquals(1, dns.stats().answerCacheHits(), "another spelling is another entry");

            DnsMessage noRd = q1.toBuilder().id(77).recursionDesired(false).build();
            assertTrue(!client.ask(noRd).recursionDesired(), "RD is copied from each query, not from the cache");
            DnsMessage withEdns = q1.toBuilder().id(78).edns(Edns.of(4096)).build();
            assertTrue(client.ask(withEdns).edns().isPresent(), "EDNS state is part of the key");
            assertEquals(1, dns.stats().answerCacheHits());
        }
    }
}
