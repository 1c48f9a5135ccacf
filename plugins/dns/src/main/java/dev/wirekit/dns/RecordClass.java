package dev.wirekit.dns;

import java.util.Locale;

/**
 * A resource record class (RFC 1035 §3.2.4): almost always {@link #IN}. Any 16-bit code is valid;
 * codes without a mnemonic print as {@code CLASS42} (RFC 3597).
 */
public final class RecordClass {
    /** The Internet. */
    public static final RecordClass IN = new RecordClass(1, "IN");
    /** Chaos (used for {@code version.bind}-style server queries). */
    public static final RecordClass CH = new RecordClass(3, "CH");
    /** Hesiod. */
    public static final RecordClass HS = new RecordClass(4, "HS");
    /** NONE (dynamic update, RFC 2136). */
    public static final RecordClass NONE = new RecordClass(254, "NONE");
    /** Any class (a query class only). */
    public static final RecordClass ANY = new RecordClass(255, "ANY");

    private final int code;
    private final String mnemonic;

    private RecordClass(int code, String mnemonic) {
        this.code = code;
        this.mnemonic = mnemonic;
    }

    /**
     * The class with {@code code}.
     *
     * @throws IllegalArgumentException when {@code code} is not 0-65535
     */
    public static RecordClass of(int code) {
        return switch (code) {
            case 1 -> IN;
            case 3 -> CH;
            case 4 -> HS;
            case 254 -> NONE;
            case 255 -> ANY;
            default -> {
                if (code < 0 || code > 0xFFFF) {
                    throw new IllegalArgumentException("record class out of range 0-65535: " + code);
                }
                yield new RecordClass(code, "CLASS" + code);
            }
        };
    }

    /**
     * Parses a mnemonic ({@code IN}, case-insensitive) or {@code CLASSnnn}.
     *
     * @throws IllegalArgumentException when it is neither
     */
    public static RecordClass parse(String text) {
        String t = text.trim().toUpperCase(Locale.ROOT);
        switch (t) {
            case "IN":
                return IN;
            case "CH":
                return CH;
            case "HS":
                return HS;
            case "NONE":
                return NONE;
            case "ANY":
                return ANY;
            default:
                if (t.startsWith("CLASS")
                        && t.length() > 5
                        && t.length() <= 10
                        && t.substring(5).chars().allMatch(Character::isDigit)) {
                    int code = Integer.parseInt(t.substring(5));
                    if (code <= 0xFFFF) {
                        return of(code);
                    }
                }
                throw new IllegalArgumentException("unknown record class '" + text + "'");
        }
    }

    /** True for the names {@link #parse} accepts. */
    public static boolean isClass(String text) {
        try {
            parse(text);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    public int code() {
        return code;
    }

    public String mnemonic() {
        return mnemonic;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RecordClass c && c.code == code;
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
