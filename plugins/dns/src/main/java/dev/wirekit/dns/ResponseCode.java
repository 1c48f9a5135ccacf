package dev.wirekit.dns;

/**
 * A response code (RFC 1035 §4.1.1, RFC 6895): 4 bits in the header, extended to 12 bits by the
 * EDNS(0) OPT record (RFC 6891). A code above 15 can only be sent in a message with {@link Edns}.
 */
public final class ResponseCode {
    /** No error. */
    public static final ResponseCode NOERROR = new ResponseCode(0, "NOERROR");
    /** The server could not interpret the query. */
    public static final ResponseCode FORMERR = new ResponseCode(1, "FORMERR");
    /** The server failed to process the query (an upstream that did not answer, say). */
    public static final ResponseCode SERVFAIL = new ResponseCode(2, "SERVFAIL");
    /** The name does not exist (authoritative answers only). */
    public static final ResponseCode NXDOMAIN = new ResponseCode(3, "NXDOMAIN");
    /** The server does not support this kind of query. */
    public static final ResponseCode NOTIMP = new ResponseCode(4, "NOTIMP");
    /** The server refuses to answer, by policy. */
    public static final ResponseCode REFUSED = new ResponseCode(5, "REFUSED");
    /** A name that should not exist does (dynamic update). */
    public static final ResponseCode YXDOMAIN = new ResponseCode(6, "YXDOMAIN");
    /** An RRset that should not exist does (dynamic update). */
    public static final ResponseCode YXRRSET = new ResponseCode(7, "YXRRSET");
    /** An RRset that should exist does not (dynamic update). */
    public static final ResponseCode NXRRSET = new ResponseCode(8, "NXRRSET");
    /** The server is not authoritative for the zone. */
    public static final ResponseCode NOTAUTH = new ResponseCode(9, "NOTAUTH");
    /** A name is not within the zone. */
    public static final ResponseCode NOTZONE = new ResponseCode(10, "NOTZONE");
    /** The query's EDNS version is not supported (extended code, needs EDNS). */
    public static final ResponseCode BADVERS = new ResponseCode(16, "BADVERS");

    private static final ResponseCode[] SMALL = {
        NOERROR, FORMERR, SERVFAIL, NXDOMAIN, NOTIMP, REFUSED, YXDOMAIN, YXRRSET, NXRRSET, NOTAUTH, NOTZONE
    };

    private final int code;
    private final String mnemonic;

    private ResponseCode(int code, String mnemonic) {
        this.code = code;
        this.mnemonic = mnemonic;
    }

    /**
     * The response code with {@code code}.
     *
     * @throws IllegalArgumentException when {@code code} is not 0-4095
     */
    public static ResponseCode of(int code) {
        if (code >= 0 && code < SMALL.length) {
            return SMALL[code];
        }
        if (code == 16) {
            return BADVERS;
        }
        if (code < 0 || code > 0xFFF) {
            throw new IllegalArgumentException("response code out of range 0-4095: " + code);
        }
        return new ResponseCode(code, "RCODE" + code);
    }

    /** The full 12-bit code. */
    public int code() {
        return code;
    }

    /** True when the code needs the EDNS(0) extension (above 15). */
    public boolean isExtended() {
        return code > 15;
    }

    public String mnemonic() {
        return mnemonic;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ResponseCode c && c.code == code;
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
