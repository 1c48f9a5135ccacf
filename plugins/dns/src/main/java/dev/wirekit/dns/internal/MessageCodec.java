package dev.wirekit.dns.internal;

import dev.wirekit.dns.DnsFormatException;
import dev.wirekit.dns.DnsMessage;
import dev.wirekit.dns.DnsName;
import dev.wirekit.dns.DnsQuestion;
import dev.wirekit.dns.DnsRecord;
import dev.wirekit.dns.Edns;
import dev.wirekit.dns.EdnsOption;
import dev.wirekit.dns.Opcode;
import dev.wirekit.dns.RData;
import dev.wirekit.dns.RecordClass;
import dev.wirekit.dns.RecordType;
import dev.wirekit.dns.ResponseCode;
import java.util.ArrayList;
import java.util.List;

/** RFC 1035 messages to and from bytes, with EDNS(0) and truncation to a size. */
public final class MessageCodec {
    /** The largest DNS message: what a TCP length prefix can announce. */
    public static final int MAX_MESSAGE = 65535;

    private static final int HEADER = 12;
    private static final int MIN_QUESTION = 5;
    private static final int MIN_RECORD = 11;

    private MessageCodec() {}

    /** What {@link #encode} wrote, and how much of each section fitted. */
    public record Encoded(byte[] bytes, int answers, int authorities, int additionals, boolean truncated) {}

    // ---- decode -----------------------------------------------------------------------------

    /** Decodes exactly one message from {@code length} bytes of {@code data} at {@code offset}. */
    public static DnsMessage decode(byte[] data, int offset, int length) {
        if (length < HEADER) {
            throw new DnsFormatException(
                    "a DNS message needs a 12-byte header, but only " + length + " bytes came", -1, -1);
        }
        WireReader in = new WireReader(data, offset, length);
        int id = in.u16("ID");
        int flags = in.u16("flags");
        in.header(id, flags);
        int qd = in.u16("QDCOUNT");
        int an = in.u16("ANCOUNT");
        int ns = in.u16("NSCOUNT");
        int ar = in.u16("ARCOUNT");
        long least = (long) qd * MIN_QUESTION + (long) (an + ns + ar) * MIN_RECORD;
        if (least > in.remaining()) {
            throw in.error("the header counts " + qd + " questions and " + (an + ns + ar)
                    + " records, which need at least " + least + " bytes, but only " + in.remaining() + " follow");
        }
        DnsMessage.Builder b = DnsMessage.builder()
                .id(id)
                .response((flags & 0x8000) != 0)
                .opcode(Opcode.of((flags >> 11) & 0xF))
                .authoritative((flags & 0x0400) != 0)
                .truncated((flags & 0x0200) != 0)
                .recursionDesired((flags & 0x0100) != 0)
                .recursionAvailable((flags & 0x0080) != 0)
                .authenticData((flags & 0x0020) != 0)
                .checkingDisabled((flags & 0x0010) != 0);
        DnsQuestion[] questions = new DnsQuestion[qd];
        for (int i = 0; i < qd; i++) {
            DnsName name = in.name("question", qd == 1 ? 0 : i + 1);
            int type = in.u16("question type");
            int cls = in.u16("question class");
            questions[i] = new DnsQuestion(name, RecordType.of(type), RecordClass.of(cls));
        }
        b.questions(List.of(questions));
        b.answers(section(in, an, "answer", null));
        b.authorities(section(in, ns, "authority", null));
        Edns[] opt = new Edns[1];
        int[] extended = new int[1];
        b.additionals(section(in, ar, "additional", new OptSink(opt, extended)));
        if (in.remaining() != 0) {
            throw in.error(in.remaining() + " bytes follow the last record (at offset " + in.position()
                    + "); the section counts do not match the data");
        }
        if (opt[0] != null) {
            b.edns(opt[0]);
        }
        b.rcode(ResponseCode.of((extended[0] << 4) | (flags & 0xF)));
        return b.build();
    }

    /** Where the additional section puts its one OPT record. */
    private record OptSink(Edns[] edns, int[] extendedRcode) {}

