package dev.wirekit.dns;

import dev.wirekit.dns.internal.Escapes;
import dev.wirekit.dns.internal.IpLiterals;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * The data of a resource record, one record type per implementation. Immutable; {@code toString()}
 * is the master-file (presentation) form, as {@code dig} prints it.
 *
 * <pre>{@code
 * String shown = switch (record.data()) {
 *     case RData.A a -> a.address().getHostAddress();
 *     case RData.Mx mx -> mx.preference() + " " + mx.exchange();
 *     default -> record.data().toString();
 * };
 * }</pre>
 *
 * <p>Types Wirekit does not model are kept as {@link Unknown}: their bytes travel unchanged
 * (RFC 3597). Every constructor checks its values against what the wire format can carry.
 */
public sealed interface RData
        permits RData.A,
                RData.Aaaa,
                RData.Cname,
                RData.Ns,
                RData.Ptr,
                RData.Mx,
                RData.Txt,
                RData.Soa,
                RData.Srv,
                RData.Caa,
                RData.Unknown {

    /** The type of record this data belongs to. */
    RecordType type();

    /** An IPv4 address. */
    record A(Inet4Address address) implements RData {
        public A {
            Objects.requireNonNull(address, "address");
        }

        /** The A record for a dotted-quad address such as {@code 192.0.2.1}. */
        public static A of(String dottedQuad) {
            Inet4Address v4 = IpLiterals.ipv4(dottedQuad.trim());
            if (v4 == null) {
                throw new IllegalArgumentException("not an IPv4 address: '" + dottedQuad + "'");
            }
            return new A(v4);
        }

        @Override
        public RecordType type() {
            return RecordType.A;
        }

        @Override
        public String toString() {
            return address.getHostAddress();
        }
    }

    /** An IPv6 address. */
    record Aaaa(Inet6Address address) implements RData {
        public Aaaa {
            Objects.requireNonNull(address, "address");
        }

        /** The AAAA record for an IPv6 address such as {@code 2001:db8::1}. */
        public static Aaaa of(String text) {
            Inet6Address v6 = IpLiterals.ipv6(text.trim());
            if (v6 == null) {
                throw new IllegalArgumentException("not an IPv6 address: '" + text + "'");
            }
            return new Aaaa(v6);
        }

        @Override
        public RecordType type() {
            return RecordType.AAAA;
        }

        @Override
        public String toString() {
            return IpLiterals.ipv6Text(address.getAddress());
        }
    }

    /** The canonical name of an alias. */
    record Cname(DnsName target) implements RData {
        public Cname {
            Objects.requireNonNull(target, "target");
        }

        @Override
        public RecordType type() {
            return RecordType.CNAME;
        }

        @Override
        public String toString() {
            return target.toString();
        }
    }

    /** An authoritative name server for the owner's zone. */
    record Ns(DnsName host) implements RData {
        public Ns {
            Objects.requireNonNull(host, "host");
        }

        @Override
        public RecordType type() {
            return RecordType.NS;
        }

        @Override
        public String toString() {
            return host.toString();
        }
    }

    /** A pointer to another name; the answer of a reverse lookup. */
    record Ptr(DnsName target) implements RData {
        public Ptr {
            Objects.requireNonNull(target, "target");
        }

        @Override
        public RecordType type() {
            return RecordType.PTR;
        }

        @Override
        public String toString() {
            return target.toString();
        }
    }

    /** A mail exchange; lower preference is tried first. */
    record Mx(int preference, DnsName exchange) implements RData {
        public Mx {
            check16("preference", preference);
            Objects.requireNonNull(exchange, "exchange");
        }

        @Override
        public RecordType type() {
            return RecordType.MX;
        }

        @Override
        public String toString() {
            return preference + " " + exchange;
        }
    }

    /**
     * One or more character-strings of 0-255 bytes each. Their bytes are arbitrary; {@link #text()}
     * reads them as UTF-8.
     */
    record Txt(List<byte[]> strings) implements RData {
        public Txt {
            if (strings.isEmpty()) {
                throw new IllegalArgumentException("a TXT record needs at least one string");
            }
            List<byte[]> copy = new ArrayList<>(strings.size());
            for (byte[] s : strings) {
                if (s.length > 255) {
                    throw new IllegalArgumentException("TXT string of " + s.length + " bytes is over 255");
                }
                copy.add(s.clone());
            }
            strings = List.copyOf(copy);
        }

        /** A TXT record of UTF-8 strings, each at most 255 bytes once encoded. */
        public static Txt of(String... texts) {
            List<byte[]> list = new ArrayList<>(texts.length);
            for (String t : texts) {
                list.add(t.getBytes(StandardCharsets.UTF_8));
            }
            return new Txt(list);
        }

        /** Copies of the strings' bytes. */
        @Override
        public List<byte[]> strings() {
            return strings.stream().map(byte[]::clone).toList();
        }

        /** The strings as UTF-8 text (malformed bytes become U+FFFD). */
        public List<String> text() {
            return strings.stream()
                    .map(s -> new String(s, StandardCharsets.UTF_8))
                    .toList();
        }

        @Override
        public RecordType type() {
            return RecordType.TXT;
        }

        @Override
        public boolean equals(Object o) {
            if (!(o instanceof Txt other) || other.strings.size() != strings.size()) {
                return false;
            }
            for (int i = 0; i < strings.size(); i++) {
                if (!Arrays.equals(strings.get(i), other.strings.get(i))) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public int hashCode() {
            int h = 1;
            for (byte[] s : strings) {
                h = 31 * h + Arrays.hashCode(s);
            }
            return h;
        }

        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder();
            for (byte[] s : strings) {
                if (!sb.isEmpty()) {
                    sb.append(' ');
                }
                Escapes.quoted(sb, s);
            }
            return sb.toString();
        }
    }

    /** The start of a zone of authority; its MINIMUM is the TTL of negative answers (RFC 2308). */
    record Soa(DnsName mname, DnsName rname, long serial, long refresh, long retry, long expire, long minimum)
            implements RData {
        public Soa {
            Objects.requireNonNull(mname, "mname");
            Objects.requireNonNull(rname, "rname");
            check32("serial", serial);
            check32("refresh", refresh);
            check32("retry", retry);
            check32("expire", expire);
            check32("minimum", minimum);
        }

        @Override
        public RecordType type() {
            return RecordType.SOA;
        }

        @Override
        public String toString() {
            return mname + " " + rname + " " + serial + " " + refresh + " " + retry + " " + expire + " " + minimum;
        }
    }

    /** A service location (RFC 2782). */
    record Srv(int priority, int weight, int port, DnsName target) implements RData {
        public Srv {
            check16("priority", priority);
            check16("weight", weight);
            check16("port", port);
            Objects.requireNonNull(target, "target");
        }

        @Override
        public RecordType type() {
            return RecordType.SRV;
        }

        @Override
        public String toString() {
            return priority + " " + weight + " " + port + " " + target;
        }
    }

    /**
     * A certification authority authorization (RFC 8659): flags, a tag of 1-15 ASCII letters and
     * digits ({@code issue}, {@code iodef}), and a value.
     */
    record Caa(int flags, String tag, byte[] value) implements RData {
        public Caa {
            if (flags < 0 || flags > 255) {
                throw new IllegalArgumentException("CAA flags out of range 0-255: " + flags);
            }
            if (tag.isEmpty()
                    || tag.length() > 15
                    || !tag.chars().allMatch(c -> c < 0x80 && Character.isLetterOrDigit(c))) {
                throw new IllegalArgumentException("CAA tag must be 1-15 ASCII letters or digits: '" + tag + "'");
            }
            value = value.clone();
        }

        /** A CAA record whose value is UTF-8 text. */
        public static Caa of(int flags, String tag, String value) {
            return new Caa(flags, tag, value.getBytes(StandardCharsets.UTF_8));
        }

        /** True when the critical flag (128) is set. */
        public boolean critical() {
            return (flags & 128) != 0;
        }

        @Override
        public byte[] value() {
            return value.clone();
        }

        @Override
        public RecordType type() {
            return RecordType.CAA;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Caa c && c.flags == flags && c.tag.equals(tag) && Arrays.equals(c.value, value);
        }

        @Override
        public int hashCode() {
            return Objects.hash(flags, tag, Arrays.hashCode(value));
        }

        @Override
        public String toString() {
            StringBuilder sb =
                    new StringBuilder().append(flags).append(' ').append(tag).append(' ');
            Escapes.quoted(sb, value);
            return sb.toString();
        }
    }

    /**
     * Data of a type Wirekit does not model, kept as opaque bytes (RFC 3597); written
     * {@code \# 4 c0000201} in presentation form.
     */
    record Unknown(RecordType type, byte[] data) implements RData {
        public Unknown {
            Objects.requireNonNull(type, "type");
            if (data.length > 0xFFFF) {
                throw new IllegalArgumentException("record data of " + data.length + " bytes is over 65535");
            }
            data = data.clone();
        }

        @Override
        public byte[] data() {
            return data.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Unknown u && u.type.equals(type) && Arrays.equals(u.data, data);
        }

        @Override
        public int hashCode() {
            return 31 * type.hashCode() + Arrays.hashCode(data);
        }

        @Override
        public String toString() {
            return data.length == 0
                    ? "\\# 0"
                    : "\\# " + data.length + " " + HexFormat.of().formatHex(data);
        }
    }

    private static void check16(String what, int value) {
        if (value < 0 || value > 0xFFFF) {
            throw new IllegalArgumentException(what + " out of range 0-65535: " + value);
        }
    }

    private static void check32(String what, long value) {
        if (value < 0 || value > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException(what + " out of range 0-4294967295: " + value);
        }
    }
}
