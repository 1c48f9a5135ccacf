package dev.wirekit.dns;

/** The kind of a DNS message (RFC 1035 §4.1.1, RFC 6895): a 4-bit code. */
public final class Opcode {
    /** A standard query: the only kind most servers answer. */
    public static final Opcode QUERY = new Opcode(0, "QUERY");
    /** An inverse query (obsolete, RFC 3425). */
    public static final Opcode IQUERY = new Opcode(1, "IQUERY");
    /** A server status request. */
    public static final Opcode STATUS = new Opcode(2, "STATUS");
    /** A zone change notification (RFC 1996). */
    public static final Opcode NOTIFY = new Opcode(4, "NOTIFY");
    /** A dynamic update (RFC 2136). */
    public static final Opcode UPDATE = new Opcode(5, "UPDATE");

    private final int code;
    private final String mnemonic;

    private Opcode(int code, String mnemonic) {
        this.code = code;
        this.mnemonic = mnemonic;
    }

    /**
     * The opcode with {@code code}.
     *
     * @throws IllegalArgumentException when {@code code} is not 0-15
     */
    public static Opcode of(int code) {
        return switch (code) {
            case 0 -> QUERY;
            case 1 -> IQUERY;
            case 2 -> STATUS;
            case 4 -> NOTIFY;
            case 5 -> UPDATE;
            default -> {
                if (code < 0 || code > 15) {
                    throw new IllegalArgumentException("opcode out of range 0-15: " + code);
                }
                yield new Opcode(code, "OPCODE" + code);
            }
        };
    }

    public int code() {
        return code;
    }

    public String mnemonic() {
        return mnemonic;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Opcode c && c.code == code;
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
