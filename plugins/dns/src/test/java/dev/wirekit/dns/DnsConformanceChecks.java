package dev.wirekit.dns;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.function.Executable;

/**
 * Wire-level conformance checks for a DNS server seen as a black box at {@code host:port}, for any
 * implementation (ours, dnsmasq, BIND...): each rule sends real queries over UDP or TCP and checks
 * the bytes that come back. Self-contained on purpose: it has its own small encoder and parser and
 * uses nothing of the implementation under test. The rules are numbered DNS-1, DNS-2, ... and listed
 * with their rationale in {@code docs/protocols/dns.md}.
 *
 * <p>Give it the server's address and the facts of a zone it serves authoritatively, then run each
 * {@link Rule}; a rule the target does not claim to support (see {@link Capabilities}) carries a
 * skip reason instead of running.
 *
 * <pre>{@code
 * @TestFactory
 * Stream<DynamicTest> conformance() {
 *     return new DnsConformanceChecks(address, facts, Capabilities.ALL).rules().stream().map(Rule::toDynamicTest);
 * }
 * }</pre>
 */
public final class DnsConformanceChecks {
    private static final int TYPE_A = 1;
    private static final int TYPE_CNAME = 5;
    private static final int TYPE_SOA = 6;
    private static final int TYPE_MX = 15;
    private static final int TYPE_TXT = 16;
    private static final int TYPE_OPT = 41;
    private static final int CLASS_IN = 1;
    private static final int NOERROR = 0;
    private static final int FORMERR = 1;
    private static final int NXDOMAIN = 3;
    private static final int NOTIMP = 4;
    private static final int REFUSED = 5;
    private static final int BADVERS = 16;

    /**
     * What the checks need to know about one zone the target serves authoritatively.
     *
     * @param origin the zone's apex, such as {@code example.test}
     * @param host a name with A records and no MX records
     * @param hostAddresses the host's IPv4 addresses, dotted
     * @param missing a name in the zone that does not exist
     * @param alias a name with a CNAME to {@code host}
     * @param large a name whose TXT records make an answer of more than 1232 bytes
     * @param outside a name in no zone the target serves
     */
    public record ZoneFacts(
            String origin,
            String host,
            List<String> hostAddresses,
            String missing,
            String alias,
            String large,
            String outside) {}

    /**
     * Optional behaviour a target claims, so that rules for it run.
     *
     * @param badvers answers an unknown EDNS version with BADVERS (RFC 6891 §6.1.3; a MUST there,
     *     though not every server does it)
     * @param connectionReuse answers several queries on one TCP connection, pipelined (RFC 7766
     *     §6.2.1, a SHOULD)
     */
    public record Capabilities(boolean badvers, boolean connectionReuse) {
        public static final Capabilities ALL = new Capabilities(true, true);
    }

    /** One numbered rule: run {@link #check()} unless {@link #skipReason()} is set. */
    public record Rule(String id, String title, Executable check, String skipReason) {
        /** The rule as a JUnit dynamic test named {@code DNS-n title}, skipped with its reason if it has one. */
        public org.junit.jupiter.api.DynamicTest toDynamicTest() {
            return org.junit.jupiter.api.DynamicTest.dynamicTest(id + " " + title, () -> {
                org.junit.jupiter.api.Assumptions.assumeTrue(skipReason == null, skipReason);
                check.execute();
            });
        }
    }

    private final InetSocketAddress target;
    private final ZoneFacts zone;
    private final Capabilities capabilities;
    private final Duration timeout;

    public DnsConformanceChecks(InetSocketAddress target, ZoneFacts zone, Capabilities capabilities) {
        this(target, zone, capabilities, Duration.ofSeconds(5));
    }

    /** @param timeout how long to wait for each expected response (generous: machines are busy) */
    public DnsConformanceChecks(InetSocketAddress target, ZoneFacts zone, Capabilities capabilities, Duration timeout) {
        this.target = Objects.requireNonNull(target);
        this.zone = Objects.requireNonNull(zone);
        this.capabilities = Objects.requireNonNull(capabilities);
        this.timeout = Objects.requireNonNull(timeout);
    }

