package dev.wirekit.testkit.wire;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A DNS response as the DNS suite reads it: a small decoder of its own, independent of any
 * implementation under test. Names are compared in lower case without the trailing dot. A response
 * that cannot be read fails the rule with an {@link AssertionError} saying why.
 */
final class DnsReply {
    final byte[] data;
    final int size;
    int id;
    int flags;
    int optCount;
    int optVersion;
    int optExtendedRcode;
    final List<Question> questions = new ArrayList<>();
    final List<Record> answers = new ArrayList<>();
    final List<Record> authority = new ArrayList<>();
    final List<Record> additional = new ArrayList<>();

    record Question(byte[] name, int type, int cls) {}

    record Record(String name, int type, int cls, long ttl, int rdataOffset, int rdataLength) {}

    private DnsReply(byte[] data) {
        this.data = data;
        this.size = data.length;
    }

    static DnsReply parse(byte[] buf, int length) {
        DnsReply r = new DnsReply(Arrays.copyOf(buf, length));
        if (length < 12) {
            throw new AssertionError("a response of " + length + " bytes has no header");
        }
        try {
            r.read();
        } catch (IndexOutOfBoundsException e) {
            throw new AssertionError("the " + length + "-byte response ends inside a record or name");
        }
        return r;
    }

    private void read() {
        ByteBuffer b = ByteBuffer.wrap(data);
        id = b.getShort() & 0xFFFF;
        flags = b.getShort() & 0xFFFF;
        int qd = b.getShort() & 0xFFFF;
        int an = b.getShort() & 0xFFFF;
        int ns = b.getShort() & 0xFFFF;
        int ar = b.getShort() & 0xFFFF;
        int at = 12;
        for (int i = 0; i < qd; i++) {
            int end = skipName(at);
            questions.add(new Question(Arrays.copyOfRange(data, at, end), u16(end), u16(end + 2)));
            at = end + 4;
        }
        at = records(at, an, answers);
        at = records(at, ns, authority);
        records(at, ar, additional);
    }

    private int records(int at, int count, List<Record> out) {
        for (int i = 0; i < count; i++) {
            String name = name(at);
            int p = skipName(at);
            int type = u16(p);
            int cls = u16(p + 2);
            long ttl = ((long) u16(p + 4) << 16) | u16(p + 6);
            int rdlength = u16(p + 8);
            if (type == DnsQuery.TYPE_OPT) {
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

    /** The response code, extended by the OPT record's upper bits (RFC 6891 §6.1.3). */
    int rcode() {
        return (optExtendedRcode << 4) | (flags & 0xF);
    }

    /** The answer records of {@code owner} with {@code type}. */
    List<Record> records(String owner, int type) {
        String o = lower(owner);
        return answers.stream()
                .filter(r -> r.name().equals(o) && r.type() == type)
                .toList();
    }

    /** The IPv4 addresses of {@code owner}'s A records in the answer, dotted. */
    List<String> addresses(String owner) {
        List<String> list = new ArrayList<>();
        for (Record r : records(owner, DnsQuery.TYPE_A)) {
            if (r.rdataLength() != 4) {
                throw new AssertionError(
                        "an A record of " + owner + " has " + r.rdataLength() + " bytes of data, not 4");
            }
            int o = r.rdataOffset();
            list.add((data[o] & 0xFF) + "." + (data[o + 1] & 0xFF) + "." + (data[o + 2] & 0xFF) + "."
                    + (data[o + 3] & 0xFF));
        }
        return list;
    }

    /** Whether the authority section holds the SOA of {@code origin}. */
    boolean hasSoa(String origin) {
        String o = lower(origin);
        return authority.stream()
                .anyMatch(r -> r.type() == DnsQuery.TYPE_SOA && r.name().equals(o));
    }

    static String lower(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.endsWith(".") ? n.substring(0, n.length() - 1) : n;
    }

    private int u16(int at) {
        return ((data[at] & 0xFF) << 8) | (data[at + 1] & 0xFF);
    }

    @Override
    public String toString() {
        return "response id " + id + " rcode " + rcode() + (tc() ? " TC" : "") + " (" + size + " bytes)";
    }
}
