package dev.wirekit.dns;

import java.util.Locale;
import java.util.Map;

/**
 * A resource record type (RFC 1035 §3.2.2): a 16-bit code with a mnemonic. The types Wirekit
 * decodes into structured {@link RData} have constants here; every other code is still a valid
 * type ({@code TYPE65280}), carried as opaque {@link RData.Unknown} data (RFC 3597).
 *
 * <p>Two instances are equal when their codes are; compare with {@link #equals}, not {@code ==}.
 */
public final class RecordType {
    /** An IPv4 address (RFC 1035). */
    public static final RecordType A = new RecordType(1, "A");
    /** An authoritative name server (RFC 1035). */
    public static final RecordType NS = new RecordType(2, "NS");
    /** The canonical name of an alias (RFC 1035). */
    public static final RecordType CNAME = new RecordType(5, "CNAME");
    /** The start of a zone of authority (RFC 1035). */
    public static final RecordType SOA = new RecordType(6, "SOA");
    /** A domain name pointer, used for reverse lookups (RFC 1035). */
    public static final RecordType PTR = new RecordType(12, "PTR");
    /** A mail exchange (RFC 1035). */
    public static final RecordType MX = new RecordType(15, "MX");
    /** Text strings (RFC 1035). */
    public static final RecordType TXT = new RecordType(16, "TXT");
    /** An IPv6 address (RFC 3596). */
    public static final RecordType AAAA = new RecordType(28, "AAAA");
    /** A service location (RFC 2782). */
    public static final RecordType SRV = new RecordType(33, "SRV");
    /** The EDNS(0) pseudo-record (RFC 6891); carried as {@link Edns}, never as a {@link DnsRecord}. */
    public static final RecordType OPT = new RecordType(41, "OPT");
    /** Incremental zone transfer (a query type only). */
    public static final RecordType IXFR = new RecordType(251, "IXFR");
    /** Whole zone transfer (a query type only). */
    public static final RecordType AXFR = new RecordType(252, "AXFR");
    /** Every record at a name (a query type only; RFC 8482 lets servers answer minimally). */
    public static final RecordType ANY = new RecordType(255, "ANY");
    /** Certification authority authorization (RFC 8659). */
    public static final RecordType CAA = new RecordType(257, "CAA");

    private static final Map<Integer, RecordType> BY_CODE = Map.ofEntries(
            entry(A),
            entry(NS),
            entry(CNAME),
            entry(SOA),
            entry(PTR),
            entry(MX),
            entry(TXT),
            entry(AAAA),
            entry(SRV),
            entry(OPT),
            entry(IXFR),
            entry(AXFR),
            entry(ANY),
            entry(CAA));
    private static final Map<String, RecordType> BY_NAME = Map.ofEntries(
            named(A),
            named(NS),
            named(CNAME),
            named(SOA),
            named(PTR),
            named(MX),
            named(TXT),
            named(AAAA),
            named(SRV),
            named(OPT),
            named(IXFR),
            named(AXFR),
            named(ANY),
            named(CAA));

    private final int code;
    private final String mnemonic;

    private RecordType(int code, String mnemonic) {
        this.code = code;
        this.mnemonic = mnemonic;
    }

    private static Map.Entry<Integer, RecordType> entry(RecordType t) {
        return Map.entry(t.code, t);
    }

    private static Map.Entry<String, RecordType> named(RecordType t) {
        return Map.entry(t.mnemonic, t);
    }

    /**
     * The type with {@code code}: a constant when there is one, else a generic {@code TYPEnnn}.
     *
     * @throws IllegalArgumentException when {@code code} is not 0-65535
     */
    public static RecordType of(int code) {
        RecordType known = BY_CODE.get(code);
        if (known != null) {
            return known;
        }
        if (code < 0 || code > 0xFFFF) {
            throw new IllegalArgumentException("record type out of range 0-65535: " + code);
        }
        return new RecordType(code, "TYPE" + code);
    }

    /**
     * Parses a mnemonic ({@code MX}, case-insensitive) or the generic form {@code TYPE65280}.
     *
     * @throws IllegalArgumentException naming the text when it is neither
     */
    public static RecordType parse(String text) {
        String t = text.trim().toUpperCase(Locale.ROOT);
        RecordType known = BY_NAME.get(t);
        if (known != null) {
            return known;
        }
        if (t.startsWith("TYPE")
                && t.length() > 4
                && t.length() <= 9
                && t.substring(4).chars().allMatch(Character::isDigit)) {
            int code = Integer.parseInt(t.substring(4));
            if (code <= 0xFFFF) {
                return of(code);
            }
        }
        throw new IllegalArgumentException(
                "unknown record type '" + text + "' (use a mnemonic such as A or MX, or TYPEnnn)");
    }

    /** True for the names {@link #parse} accepts. */
    public static boolean isType(String text) {
        try {
            parse(text);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The 16-bit code. */
    public int code() {
        return code;
    }

    /** The mnemonic ({@code MX}), or {@code TYPEnnn} for a type without one. */
    public String mnemonic() {
        return mnemonic;
    }

    /** True for query-only types (AXFR, IXFR, ANY) and OPT, which never appear as data in a zone. */
    public boolean isMeta() {
        return code == OPT.code || (code >= 128 && code <= 255);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RecordType t && t.code == code;
    }

    @Override
    public int hashCode() {
        return code;
    }

    @Override
    public String toString() {
        return mnemonic;
    }
}