    /** Every rule, in order. */
    public List<Rule> rules() {
        return List.of(
                rule("DNS-1", "a UDP response echoes the ID, opcode and question, with QR set", this::dns1),
                rule("DNS-2", "authoritative data comes with AA and the zone's records", this::dns2),
                rule("DNS-3", "names match regardless of case; the question keeps the query's case", this::dns3),
                rule("DNS-4", "a missing name gets NXDOMAIN with AA and the zone's SOA", this::dns4),
                rule("DNS-5", "an existing name without the type gets NODATA with AA and the SOA", this::dns5),
                rule("DNS-6", "an alias gets its CNAME and the target's records", this::dns6),
                rule("DNS-7", "a query over TCP gets the same authoritative answer", this::dns7),
                rule(
                        "DNS-8",
                        "without EDNS a large answer is truncated to 512 bytes with TC; TCP has it all",
                        this::dns8),
                rule("DNS-9", "an EDNS query gets one OPT back and a response within its payload size", this::dns9),
                capabilities.badvers()
                        ? rule("DNS-10", "an unknown EDNS version gets BADVERS", this::dns10)
                        : new Rule(
                                "DNS-10",
                                "an unknown EDNS version gets BADVERS",
                                this::dns10,
                                "the target does not claim BADVERS support (RFC 6891 §6.1.3)"),
                rule("DNS-11", "a malformed query with a readable header gets FORMERR or nothing", this::dns11),
                rule("DNS-12", "garbage shorter than a header gets no response", this::dns12),
                rule("DNS-13", "a message with QR set (a response) is never answered", this::dns13),
                rule("DNS-14", "a recursive query outside the zone is refused, not resolved", this::dns14),
                rule("DNS-15", "an unknown opcode gets NOTIMP or nothing, never data", this::dns15),
                rule("DNS-16", "the server keeps answering after bad input", this::dns16),
                capabilities.connectionReuse()
                        ? rule("DNS-17", "pipelined queries on one TCP connection all get answers", this::dns17)
                        : new Rule(
                                "DNS-17",
                                "pipelined queries on one TCP connection all get answers",
                                this::dns17,
                                "the target does not claim TCP connection reuse (RFC 7766 §6.2.1, a SHOULD)"));
    }

    private static Rule rule(String id, String title, Executable check) {
        return new Rule(id, title, check, null);
    }

    // ---- the rules --------------------------------------------------------------------------

    private void dns1() throws IOException {
        Query q = new Query(zone.host(), TYPE_A).flags(0x0100);
        Reply r = udp(q);
        assertEquals(q.id, r.id, "DNS-1: the response ID must be the query's (RFC 1035 §4.1.1)");
        assertTrue(r.qr(), "DNS-1: QR must be set in a response");
        assertEquals(0, r.opcode(), "DNS-1: the opcode must be copied from the query");
        assertEquals(1, r.questions.size(), "DNS-1: the question must be echoed");
        assertArrayEquals(q.name, r.questions.get(0).name(), "DNS-1: the question name must be echoed byte for byte");
        assertEquals(TYPE_A, r.questions.get(0).type(), "DNS-1: the question type must be echoed");
        assertEquals(CLASS_IN, r.questions.get(0).cls(), "DNS-1: the question class must be echoed");
    }

    private void dns2() throws IOException {
        Reply r = udp(new Query(zone.host(), TYPE_A));
        assertEquals(NOERROR, r.rcode(), "DNS-2: rcode for existing data");
        assertTrue(
                r.aa(),
                "DNS-2: AA must be set on authoritative data; if this fails, check the server is"
                        + " configured as authoritative for " + zone.origin());
        assertEquals(
                sorted(zone.hostAddresses()), sorted(r.addresses(zone.host())), "DNS-2: A records of " + zone.host());
    }

