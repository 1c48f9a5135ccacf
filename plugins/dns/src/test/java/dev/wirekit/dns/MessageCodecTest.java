package dev.wirekit.dns;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class MessageCodecTest {
    private static final HexFormat HEX = HexFormat.of();

    @Test
    void decodesAQueryWithEdnsAndACookie() {
        byte[] wire = HEX.parseHex("1234" + "0120" + "0001" + "0000" + "0000" + "0001"
                + "076578616d706c6503636f6d00" + "0001" + "0001"
                + "00" + "0029" + "04d0" + "00008000" + "000c" + "000a" + "0008" + "0011223344556677");
        DnsMessage m = DnsMessage.decode(wire);
        assertEquals(0x1234, m.id());
        assertFalse(m.response());
        assertTrue(m.recursionDesired());
        assertTrue(m.authenticData());
        assertEquals(DnsQuestion.of("example.com", RecordType.A), m.question());
        Edns edns = m.edns().orElseThrow();
        assertEquals(1232, edns.udpPayloadSize());
        assertTrue(edns.dnssecOk());
        assertEquals(List.of(new EdnsOption(EdnsOption.COOKIE, HEX.parseHex("0011223344556677"))), edns.options());
        assertTrue(m.additionals().isEmpty(), "OPT is not an additional record");
        assertArrayEquals(wire, m.toByteArray(), "re-encoding gives the same bytes");
    }

    @Test
    void encodesWithNameCompression() throws Exception {
        DnsMessage query = DnsMessage.query(0x1234, DnsQuestion.of("example.com", RecordType.A))
                .build();
        DnsMessage response = DnsMessage.responseTo(query)
                .authoritative(true)
                .recursionAvailable(true)
                .answer(DnsRecord.of(
                        "www.example.com", 3600, new RData.A((Inet4Address) InetAddress.getByName("192.0.2.1"))))
                .build();
        byte[] expected = HEX.parseHex("1234" + "8580" + "0001" + "0001" + "0000" + "0000"
                + "076578616d706c6503636f6d00" + "0001" + "0001"
                + "03777777" + "c00c" + "0001" + "0001" + "00000e10" + "0004" + "c0000201");
        assertArrayEquals(expected, response.toByteArray());
        assertEquals(response, DnsMessage.decode(expected));
    }

    @Test
    void namesInsideRecordDataAreCompressedExceptSrvTargets() {
        DnsName origin = DnsName.of("example.com");
        DnsMessage m = DnsMessage.builder()
                .response(true)
                .question(DnsQuestion.of(origin, RecordType.ANY))
                .answer(DnsRecord.of(origin, 60, new RData.Mx(10, DnsName.of("mail.example.com"))))
                .answer(DnsRecord.of(origin, 60, new RData.Srv(1, 2, 3, DnsName.of("sip.example.com"))))
                .build();
        byte[] wire = m.toByteArray();
        String hex = HEX.formatHex(wire);
        assertTrue(hex.contains("000a" + "046d61696c" + "c00c"), "MX exchange compressed: " + hex);
        assertTrue(hex.contains("000100020003" + "03736970076578616d706c6503636f6d00"), "SRV target in full: " + hex);
        assertEquals(m, DnsMessage.decode(wire));
    }

    @Test
    void extendedResponseCodesTravelInTheOptRecord() {
        DnsMessage m = DnsMessage.builder()
                .id(7)
                .response(true)
                .rcode(ResponseCode.BADVERS)
                .edns(Edns.of(1232))
                .build();
        byte[] wire = m.toByteArray();
        assertEquals(0, wire[3] & 0xF, "the header holds the low 4 bits: 16 & 15 = 0");
        assertEquals(1, wire[12 + 5] & 0xFF, "the OPT TTL's top byte holds the high bits");
        assertEquals(ResponseCode.BADVERS, DnsMessage.decode(wire).rcode());
        assertThrows(
                IllegalArgumentException.class,
                () -> DnsMessage.builder().rcode(ResponseCode.BADVERS).build());
    }

    @Test
    void everyTypeRoundTrips() throws Exception {
        DnsName n = DnsName.of("x.example");
        List<RData> data = List.of(
                RData.A.of("192.0.2.1"),
                RData.Aaaa.of("2001:db8::1"),
                new RData.Cname(DnsName.of("y.example")),
                new RData.Ns(DnsName.of("ns.example")),
                new RData.Ptr(DnsName.of("p.example")),
                new RData.Mx(5, DnsName.of("mx.example")),
                RData.Txt.of("hello", "wörld", ""),
                new RData.Soa(DnsName.of("ns.example"), DnsName.of("h.example"), 4294967295L, 1, 2, 3, 4),
                new RData.Srv(0, 65535, 443, DnsName.ROOT),
                RData.Caa.of(128, "issue", "ca.example"),
                new RData.Unknown(RecordType.of(65280), new byte[] {1, 2, 3}),
                new RData.Unknown(RecordType.of(99), new byte[0]));
        DnsMessage.Builder b = DnsMessage.builder().id(1).response(true);
        for (RData d : data) {
            b.answer(DnsRecord.of(n, 300, d));
        }
        DnsMessage m = b.build();
        assertEquals(m, DnsMessage.decode(m.encode()));
    }

    @Test
    void ttlsWithTheTopBitSetAreReadAsZero() {
        byte[] wire = HEX.parseHex("0001" + "8000" + "0000" + "0001" + "0000" + "0000" + "00" + "0001" + "0001"
                + "80000000" + "0004" + "c0000201");
        assertEquals(0, DnsMessage.decode(wire).answers().get(0).ttl(), "RFC 2181 §8");
    }

    @Test
    void truncationKeepsWholeRecordSetsAndSetsTc() {
        DnsName big = DnsName.of("big.example");
        DnsMessage.Builder b = DnsMessage.builder().id(9).response(true).question(DnsQuestion.of(big, RecordType.TXT));
        for (int i = 0; i < 10; i++) {
            b.answer(DnsRecord.of(big, 60, RData.Txt.of(i + "x".repeat(99))));
        }
        b.answer(DnsRecord.of(DnsName.of("other.example"), 60, RData.A.of("192.0.2.9")));
        DnsMessage m = b.build();
        assertTrue(m.encodedSize() > 512);
        DnsMessage cut = m.truncate(512);
        assertTrue(cut.truncated(), "TC when an answer record set had to go");
        assertTrue(cut.encodedSize() <= 512);
        assertTrue(
                cut.answers().isEmpty(),
                "the TXT set does not fit whole, so none of it goes: "
                        + cut.answers().size());
        assertSame(m, m.truncate(65535), "a message that fits is returned as it is");
    }

    @Test
    void additionalRecordsAreDroppedWithoutTc() {
        DnsName n = DnsName.of("mx.example");
        DnsMessage.Builder b = DnsMessage.builder()
                .response(true)
                .question(DnsQuestion.of(n, RecordType.MX))
                .answer(DnsRecord.of(n, 60, new RData.Mx(1, DnsName.of("mail.example"))))
                .edns(Edns.of(1232));
        for (int i = 0; i < 40; i++) {
            b.additional(DnsRecord.of(DnsName.of("h" + i + ".example"), 60, RData.A.of("192.0.2." + i)));
        }
        DnsMessage cut = b.build().truncate(512);
        assertFalse(cut.truncated(), "extra addresses are optional (RFC 2181 §9)");
        assertEquals(1, cut.answers().size());
        assertTrue(cut.additionals().size() < 40);
        assertTrue(cut.edns().isPresent(), "EDNS is always kept");
        assertTrue(cut.encodedSize() <= 512);
    }

    @Test
    void framersCarryMessages() {
        DnsMessage m = DnsMessage.query(42, DnsQuestion.of("example.com", RecordType.AAAA))
                .build();
        assertEquals(m, DnsFramers.udp().decodeDatagram(DnsFramers.udp().encodeDatagram(m)));
        byte[] tcp = dev.wirekit.testkit.FramerHarness.encode(DnsFramers.tcp(), List.of(m));
        assertEquals(m.encodedSize() + 2, tcp.length);
        assertEquals((m.encodedSize() >> 8) & 0xFF, tcp[0] & 0xFF);
        assertEquals(m.encodedSize() & 0xFF, tcp[1] & 0xFF);
    }

    @Test
    void toStringReadsLikeDig() {
        DnsMessage m = DnsMessage.builder()
                .id(5)
                .response(true)
                .authoritative(true)
                .question(DnsQuestion.of("a.example", RecordType.A))
                .answer(DnsRecord.of("a.example", 60, RData.A.of("192.0.2.1")))
                .build();
        String text = m.toString();
        assertTrue(text.contains(";; ->>HEADER<<- opcode: QUERY, status: NOERROR, id: 5"), text);
        assertTrue(text.contains(";; flags: qr aa; QUERY: 1, ANSWER: 1, AUTHORITY: 0, ADDITIONAL: 0"), text);
        assertTrue(text.contains("a.example.\t60\tIN\tA\t192.0.2.1"), text);
    }
}
