package dev.wirekit.dns;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * One option of an EDNS(0) OPT record (RFC 6891 §6.1.2): a 16-bit code and opaque data
 * (a cookie, client subnet, padding...).
 *
 * @param code the option code
 * @param data the option's bytes, at most 65535
 */
public record EdnsOption(int code, byte[] data) {
    /** DNS cookie (RFC 7873). */
    public static final int COOKIE = 10;
    /** Padding (RFC 7830). */
    public static final int PADDING = 12;

    public EdnsOption {
        if (code < 0 || code > 0xFFFF) {
            throw new IllegalArgumentException("EDNS option code out of range 0-65535: " + code);
        }
        if (data.length > 0xFFFF) {
            throw new IllegalArgumentException("EDNS option of " + data.length + " bytes is over 65535");
        }
        data = data.clone();
    }

    /** A copy of the option's bytes. */
    @Override
    public byte[] data() {
        return data.clone();
    }

    /** The number of bytes of data. */
    public int length() {
        return data.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EdnsOption e && e.code == code && Arrays.equals(e.data, data);
    }

    @Override
    public int hashCode() {
        return 31 * code + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "option " + code + ": " + HexFormat.of().formatHex(data);
    }
}