    private void dns3() throws IOException {
        String mixed = mixCase(zone.host());
        Query q = new Query(mixed, TYPE_A);
        Reply r = udp(q);
        assertEquals(NOERROR, r.rcode(), "DNS-3: a name in other case must still match (RFC 4343)");
        assertArrayEquals(
                q.name, r.questions.get(0).name(), "DNS-3: the question must keep the query's case (RFC 4343 §4)");
        assertEquals(sorted(zone.hostAddresses()), sorted(r.addresses(zone.host())), "DNS-3: the same records");
    }

    private void dns4() throws IOException {
        Reply r = udp(new Query(zone.missing(), TYPE_A));
        assertEquals(NXDOMAIN, r.rcode(), "DNS-4: a name that does not exist gets NXDOMAIN");
        assertTrue(r.aa(), "DNS-4: an authoritative NXDOMAIN has AA set");
        assertTrue(r.answers.isEmpty(), "DNS-4: no answer records");
        assertTrue(
                r.hasSoa(zone.origin()),
                "DNS-4: the zone's SOA must be in the authority section so the"
                        + " negative answer can be cached (RFC 2308 §3)");
    }

    private void dns5() throws IOException {
        Reply r = udp(new Query(zone.host(), TYPE_MX));
        assertEquals(NOERROR, r.rcode(), "DNS-5: NODATA is NOERROR (RFC 2308 §2.2)");
        assertTrue(r.aa(), "DNS-5: an authoritative NODATA has AA set");
        assertTrue(r.records(zone.host(), TYPE_MX).isEmpty(), "DNS-5: no MX records");
        assertTrue(r.hasSoa(zone.origin()), "DNS-5: the zone's SOA must be in the authority section (RFC 2308 §3)");
    }

    private void dns6() throws IOException {
        Reply r = udp(new Query(zone.alias(), TYPE_A));
        assertEquals(NOERROR, r.rcode(), "DNS-6: rcode for an alias");
        List<Record> cname = r.records(zone.alias(), TYPE_CNAME);
        assertEquals(1, cname.size(), "DNS-6: the answer must hold the alias's CNAME");
        assertEquals(lower(zone.host()), r.name(cname.get(0).rdataOffset), "DNS-6: the CNAME points to the host");
        assertEquals(
                sorted(zone.hostAddresses()),
                sorted(r.addresses(zone.host())),
                "DNS-6: the target's A records follow the CNAME (RFC 1034 §4.3.2 step 3a)");
    }

    private void dns7() throws IOException {
        Reply a = tcp(List.of(new Query(zone.host(), TYPE_A))).get(0);
        assertEquals(NOERROR, a.rcode(), "DNS-7: TCP answer rcode");
        assertTrue(a.aa(), "DNS-7: AA over TCP too");
        assertEquals(sorted(zone.hostAddresses()), sorted(a.addresses(zone.host())), "DNS-7: TCP answer data");
    }

    private void dns17() throws IOException {
        Query first = new Query(zone.host(), TYPE_A);
        Query second = new Query(zone.missing(), TYPE_A);
        List<Reply> replies = tcp(List.of(first, second));
        Reply a = replies.stream()
                .filter(r -> r.id == first.id)
                .findFirst()
                .orElseThrow(() -> new AssertionError("DNS-17: no TCP response with the first query's ID"));
        Reply b = replies.stream()
                .filter(r -> r.id == second.id)
                .findFirst()
                .orElseThrow(() -> new AssertionError(
                        "DNS-17: no response with the second (pipelined) query's ID (RFC 7766 §6.2.1)"));
        assertEquals(NOERROR, a.rcode(), "DNS-17: the first query's rcode");
        assertEquals(NXDOMAIN, b.rcode(), "DNS-17: the pipelined query's rcode");
    }

