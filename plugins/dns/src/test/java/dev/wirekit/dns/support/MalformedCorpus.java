package dev.wirekit.dns.support;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Malformed DNS messages, each with what is wrong with it: the cases a strict decoder must refuse
 * (and a server must answer FORMERR or drop) without crashing or looping.
 */
public final class MalformedCorpus {
    private MalformedCorpus() {}

    /**
     * One malformed message.
     *
     * @param name what is wrong
     * @param bytes the message
     * @param expected a fragment of the decoder's error message
     * @param headerReadable whether the 12-byte header is there (a server can then answer FORMERR)
     */
    public record Case(String name, byte[] bytes, String expected, boolean headerReadable) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replace(" ", ""));
    }

    /** A query header: ID 0xBEEF, RD, with the given counts. */
    private static String header(int qd, int an, int ns, int ar) {
        return String.format("beef 0100 %04x %04x %04x %04x", qd, an, ns, ar);
    }

    private static final String QUESTION = "03 777777 07 6578616d706c65 00 0001 0001"; // www.example A IN

    public static List<Case> cases() {
        List<Case> c = new ArrayList<>();
        c.add(new Case("empty datagram", new byte[0], "12-byte header", false));
        c.add(new Case("header cut short", hex("beef 0100 0001 00"), "12-byte header", false));
        c.add(new Case("question promised, none there", hex(header(1, 0, 0, 0)), "counts", true));
        c.add(new Case("name cut mid-label", hex(header(1, 0, 0, 0) + "0a 61626364"), "runs past", true));
        c.add(new Case(
                "question without type and class", hex(header(1, 0, 0, 0) + "01 61 00 0001"), "needs 2 bytes", true));
        c.add(new Case("pointer to itself", hex(header(1, 0, 0, 0) + "c00c 0001 0001"), "points forward", true));
        c.add(new Case("forward pointer", hex(header(1, 0, 0, 0) + "c012 0001 0001 01 61 00"), "points forward", true));
        c.add(new Case(
                "pointer loop between two records",
                hex(header(1, 1, 0, 0) + "01 61 c01d 0001 0001" + "c00e 0001 0001 00000000 0000"),
                "points forward",
                true));
        c.add(new Case("pointer into the header", hex(header(1, 0, 0, 0) + "c004 0001 0001"), "into the header", true));
        c.add(new Case("pointer cut off", hex(header(1, 0, 0, 0) + "01 61 01 62 c0"), "cut off", true));
        c.add(new Case("label type 0x40", hex(header(1, 0, 0, 0) + "41 00 0001 0001"), "label type", true));
        c.add(new Case("label type 0x80", hex(header(1, 0, 0, 0) + "81 00 0001 0001"), "label type", true));
        c.add(new Case(
                "label of 64 bytes (0x40 is no length)",
                hex(header(1, 0, 0, 0) + "40" + "61".repeat(64) + "00 0001 0001"),
                "label type",
                true));
        c.add(new Case(
                "name over 255 bytes",
                hex(header(1, 0, 0, 0) + ("3f" + "61".repeat(63)).repeat(4) + "00 0001 0001"),
                "longer than 255",
                true));
        c.add(new Case("name over 255 bytes through pointers", longNameThroughPointers(), "longer than 255", true));
        c.add(new Case("more than 127 pointer hops", pointerChain(130), "compression pointers", true));
        c.add(new Case("answer count far over the data", hex(header(1, 0xFFFF, 0, 0) + QUESTION), "counts", true));
        c.add(new Case(
                "record count one too many",
                hex(header(1, 2, 0, 0) + QUESTION + "c00c 0001 0001 00000e10 0004 c0000201"),
                "runs past",
                true));
        c.add(new Case(
                "trailing bytes after the last record",
                hex(header(1, 0, 0, 0) + QUESTION + "00 00"),
                "follow the last record",
                true));
        c.add(new Case(
                "A record of 5 bytes",
                hex(header(1, 1, 0, 0) + QUESTION + "c00c 0001 0001 00000e10 0005 c000020101"),
                "must be 4 bytes",
                true));
        c.add(new Case(
                "RDLENGTH past the end",
                hex(header(1, 1, 0, 0) + QUESTION + "c00c 0010 0001 00000e10 00ff 0361"),
                "runs past the end",
                true));
        c.add(new Case(
                "CNAME shorter than its RDLENGTH",
                hex(header(1, 1, 0, 0) + QUESTION + "c00c 0005 0001 00000e10 0004 c00c 0000"),
                "RDLENGTH says 4",
                true));
        c.add(new Case(
                "TXT string past its record",
                hex(header(1, 1, 0, 0) + QUESTION + "c00c 0010 0001 00000e10 0002 05 61"),
                "TXT string",
                true));
        c.add(new Case(
                "empty TXT", hex(header(1, 1, 0, 0) + QUESTION + "c00c 0010 0001 00000e10 0000"), "TXT data", true));
        c.add(new Case(
                "CAA tag of length 0",
                hex(header(1, 1, 0, 0) + QUESTION + "c00c 0101 0001 00000e10 0003 00 00 61"),
                "CAA tag length",
                true));
        c.add(new Case(
                "OPT in the answer section",
                hex(header(1, 1, 0, 0) + QUESTION + "00 0029 04d0 00000000 0000"),
                "OPT belongs in the additional",
                true));
        c.add(new Case(
                "two OPT records",
                hex(header(1, 0, 0, 2) + QUESTION + "00 0029 04d0 00000000 0000".repeat(2)),
                "second OPT",
                true));
        c.add(new Case(
                "OPT not owned by the root",
                hex(header(1, 0, 0, 1) + QUESTION + "c00c 0029 04d0 00000000 0000"),
                "not the root",
                true));
        c.add(new Case(
                "EDNS option past the OPT data",
                hex(header(1, 0, 0, 1) + QUESTION + "00 0029 04d0 00000000 0004 000a 0008"),
                "EDNS option",
                true));
        c.add(new Case(
                "response with a bad question", hex("beef 8180 0001 0000 0000 0000 0a 6162636465"), "runs past", true));
        return c;
    }

    /** Names chained by backward pointers that together exceed 255 bytes. */
    private static byte[] longNameThroughPointers() {
        // question 1: a 63-byte label + root; each later question adds a 63-byte label and points back
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(hex(header(5, 0, 0, 0)));
        int previous = b.size();
        b.writeBytes(hex("3f" + "61".repeat(63) + "00 0001 0001"));
        for (int i = 0; i < 4; i++) {
            int here = b.size();
            b.writeBytes(hex("3f" + "62".repeat(63)));
            b.write(0xC0 | (previous >> 8));
            b.write(previous & 0xFF);
            b.writeBytes(hex("0001 0001"));
            previous = here;
        }
        return b.toByteArray();
    }

    /** A question root, then an opaque record holding a chain of pointers, then a name at its end. */
    private static byte[] pointerChain(int hops) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(hex(header(1, 1, 0, 0)));
        b.writeBytes(hex("00 0001 0001")); // question: the root at offset 12
        b.writeBytes(hex("00 ff00 0001 00000000"));
        b.write((hops * 2) >> 8);
        b.write(hops * 2);
        int start = b.size();
        for (int i = 0; i < hops; i++) {
            int target = i == 0 ? 12 : start + 2 * (i - 1);
            b.write(0xC0 | (target >> 8));
            b.write(target & 0xFF);
        }
        // a second answer whose owner points at the last pointer of the chain
        byte[] bytes = b.toByteArray();
        bytes[7] = 2; // ANCOUNT = 2
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(bytes);
        int last = start + 2 * (hops - 1);
        out.write(0xC0 | (last >> 8));
        out.write(last & 0xFF);
        out.writeBytes(hex("0001 0001 00000000 0004 c0000201"));
        return out.toByteArray();
    }
}
