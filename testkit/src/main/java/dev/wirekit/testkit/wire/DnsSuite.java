package dev.wirekit.testkit.wire;

import static dev.wirekit.testkit.wire.DnsQuery.CLASS_IN;
import static dev.wirekit.testkit.wire.DnsQuery.TYPE_A;
import static dev.wirekit.testkit.wire.DnsQuery.TYPE_CNAME;
import static dev.wirekit.testkit.wire.DnsQuery.TYPE_MX;
import static dev.wirekit.testkit.wire.DnsQuery.TYPE_TXT;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.wirekit.testkit.Rule;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * DNS servers (RFC 1035, 2308, 4343, 6891, 7766) seen as a black box: authoritative answers for one
 * zone the server serves, over UDP and TCP, and the handling of bad input (SPEC.md, section DNS).
 * The suite encodes its queries and decodes the answers itself, sharing nothing with any
 * implementation. The zone's names come from the suite's {@link #FACTS}; their defaults match
 * {@code testkit/setups/dns/example.test.zone}. With {@code --tls} the TCP rules speak DNS over TLS
 * and the UDP rules skip.
 */
public class DnsSuite extends WireSuite {
    private static final int NOERROR = 0;
    private static final int FORMERR = 1;
    private static final int NXDOMAIN = 3;
    private static final int NOTIMP = 4;
    private static final int REFUSED = 5;
    private static final int BADVERS = 16;

    /** What the suite must know about the zone the server is authoritative for. */
    public static final List<Fact> FACTS = List.of(
            new Fact("zone", "the apex of a zone the server is authoritative for", "example.test"),
            new Fact("host", "a name in the zone with A records and no MX records", "www.example.test"),
            new Fact("host-addresses", "the host's IPv4 addresses, comma-separated", "192.0.2.1"),
            new Fact("missing", "a name in the zone that does not exist", "missing.example.test"),
            new Fact("alias", "a name in the zone whose CNAME points to the host", "alias.example.test"),
            new Fact("large", "a name whose TXT records make an answer of more than 1232 bytes", "big.example.test"),
            new Fact("outside", "a name in no zone the server serves", "www.example.com"),
            new Fact(
                    "badvers",
                    "true when the server answers an unknown EDNS version with BADVERS (RFC 6891 §6.1.3)",
                    "true"),
            new Fact(
                    "tcp-pipelining",
                    "true when the server answers several queries on one TCP connection (RFC 7766 §6.2.1)",
                    "true"));

    private DnsExchange wire() {
        return new DnsExchange(target().address(), target().timeout(), this::connectRaw);
    }

    private void assumeUdp() {
        assumeFalse(target().layered(), "DNS over TLS has no UDP: run the suite without --tls for the UDP rules");
    }

    private String host() {
        return fact("host");
    }

    private List<String> addresses() {
        return Arrays.stream(fact("host-addresses").split(","))
                .map(String::strip)
                .sorted()
                .toList();
    }

    private static List<String> sorted(List<String> list) {
        return list.stream().sorted().toList();
    }

    private static String mixCase(String name) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            sb.append(i % 2 == 0 ? Character.toUpperCase(c) : Character.toLowerCase(c));
        }
        return sb.toString();
    }

    @Test
    public void required_DNS1_responseEchoesIdOpcodeAndQuestion() {
        assumeUdp();
        Rule.verify(
                "DNS-1",
                "a UDP response echoes the query's ID, opcode and question (name byte for byte), with QR set",
                "build the response header from the query's: copy ID, opcode, RD and the question section",
                () -> {
                    DnsQuery q = new DnsQuery(host(), TYPE_A).flags(0x0100);
                    DnsReply r = wire().udp(q);
                    assertTrue(r.qr(), "QR must be set in a response");
                    assertEquals(0, r.opcode(), "the opcode must be copied from the query");
                    assertEquals(1, r.questions.size(), "the question must be echoed");
                    assertArrayEquals(
                            q.name, r.questions.get(0).name(), "the question name must be echoed byte for byte");
                    assertEquals(TYPE_A, r.questions.get(0).type(), "the question type must be echoed");
                    assertEquals(CLASS_IN, r.questions.get(0).cls(), "the question class must be echoed");
                });
    }

    @Test
    public void required_DNS2_authoritativeDataHasAa() {
        assumeUdp();
        Rule.verify(
                "DNS-2",
                "authoritative data comes with AA set and the zone's records",
                "the server is configured as authoritative for the zone named by fact 'zone'",
                this::checkHostAnswer);
    }

    private void checkHostAnswer() throws Exception {
        DnsReply r = wire().udp(new DnsQuery(host(), TYPE_A));
        assertEquals(NOERROR, r.rcode(), "rcode for existing data");
        assertTrue(r.aa(), "AA must be set on authoritative data for " + fact("zone"));
        assertEquals(addresses(), sorted(r.addresses(host())), "A records of " + host());
    }

    @Test
    public void required_DNS3_namesMatchWhateverTheirCase() {
        assumeUdp();
        Rule.verify(
                "DNS-3",
                "names match regardless of case, and the echoed question keeps the query's case (RFC 4343)",
                "compare names case-insensitively; echo the question bytes as received, not the zone's spelling",
                () -> {
                    DnsQuery q = new DnsQuery(mixCase(host()), TYPE_A);
                    DnsReply r = wire().udp(q);
                    assertEquals(NOERROR, r.rcode(), "a name in other case must still match");
                    assertArrayEquals(q.name, r.questions.get(0).name(), "the question must keep the query's case");
                    assertEquals(addresses(), sorted(r.addresses(host())), "the same records");
                });
    }

    @Test
    public void required_DNS4_missingNameGetsNxdomainWithSoa() {
        assumeUdp();
        String missing = requireFact("missing", "DNS-4 asks for a name the zone does not have");
        Rule.verify(
                "DNS-4",
                "a missing name gets NXDOMAIN with AA and the zone's SOA in the authority section (RFC 2308 §3)",
                "negative answers carry the SOA so that they can be cached",
                () -> {
                    DnsReply r = wire().udp(new DnsQuery(missing, TYPE_A));
                    assertEquals(NXDOMAIN, r.rcode(), "a name that does not exist gets NXDOMAIN");
                    assertTrue(r.aa(), "an authoritative NXDOMAIN has AA set");
                    assertTrue(r.answers.isEmpty(), "no answer records");
                    assertTrue(r.hasSoa(fact("zone")), "the zone's SOA must be in the authority section");
                });
    }

    @Test
    public void required_DNS5_missingTypeGetsNodataWithSoa() {
        assumeUdp();
        Rule.verify(
                "DNS-5",
                "an existing name without the asked type gets NODATA: NOERROR, AA, no answer, the SOA (RFC 2308 §2.2)",
                "tell 'no such name' (NXDOMAIN) from 'no such type' (NOERROR, empty answer)",
                () -> {
                    DnsReply r = wire().udp(new DnsQuery(host(), TYPE_MX));
                    assertEquals(NOERROR, r.rcode(), "NODATA is NOERROR");
                    assertTrue(r.aa(), "an authoritative NODATA has AA set");
                    assertTrue(r.records(host(), TYPE_MX).isEmpty(), "no MX records");
                    assertTrue(r.hasSoa(fact("zone")), "the zone's SOA must be in the authority section");
                });
    }

    @Test
    public void required_DNS6_aliasGetsCnameAndTarget() {
        assumeUdp();
        String alias = requireFact("alias", "DNS-6 asks for a name with a CNAME to the host");
        Rule.verify(
                "DNS-6",
                "an alias gets its CNAME and the target's records (RFC 1034 §4.3.2 step 3a)",
                "follow CNAMEs inside the zone and add the target's records to the answer",
                () -> {
                    DnsReply r = wire().udp(new DnsQuery(alias, TYPE_A));
                    assertEquals(NOERROR, r.rcode(), "rcode for an alias");
                    List<DnsReply.Record> cname = r.records(alias, TYPE_CNAME);
                    assertEquals(1, cname.size(), "the answer must hold the alias's CNAME");
                    assertEquals(
                            DnsReply.lower(host()), r.name(cname.get(0).rdataOffset()), "the CNAME points to the host");
                    assertEquals(addresses(), sorted(r.addresses(host())), "the target's A records follow the CNAME");
                });
    }

    @Test
    public void required_DNS7_tcpGetsTheSameAnswer() {
        Rule.verify(
                "DNS-7",
                "a query over TCP, with its two-byte length, gets the same authoritative answer",
                "serve TCP on the same port as UDP (RFC 7766 §5: TCP support is required)",
                () -> {
                    DnsReply a =
                            wire().tcp(List.of(new DnsQuery(host(), TYPE_A))).get(0);
                    assertEquals(NOERROR, a.rcode(), "TCP answer rcode");
                    assertTrue(a.aa(), "AA over TCP too");
                    assertEquals(addresses(), sorted(a.addresses(host())), "TCP answer data");
                });
    }

    @Test
    public void required_DNS8_largeAnswerTruncatedWithoutEdns() {
        assumeUdp();
        String large = requireFact("large", "DNS-8 needs a name whose answer is over 512 bytes");
        Rule.verify(
                "DNS-8",
                "without EDNS a large answer is cut to 512 bytes with TC set; over TCP it comes whole",
                "a UDP response without EDNS must fit in 512 bytes (RFC 1035 §4.2.1); set TC when records were left out",
                () -> {
                    DnsReply u = wire().udp(new DnsQuery(large, TYPE_TXT));
                    assertTrue(u.size <= 512, "a UDP response without EDNS must fit in 512 bytes, was " + u.size);
                    assertTrue(u.tc(), "TC must be set when the answer did not fit; is " + large + " really large?");
                    DnsReply t =
                            wire().tcp(List.of(new DnsQuery(large, TYPE_TXT))).get(0);
                    assertFalse(t.tc(), "over TCP the answer must be complete");
                    assertTrue(t.size > 512, "the TCP answer carries the whole record set");
                    assertFalse(t.records(large, TYPE_TXT).isEmpty(), "TXT records over TCP");
                });
    }

    @Test
    public void required_DNS9_ednsQueryGetsOptWithinPayload() {
        assumeUdp();
        Rule.verify(
                "DNS-9",
                "an EDNS query gets exactly one OPT back, version 0, and a response within its payload size (RFC 6891)",
                "answer OPT with OPT; respect the requester's UDP payload size when filling the response",
                () -> {
                    DnsReply small = wire().udp(new DnsQuery(host(), TYPE_A).edns(1232, 0));
                    assertEquals(1, small.optCount, "an EDNS query gets exactly one OPT record back");
                    assertEquals(0, small.optVersion, "the responder's EDNS version");
                    String large = fact("large");
                    if (large != null) {
                        DnsReply r = wire().udp(new DnsQuery(large, TYPE_TXT).edns(1232, 0));
                        assertTrue(r.size <= 1232, "the response must fit the advertised 1232 bytes, was " + r.size);
                    }
                });
    }

    @Test
    public void optional_DNS10_unknownEdnsVersionGetsBadvers() {
        assumeUdp();
        assumeTrue(capability("badvers"), "the target does not claim BADVERS support (fact badvers=false)");
        Rule.verify(
                "DNS-10",
                "an unknown EDNS version gets BADVERS with an OPT of version 0 and no answers (RFC 6891 §6.1.3)",
                "check the OPT version before answering; BADVERS is extended rcode 16 (upper bits in the OPT TTL)",
                () -> {
                    DnsReply r = wire().udp(new DnsQuery(host(), TYPE_A).edns(1232, 1));
                    assertEquals(1, r.optCount, "BADVERS comes with an OPT record");
                    assertEquals(BADVERS, r.rcode(), "EDNS version 1 must get BADVERS");
                    assertEquals(0, r.optVersion, "the OPT names the version the server does speak");
                    assertTrue(r.answers.isEmpty(), "no answer records with BADVERS");
                });
    }

    @Test
    public void required_DNS11_malformedQueryGetsFormerrOrNothing() {
        assumeUdp();
        Rule.verify(
                "DNS-11",
                "a malformed query with a readable header gets FORMERR (with its ID) or no response",
                "decode strictly; answer FORMERR when the header can be read, else drop (RFC 1035 §4.1.1)",
                () -> {
                    int id = DnsQuery.randomId();
                    // one question, but the name's label runs past the end of the message
                    byte[] bad = ByteBuffer.allocate(17)
                            .putShort((short) id)
                            .putShort((short) 0x0100)
                            .putShort((short) 1)
                            .putShort((short) 0)
                            .putShort((short) 0)
                            .putShort((short) 0)
                            .put(new byte[] {5, 'a', 'b'})
                            .array();
                    for (DnsReply r : wire().badThenGood(bad, host())) {
                        assertEquals(id, r.id, "only the malformed query's ID may be answered");
                        assertEquals(FORMERR, r.rcode(), "a malformed query gets FORMERR or nothing");
                    }
                });
    }

    @Test
    public void required_DNS12_headerlessGarbageIsNotAnswered() {
        assumeUdp();
        Rule.verify(
                "DNS-12",
                "a datagram shorter than a header gets no response",
                "drop what has no header: there is no ID to answer",
                () -> {
                    List<DnsReply> replies = wire().badThenGood(new byte[] {0x12, 0x34, 0x01}, host());
                    assertTrue(replies.isEmpty(), "three bytes are no header; nothing can be answered, got " + replies);
                });
    }

    @Test
    public void required_DNS13_responsesAreNeverAnswered() {
        assumeUdp();
        Rule.verify(
                "DNS-13",
                "a message with QR set (a response) is never answered",
                "drop every message with QR set before handling it: answering lets two servers loop or reflect traffic",
                () -> {
                    byte[] response =
                            new DnsQuery(host(), TYPE_A).flags(0x8000 | 0x0400).encode(); // QR, AA
                    List<DnsReply> replies = wire().badThenGood(response, host());
                    assertTrue(replies.isEmpty(), "a response must never be answered, got " + replies);
                });
    }

    @Test
    public void required_DNS14_recursionOutsideTheZoneIsRefused() {
        assumeUdp();
        String outside = requireFact("outside", "DNS-14 asks for a name in no zone the server serves");
        Rule.verify(
                "DNS-14",
                "a recursive query for a name outside the served zones is REFUSED, not resolved",
                "the server is not an open resolver: recursion only for allowed client networks (this client is not)",
                () -> {
                    DnsReply r = wire().udp(new DnsQuery(outside, TYPE_A).flags(0x0100));
                    assertEquals(REFUSED, r.rcode(), "a name outside the zones must be REFUSED: not an open resolver");
                    assertTrue(r.answers.isEmpty(), "REFUSED carries no answers");
                });
    }

    @Test
    public void required_DNS15_unknownOpcodeGetsNotimpOrNothing() {
        assumeUdp();
        Rule.verify(
                "DNS-15",
                "a query with an unknown opcode gets NOTIMP or nothing, never data",
                "check the opcode before looking anything up (RFC 1035 §4.1.1)",
                () -> {
                    byte[] query = new DnsQuery(host(), TYPE_A).flags(3 << 11).encode(); // opcode 3: unassigned
                    for (DnsReply r : wire().badThenGood(query, host())) {
                        assertEquals(NOTIMP, r.rcode(), "an unknown opcode gets NOTIMP");
                        assertTrue(r.answers.isEmpty(), "NOTIMP carries no data");
                    }
                });
    }

    @Test
    public void required_DNS16_serverKeepsAnsweringAfterBadInput() {
        assumeUdp();
        Rule.verify(
                "DNS-16",
                "after empty, zero and self-pointing datagrams the server still answers over UDP and TCP",
                "a bad datagram costs one drop or one error, never the listener",
                () -> {
                    wire().sendRaw(
                                    new byte[0],
                                    new byte[1],
                                    new byte[12],
                                    ByteBuffer.allocate(14)
                                            .putShort(0, (short) 1)
                                            .putShort(4, (short) 1)
                                            .put(12, (byte) 0xC0)
                                            .put(13, (byte) 12)
                                            .array()); // a name that points at itself
                    checkHostAnswer();
                    DnsReply t =
                            wire().tcp(List.of(new DnsQuery(host(), TYPE_A))).get(0);
                    assertEquals(NOERROR, t.rcode(), "TCP still answers after bad UDP input");
                });
    }

    @Test
    public void optional_DNS17_pipelinedTcpQueriesAreAllAnswered() {
        assumeTrue(
                capability("tcp-pipelining"),
                "the target does not claim TCP connection reuse (fact tcp-pipelining=false; RFC 7766 §6.2.1 is a SHOULD)");
        String missing = requireFact("missing", "DNS-17 pipelines a query for a missing name");
        Rule.verify(
                "DNS-17",
                "two queries sent at once on one TCP connection both get answers, matched by ID",
                "keep reading a TCP connection after the first answer; answers may come in any order",
                () -> {
                    DnsQuery first = new DnsQuery(host(), TYPE_A);
                    DnsQuery second = new DnsQuery(missing, TYPE_A);
                    List<DnsReply> replies = wire().tcp(List.of(first, second));
                    DnsReply a = replies.stream()
                            .filter(r -> r.id == first.id)
                            .findFirst()
                            .orElseThrow(() -> new AssertionError("no TCP response with the first query's ID"));
                    DnsReply b = replies.stream()
                            .filter(r -> r.id == second.id)
                            .findFirst()
                            .orElseThrow(
                                    () -> new AssertionError("no response with the second (pipelined) query's ID"));
                    assertEquals(NOERROR, a.rcode(), "the first query's rcode");
                    assertEquals(NXDOMAIN, b.rcode(), "the pipelined query's rcode");
                });
    }
}