    private void dns8() throws IOException {
        Reply u = udp(new Query(zone.large(), TYPE_TXT));
        assertTrue(
                u.size <= 512,
                "DNS-8: a UDP response without EDNS must fit in 512 bytes (RFC 1035 §4.2.1), was " + u.size);
        assertTrue(
                u.tc(),
                "DNS-8: TC must be set when the answer did not fit; if this fails, check the name " + zone.large()
                        + " really has more than 512 bytes of TXT records");
        Reply t = tcp(List.of(new Query(zone.large(), TYPE_TXT))).get(0);
        assertFalse(t.tc(), "DNS-8: over TCP the answer must be complete");
        assertTrue(t.size > 512, "DNS-8: the TCP answer carries the whole record set");
        assertFalse(t.records(zone.large(), TYPE_TXT).isEmpty(), "DNS-8: TXT records over TCP");
    }

    private void dns9() throws IOException {
        Reply small = udp(new Query(zone.host(), TYPE_A).edns(1232, 0));
        assertEquals(1, small.optCount, "DNS-9: an EDNS query gets exactly one OPT record back (RFC 6891 §6.1.1)");
        assertEquals(0, small.optVersion, "DNS-9: the responder's EDNS version");
        Reply large = udp(new Query(zone.large(), TYPE_TXT).edns(1232, 0));
        assertTrue(large.size <= 1232, "DNS-9: the response must fit the advertised 1232 bytes, was " + large.size);
    }

    private void dns10() throws IOException {
        Reply r = udp(new Query(zone.host(), TYPE_A).edns(1232, 1));
        assertEquals(1, r.optCount, "DNS-10: BADVERS comes with an OPT record");
        assertEquals(BADVERS, r.rcode(), "DNS-10: EDNS version 1 must get BADVERS (RFC 6891 §6.1.3)");
        assertEquals(0, r.optVersion, "DNS-10: the OPT names the version the server does speak");
        assertTrue(r.answers.isEmpty(), "DNS-10: no answer records with BADVERS");
    }

    private void dns11() throws IOException {
        int id = randomId();
        // header: one question, but the name's label runs past the end of the message
        byte[] bad = ByteBuffer.allocate(17)
                .putShort((short) id)
                .putShort((short) 0x0100)
                .putShort((short) 1)
                .putShort((short) 0)
                .putShort((short) 0)
                .putShort((short) 0)
                .put(new byte[] {5, 'a', 'b'})
                .array();
        List<Reply> before = badThenGood(bad, 17);
        for (Reply r : before) {
            assertEquals(id, r.id, "DNS-11: only the malformed query's ID may be answered");
            assertEquals(FORMERR, r.rcode(), "DNS-11: a malformed query gets FORMERR (RFC 1035 §4.1.1) or nothing");
        }
    }

    private void dns12() throws IOException {
        List<Reply> before = badThenGood(new byte[] {0x12, 0x34, 0x01}, 3);
        assertTrue(
                before.isEmpty(), "DNS-12: three bytes are no header; nothing can be answered, got " + before.size());
    }

    private void dns13() throws IOException {
        Query q = new Query(zone.host(), TYPE_A).flags(0x8000 | 0x0400); // QR and AA: it looks like an answer
        byte[] bytes = q.encode();
        List<Reply> before = badThenGood(bytes, bytes.length);
        assertTrue(
                before.isEmpty(),
                "DNS-13: a response must never be answered (it would let two servers loop"
                        + " or reflect traffic), got " + before.size() + " replies");
    }

    private void dns14() throws IOException {
        Reply r = udp(new Query(zone.outside(), TYPE_A).flags(0x0100));
        assertEquals(
                REFUSED,
                r.rcode(),
                "DNS-14: a name outside the served zones, from a client not allowed to"
                        + " recurse, must be REFUSED; if this fails, check the server is not an open resolver");
        assertTrue(r.answers.isEmpty(), "DNS-14: REFUSED carries no answers");
    }

    private void dns15() throws IOException {
        Query q = new Query(zone.host(), TYPE_A).flags(3 << 11); // opcode 3: unassigned
        byte[] bytes = q.encode();
        List<Reply> before = badThenGood(bytes, bytes.length);
        for (Reply r : before) {
            assertEquals(NOTIMP, r.rcode(), "DNS-15: an unknown opcode gets NOTIMP (RFC 1035 §4.1.1)");
            assertTrue(r.answers.isEmpty(), "DNS-15: NOTIMP carries no data");
        }
    }

