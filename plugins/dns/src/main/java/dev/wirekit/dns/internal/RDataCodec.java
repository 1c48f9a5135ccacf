package dev.wirekit.dns.internal;

import dev.wirekit.dns.DnsFormatException;
import dev.wirekit.dns.RData;
import dev.wirekit.dns.RecordType;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The wire form of each record type's data. Names inside the data of the RFC 1035 types (NS,
 * CNAME, PTR, MX, SOA) are compressed on encode; SRV targets never are (RFC 2782), though a
 * compressed one is accepted on decode.
 */
final class RDataCodec {
    private RDataCodec() {}

    /** Reads {@code length} bytes of data of type {@code type}; exactly that many, or it fails. */
    static RData read(WireReader in, int typeCode, int length) {
        int start = in.position();
        if (in.remaining() < length) {
            throw in.error("record data of " + length + " bytes at offset " + start
                    + " runs past the end of the message (" + in.remaining() + " bytes left)");
        }
        RData data = switch (typeCode) {
            case 1 -> new RData.A((Inet4Address) address(in, 4, length));
            case 28 -> {
                byte[] b = fixed(in, 16, length, "AAAA");
                try {
                    yield new RData.Aaaa(Inet6Address.getByAddress(null, b, -1));
                } catch (UnknownHostException e) {
                    throw in.error("AAAA data unreadable: " + e.getMessage());
                }
            }
            case 2 -> new RData.Ns(in.name("NS data"));
            case 5 -> new RData.Cname(in.name("CNAME data"));
            case 12 -> new RData.Ptr(in.name("PTR data"));
            case 15 -> new RData.Mx(in.u16("MX preference"), in.name("MX exchange"));
            case 16 -> txt(in, start, length);
            case 6 ->
                new RData.Soa(
                        in.name("SOA mname"),
                        in.name("SOA rname"),
                        in.u32("SOA serial"),
                        in.u32("SOA refresh"),
                        in.u32("SOA retry"),
                        in.u32("SOA expire"),
                        in.u32("SOA minimum"));
            case 33 ->
                new RData.Srv(in.u16("SRV priority"), in.u16("SRV weight"), in.u16("SRV port"), in.name("SRV target"));
            case 257 -> caa(in, length);
            default -> new RData.Unknown(RecordType.of(typeCode), in.bytes(length, "record data"));
        };
        int used = in.position() - start;
        if (used != length) {
            throw in.error(RecordType.of(typeCode) + " data at offset " + start + " is " + used
                    + " bytes but its RDLENGTH says " + length);
        }
        return data;
    }

    private static InetAddress address(WireReader in, int size, int length) {
        byte[] b = fixed(in, size, length, size == 4 ? "A" : "AAAA");
        try {
            return InetAddress.getByAddress(b);
        } catch (UnknownHostException e) {
            throw in.error("address unreadable: " + e.getMessage());
        }
    }

    private static byte[] fixed(WireReader in, int size, int length, String type) {
        if (length != size) {
            throw in.error(
                    type + " data must be " + size + " bytes, RDLENGTH says " + length + " at offset " + in.position());
        }
        return in.bytes(size, type + " data");
    }

    private static RData.Txt txt(WireReader in, int start, int length) {
        if (length == 0) {
            throw in.error("TXT data at offset " + start + " is empty; it needs at least one character-string");
        }
        List<byte[]> strings = new ArrayList<>();
        while (in.position() - start < length) {
            int n = in.u8("TXT string length");
            if (in.position() - start + n > length) {
                throw in.error("TXT string of " + n + " bytes at offset " + (in.position() - 1)
                        + " runs past the record data");
            }
            strings.add(in.bytes(n, "TXT string"));
        }
        return new RData.Txt(strings);
    }

    private static RData.Caa caa(WireReader in, int length) {
        int start = in.position();
        int flags = in.u8("CAA flags");
        int tagLength = in.u8("CAA tag length");
        if (tagLength < 1 || tagLength > 15 || 2 + tagLength > length) {
            throw in.error("CAA tag length " + tagLength + " at offset " + (start + 1)
                    + " is not 1-15 or runs past the record data");
        }
        String tag = new String(in.bytes(tagLength, "CAA tag"), StandardCharsets.ISO_8859_1);
        if (!tag.chars().allMatch(c -> c < 0x80 && Character.isLetterOrDigit(c))) {
            throw in.error("CAA tag at offset " + (start + 2) + " is not ASCII letters and digits");
        }
        byte[] value = in.bytes(length - 2 - tagLength, "CAA value");
        return new RData.Caa(flags, tag, value);
    }

    /**
     * Data of {@code type} given as its bytes alone (RFC 3597 {@code \#} form, or an upstream's
     * unknown type): a known type is decoded into its structured form, whose names must then be
     * uncompressed.
     *
     * @throws IllegalArgumentException when the bytes are not valid data of that type
     */
    static RData standalone(RecordType type, byte[] data) {
        if (type.isMeta()) {
            throw new IllegalArgumentException(type + " is a query type, not record data");
        }
        try {
            WireReader in = new WireReader(data, 0, data.length);
            return read(in, type.code(), data.length);
        } catch (DnsFormatException e) {
            throw new IllegalArgumentException("not valid " + type + " data: " + e.getMessage(), e);
        }
    }

    /** Writes {@code data}'s bytes (without the RDLENGTH, which the caller patches). */
    static void write(WireWriter out, RData data) {
        switch (data) {
            case RData.A a -> out.bytes(a.address().getAddress());
            case RData.Aaaa a -> out.bytes(a.address().getAddress());
            case RData.Ns ns -> out.name(ns.host(), true);
            case RData.Cname c -> out.name(c.target(), true);
            case RData.Ptr p -> out.name(p.target(), true);
            case RData.Mx mx -> {
                out.u16(mx.preference());
                out.name(mx.exchange(), true);
            }
            case RData.Txt txt -> {
                for (byte[] s : txt.strings()) {
                    out.u8(s.length);
                    out.bytes(s);
                }
            }
            case RData.Soa soa -> {
                out.name(soa.mname(), true);
                out.name(soa.rname(), true);
                out.u32(soa.serial());
                out.u32(soa.refresh());
                out.u32(soa.retry());
                out.u32(soa.expire());
                out.u32(soa.minimum());
            }
            case RData.Srv srv -> {
                out.u16(srv.priority());
                out.u16(srv.weight());
                out.u16(srv.port());
                out.name(srv.target(), false);
            }
            case RData.Caa caa -> {
                out.u8(caa.flags());
                out.u8(caa.tag().length());
                out.bytes(caa.tag().getBytes(StandardCharsets.ISO_8859_1));
                out.bytes(caa.value());
            }
            case RData.Unknown u -> out.bytes(u.data());
        }
    }
}