    private static List<DnsRecord> section(WireReader in, int count, String name, OptSink opt) {
        if (count == 0) {
            return List.of();
        }
        List<DnsRecord> records = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int start = in.position();
            DnsName owner = in.name(name, i + 1);
            int type = in.u16("record type");
            int cls = in.u16("record class");
            long ttl = in.u32("record TTL");
            int rdlength = in.u16("RDLENGTH");
            if (type == RecordType.OPT.code()) {
                if (opt == null) {
                    throw in.error("an OPT record at offset " + start + " in the " + name
                            + " section; OPT belongs in the additional section");
                }
                if (opt.edns[0] != null) {
                    throw in.error("a second OPT record at offset " + start + "; a message has at most one");
                }
                if (!owner.isRoot()) {
                    throw in.error("the OPT record at offset " + start + " is owned by " + owner + ", not the root");
                }
                opt.extendedRcode[0] = (int) (ttl >>> 24);
                opt.edns[0] = edns(in, cls, ttl, rdlength);
                continue;
            }
            RData data = RDataCodec.read(in, type, rdlength);
            records.add(new DnsRecord(owner, RecordClass.of(cls), ttl > DnsRecord.MAX_TTL ? 0 : ttl, data));
        }
        return records;
    }

    private static Edns edns(WireReader in, int payload, long ttl, int rdlength) {
        int version = (int) ((ttl >>> 16) & 0xFF);
        boolean dnssecOk = (ttl & 0x8000) != 0;
        int flags = (int) (ttl & 0x7FFF);
        int end = in.position() + rdlength;
        if (in.remaining() < rdlength) {
            throw in.error("OPT data of " + rdlength + " bytes runs past the end of the message");
        }
        List<EdnsOption> options = new ArrayList<>();
        while (in.position() < end) {
            int code = in.u16("EDNS option code");
            int len = in.u16("EDNS option length");
            if (in.position() + len > end) {
                throw in.error("EDNS option " + code + " of " + len + " bytes runs past the OPT data");
            }
            options.add(new EdnsOption(code, in.bytes(len, "EDNS option")));
        }
        return new Edns(payload, version, dnssecOk, flags, options);
    }

    // ---- encode -----------------------------------------------------------------------------

    /**
     * Encodes {@code m} in at most {@code limit} bytes. Questions and the OPT record always go in;
     * then whole record sets (consecutive records of one name, type and class) while they fit. A
     * record set of the answer or authority section that does not fit ends the message with TC set
     * (RFC 2181 §9); one of the additional section is simply left out.
     *
     * @throws IllegalArgumentException when even the header, questions and OPT record exceed the limit
     */
    public static Encoded encode(DnsMessage m, int limit) {
        if (m.rcode().isExtended() && m.edns().isEmpty()) {
            throw new IllegalArgumentException("response code " + m.rcode() + " needs EDNS, and the message has none");
        }
        WireWriter out = new WireWriter(Math.min(limit, 512));
        out.u16(m.id());
        int flagsAt = out.position();
        out.u16(0);
        out.u16(m.questions().size());
        int countsAt = out.position();
        out.u16(0);
        out.u16(0);
        out.u16(0);
        for (DnsQuestion q : m.questions()) {
            out.name(q.name(), true);
            out.u16(q.type().code());
            out.u16(q.recordClass().code());
        }
        int reserve = m.edns().map(Edns::wireLength).orElse(0);
        if (out.position() + reserve > limit) {
            throw new IllegalArgumentException("the header and questions alone need " + (out.position() + reserve)
                    + " bytes, over the limit of " + limit);
        }
        boolean truncated = m.truncated();
        int answers = records(out, m.answers(), limit - reserve);
        int authorities = 0;
        int additionals = 0;
        if (answers < m.answers().size()) {
            truncated = true;
        } else {
            authorities = records(out, m.authorities(), limit - reserve);
            if (authorities < m.authorities().size()) {
                truncated = true;
            } else {
                additionals = records(out, m.additionals(), limit - reserve);
            }
        }
        int extra = 0;
        if (m.edns().isPresent()) {
            opt(out, m.edns().get(), m.rcode().code() >> 4);
            extra = 1;
        }
        int flags = (m.response() ? 0x8000 : 0)
                | (m.opcode().code() << 11)
                | (m.authoritative() ? 0x0400 : 0)
                | (truncated ? 0x0200 : 0)
                | (m.recursionDesired() ? 0x0100 : 0)
                | (m.recursionAvailable() ? 0x0080 : 0)
                | (m.authenticData() ? 0x0020 : 0)
                | (m.checkingDisabled() ? 0x0010 : 0)
                | (m.rcode().code() & 0xF);
        out.patch16(flagsAt, flags);
        out.patch16(countsAt, answers);
        out.patch16(countsAt + 2, authorities);
        out.patch16(countsAt + 4, additionals + extra);
        return new Encoded(out.toByteArray(), answers, authorities, additionals, truncated);
    }

    /** Writes whole record sets while they fit under {@code limit}; returns how many records were written. */
    private static int records(WireWriter out, List<DnsRecord> records, int limit) {
        int written = 0;
        int n = records.size();
        int i = 0;
        while (i < n) {
            int mark = out.mark();
            int j = i;
            DnsRecord first = records.get(i);
            do {
                record(out, records.get(j));
                j++;
            } while (j < n && sameSet(first, records.get(j)));
            if (out.position() > limit) {
                out.reset(mark);
                return written;
            }
            written += j - i;
            i = j;
        }
        return written;
    }

    private static boolean sameSet(DnsRecord a, DnsRecord b) {
        return a.type().equals(b.type())
                && a.recordClass().equals(b.recordClass())
                && a.name().equals(b.name());
    }

    private static void record(WireWriter out, DnsRecord r) {
        out.name(r.name(), true);
        out.u16(r.type().code());
        out.u16(r.recordClass().code());
        out.u32(r.ttl());
        int lengthAt = out.position();
        out.u16(0);
        RDataCodec.write(out, r.data());
        int length = out.position() - lengthAt - 2;
        if (length > 0xFFFF) {
            throw new IllegalArgumentException("record data of " + length + " bytes is over 65535: " + r.name());
        }
        out.patch16(lengthAt, length);
    }

    private static void opt(WireWriter out, Edns e, int extendedRcode) {
        out.u8(0); // the root
        out.u16(RecordType.OPT.code());
        out.u16(e.udpPayloadSize());
        out.u32(((long) extendedRcode << 24) | ((long) e.version() << 16) | (e.dnssecOk() ? 0x8000 : 0) | e.flags());
        int len = 0;
        for (EdnsOption o : e.options()) {
            len += 4 + o.length();
        }
        out.u16(len);
        for (EdnsOption o : e.options()) {
            out.u16(o.code());
            out.u16(o.length());
            out.bytes(o.data());
        }
    }
}