    private void dns16() throws IOException {
        byte[][] garbage = {
            {},
            {0},
            new byte[12],
            ByteBuffer.allocate(14)
                    .putShort(0, (short) 1)
                    .putShort(4, (short) 1)
                    .put(12, (byte) 0xC0)
                    .put(13, (byte) 12)
                    .array(), // a name that points at itself
        };
        try (DatagramSocket s = new DatagramSocket(0, java.net.InetAddress.getByName("127.0.0.1"))) {
            for (byte[] g : garbage) {
                // unconnected: a connected JDK socket silently skips sending an empty datagram
                s.send(new DatagramPacket(g, g.length, target));
            }
        }
        dns2();
        Reply t = tcp(List.of(new Query(zone.host(), TYPE_A))).get(0);
        assertEquals(NOERROR, t.rcode(), "DNS-16: TCP still answers after bad UDP input");
    }

    // ---- exchanges ---------------------------------------------------------------------------

    private DatagramSocket socket() throws IOException {
        DatagramSocket s = new DatagramSocket(0, java.net.InetAddress.getByName("127.0.0.1"));
        s.connect(target);
        s.setSoTimeout((int) timeout.toMillis());
        return s;
    }

    /** Sends {@code q} over UDP and returns the response with its ID. */
    private Reply udp(Query q) throws IOException {
        try (DatagramSocket s = socket()) {
            byte[] bytes = q.encode();
            s.send(new DatagramPacket(bytes, bytes.length));
            byte[] buf = new byte[65535];
            List<Integer> strays = new ArrayList<>();
            while (strays.size() < 16) {
                DatagramPacket p = new DatagramPacket(buf, buf.length);
                try {
                    s.receive(p);
                } catch (SocketTimeoutException e) {
                    if (!strays.isEmpty()) {
                        throw new AssertionError("DNS-1: responses came with IDs " + strays + " instead of the query's "
                                + q.id + " (RFC 1035 §4.1.1: the ID is copied into the response)");
                    }
                    throw new AssertionError("no UDP response from " + target + " within " + timeout + " to " + q
                            + "; if this fails, check the server is running and serves " + zone.origin());
                }
                Reply r = Reply.parse(buf, p.getLength());
                if (r.id == q.id) {
                    return r;
                }
                strays.add(r.id);
            }
            throw new AssertionError("DNS-1: 16 UDP responses with other IDs " + strays + " to " + q);
        }
    }

    /**
     * Sends {@code bad} and then a good query from one socket, and returns whatever came before the
     * good query's answer (a server that handles one socket's datagrams in order answers the bad one
     * first, if at all).
     */
    private List<Reply> badThenGood(byte[] bad, int length) throws IOException {
        Query good = new Query(zone.host(), TYPE_A);
        List<Reply> before = new ArrayList<>();
        try (DatagramSocket s = socket()) {
            s.send(new DatagramPacket(bad, length));
            byte[] g = good.encode();
            s.send(new DatagramPacket(g, g.length));
            byte[] buf = new byte[65535];
            while (true) {
                DatagramPacket p = new DatagramPacket(buf, buf.length);
                try {
                    s.receive(p);
                } catch (SocketTimeoutException e) {
                    fail("the server stopped answering after a bad datagram: no response to a valid query within "
                            + timeout);
                }
                Reply r = Reply.parse(buf, p.getLength());
                if (r.id == good.id
                        && r.qr()
                        && r.questions.size() == 1
                        && r.questions.get(0).type() == TYPE_A) {
                    assertEquals(NOERROR, r.rcode(), "the valid query after the bad one");
                    return before;
                }
                before.add(r);
            }
        }
    }

    /** Sends every query on one TCP connection at once, then reads as many responses. */
    private List<Reply> tcp(List<Query> queries) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(target, (int) timeout.toMillis());
            s.setSoTimeout((int) timeout.toMillis());
            DataOutputStream out = new DataOutputStream(s.getOutputStream());
            for (Query q : queries) {
                byte[] b = q.encode();
                out.writeShort(b.length);
                out.write(b);
            }
            out.flush();
            DataInputStream in = new DataInputStream(s.getInputStream());
            List<Reply> replies = new ArrayList<>();
            for (int i = 0; i < queries.size(); i++) {
                int n = in.readUnsignedShort();
                byte[] b = in.readNBytes(n);
                if (b.length != n) {
                    throw new AssertionError("TCP response cut off: " + b.length + " of " + n + " bytes");
                }
                replies.add(Reply.parse(b, n));
            }
            return replies;
        } catch (SocketTimeoutException e) {
            throw new AssertionError("no TCP response from " + target + " within " + timeout, e);
        }
    }

    // ---- a minimal codec, independent of the implementation under test -----------------------

    private static int randomId() {
        return ThreadLocalRandom.current().nextInt(0x10000);
    }

    private static String lower(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.endsWith(".") ? n.substring(0, n.length() - 1) : n;
    }

    private static String mixCase(String name) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            sb.append(i % 2 == 0 ? Character.toUpperCase(c) : Character.toLowerCase(c));
        }
        return sb.toString();
    }

    private static List<String> sorted(List<String> list) {
        return list.stream().sorted().toList();
    }

    /** A query to send. */
    private static final class Query {
        final int id = randomId();
        final byte[] name;
        final int type;
        int flags = 0;
        int ednsPayload = -1;
        int ednsVersion;

        Query(String text, int type) {
            this.name = nameBytes(text);
            this.type = type;
        }

        Query flags(int value) {
            flags = value;
            return this;
        }

        Query edns(int payload, int version) {
            ednsPayload = payload;
            ednsVersion = version;
            return this;
        }

        static byte[] nameBytes(String text) {
            ByteBuffer b = ByteBuffer.allocate(256);
            for (String label : text.split("\\.")) {
                if (!label.isEmpty()) {
                    byte[] l = label.getBytes(StandardCharsets.US_ASCII);
                    b.put((byte) l.length).put(l);
                }
            }
            b.put((byte) 0);
            byte[] out = new byte[b.position()];
            b.flip().get(out);
            return out;
        }

        byte[] encode() {
            ByteBuffer b = ByteBuffer.allocate(12 + name.length + 4 + 11);
            b.putShort((short) id)
                    .putShort((short) flags)
                    .putShort((short) 1)
                    .putShort((short) 0)
                    .putShort((short) 0);
            b.putShort((short) (ednsPayload >= 0 ? 1 : 0));
            b.put(name).putShort((short) type).putShort((short) CLASS_IN);
            if (ednsPayload >= 0) {
                b.put((byte) 0)
                        .putShort((short) TYPE_OPT)
                        .putShort((short) ednsPayload)
                        .putInt(ednsVersion << 16)
                        .putShort((short) 0);
            }
            byte[] out = new byte[b.position()];
            b.flip().get(out);
            return out;
        }

        @Override
        public String toString() {
            return "query id " + id + " type " + type;
        }
    }

    private record Record(String name, int type, int cls, long ttl, int rdataOffset, int rdataLength) {}

    /** A parsed response; names are compared in lower case without the trailing dot. */
    private static final class Reply {
        final byte[] data;
        final int size;
        int id;
        int flags;
        int optCount;
        int optVersion;
        int optExtendedRcode;
        final List<QuestionView> questions = new ArrayList<>();
        final List<Record> answers = new ArrayList<>();
        final List<Record> authority = new ArrayList<>();
        final List<Record> additional = new ArrayList<>();

        record QuestionView(byte[] name, int type, int cls) {}

        private Reply(byte[] data, int size) {
            this.data = data;
            this.size = size;
        }

        static Reply parse(byte[] buf, int length) {
            byte[] data = java.util.Arrays.copyOf(buf, length);
            Reply r = new Reply(data, length);
            if (length < 12) {
                throw new AssertionError("a response of " + length + " bytes has no header");
            }
            ByteBuffer b = ByteBuffer.wrap(data);
            r.id = b.getShort() & 0xFFFF;
            r.flags = b.getShort() & 0xFFFF;
            int qd = b.getShort() & 0xFFFF;
            int an = b.getShort() & 0xFFFF;
            int ns = b.getShort() & 0xFFFF;
            int ar = b.getShort() & 0xFFFF;
            int at = 12;
            for (int i = 0; i < qd; i++) {
                int end = r.skipName(at);
                byte[] raw = java.util.Arrays.copyOfRange(data, at, end);
                r.questions.add(new QuestionView(raw, u16(data, end), u16(data, end + 2)));
                at = end + 4;
            }
            at = r.records(at, an, r.answers);
            at = r.records(at, ns, r.authority);
            r.records(at, ar, r.additional);
            return r;
        }

        private int records(int at, int count, List<Record> out) {
            for (int i = 0; i < count; i++) {
                String name = name(at);
                int p = skipName(at);
                int type = u16(data, p);
                int cls = u16(data, p + 2);
                long ttl = ((long) u16(data, p + 4) << 16) | u16(data, p + 6);
                int rdlength = u16(data, p + 8);
                if (type == TYPE_OPT) {
                    optCount++;
                    optExtendedRcode = (int) (ttl >>> 24);
                    optVersion = (int) ((ttl >>> 16) & 0xFF);
                } else {
                    out.add(new Record(name, type, cls, ttl, p + 10, rdlength));
                }
                at = p + 10 + rdlength;
                if (at > size) {
                    throw new AssertionError("a record runs past the end of the " + size + "-byte response");
                }
            }
            return at;
        }

        /** The offset after the (possibly compressed) name at {@code at}. */
        int skipName(int at) {
            while (true) {
                int len = data[at] & 0xFF;
                if ((len & 0xC0) == 0xC0) {
                    return at + 2;
                }
                if (len == 0) {
                    return at + 1;
                }
                at += len + 1;
            }
        }

        /** The name at {@code at}, decompressed, lower case, without the final dot. */
        String name(int at) {
            StringBuilder sb = new StringBuilder();
            for (int hops = 0; hops < 64; ) {
                int len = data[at] & 0xFF;
                if ((len & 0xC0) == 0xC0) {
                    at = ((len & 0x3F) << 8) | (data[at + 1] & 0xFF);
                    hops++;
                    continue;
                }
                if (len == 0) {
                    return sb.toString().toLowerCase(Locale.ROOT);
                }
                if (!sb.isEmpty()) {
                    sb.append('.');
                }
                sb.append(new String(data, at + 1, len, StandardCharsets.ISO_8859_1));
                at += len + 1;
            }
            throw new AssertionError("compression pointers loop in the response");
        }

        boolean qr() {
            return (flags & 0x8000) != 0;
        }

        int opcode() {
            return (flags >> 11) & 0xF;
        }

        boolean aa() {
            return (flags & 0x0400) != 0;
        }

        boolean tc() {
            return (flags & 0x0200) != 0;
        }

        int rcode() {
            return (optExtendedRcode << 4) | (flags & 0xF);
        }

        List<Record> records(String owner, int type) {
            String o = lower(owner);
            return answers.stream()
                    .filter(r -> r.name.equals(o) && r.type == type)
                    .toList();
        }

        List<String> addresses(String owner) {
            List<String> list = new ArrayList<>();
            for (Record r : records(owner, TYPE_A)) {
                assertEquals(4, r.rdataLength, "an A record has 4 bytes of data");
                list.add((data[r.rdataOffset] & 0xFF) + "." + (data[r.rdataOffset + 1] & 0xFF) + "."
                        + (data[r.rdataOffset + 2] & 0xFF) + "." + (data[r.rdataOffset + 3] & 0xFF));
            }
            return list;
        }

        boolean hasSoa(String origin) {
            String o = lower(origin);
            return authority.stream().anyMatch(r -> r.type == TYPE_SOA && r.name.equals(o));
        }
    }

    private static int u16(byte[] b, int at) {
        return ((b[at] & 0xFF) << 8) | (b[at + 1] & 0xFF);
    }
}
