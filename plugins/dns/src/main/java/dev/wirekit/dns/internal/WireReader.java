package dev.wirekit.dns.internal;

import dev.wirekit.dns.DnsFormatException;
import dev.wirekit.dns.DnsName;

/**
 * Reads a DNS message's bytes strictly: every read is bounds-checked, and names are decompressed
 * only through pointers that point strictly backwards (so they cannot loop), never into the
 * header, and never through more than {@link #MAX_POINTERS} hops. Every failure is a
 * {@link DnsFormatException} naming the offset.
 */
final class WireReader {
    /** Pointer hops allowed while reading one name; a name has at most 127 labels. */
    static final int MAX_POINTERS = 127;

    private static final int HEADER = 12;

    private final byte[] data;
    private final int base;
    private final int length;
    private int pos;
    private int id = -1;
    private int flags = -1;
    /** Where a name is assembled before it is copied out at its exact length. */
    private final byte[] scratch = new byte[DnsName.MAX_LENGTH];

    WireReader(byte[] data, int offset, int length) {
        this.data = data;
        this.base = offset;
        this.length = length;
    }

    /** Remembers the header so that every later error can name the message's ID and flags. */
    void header(int id, int flags) {
        this.id = id;
        this.flags = flags;
    }

    int position() {
        return pos;
    }

    int length() {
        return length;
    }

    int remaining() {
        return length - pos;
    }

    DnsFormatException error(String what) {
        return new DnsFormatException(what, id, flags);
    }

    private void need(int n, String what) {
        if (length - pos < n) {
            throw error(
                    what + " needs " + n + " bytes at offset " + pos + " but the message ends after " + (length - pos));
        }
    }

    int u8(String what) {
        need(1, what);
        return data[base + pos++] & 0xFF;
    }

    int u16(String what) {
        need(2, what);
        int v = ((data[base + pos] & 0xFF) << 8) | (data[base + pos + 1] & 0xFF);
        pos += 2;
        return v;
    }

    long u32(String what) {
        need(4, what);
        long v = ((long) (data[base + pos] & 0xFF) << 24)
                | ((data[base + pos + 1] & 0xFF) << 16)
                | ((data[base + pos + 2] & 0xFF) << 8)
                | (data[base + pos + 3] & 0xFF);
        pos += 4;
        return v;
    }

    byte[] bytes(int n, String what) {
        need(n, what);
        byte[] b = new byte[n];
        System.arraycopy(data, base + pos, b, 0, n);
        pos += n;
        return b;
    }

    /** Reads a possibly compressed name; {@code what} names it in errors. */
    DnsName name(String what) {
        return name(what, 0);
    }

    /**
     * Reads a possibly compressed name, named {@code section} and {@code index} (when not 0) in errors:
     * the error text is only built when there is an error.
     */
    DnsName name(String section, int index) {
        byte[] out = scratch;
        int outLength = 0;
        int p = pos;
        int end = -1;
        int floor = pos; // a pointer must point below the start of the labels being read
        int hops = 0;
        while (true) {
            if (p >= length) {
                throw error(label(section, index) + ": name at offset " + pos + " runs past the end of the message");
            }
            int len = data[base + p] & 0xFF;
            int kind = len & 0xC0;
            if (kind == 0xC0) {
                if (p + 1 >= length) {
                    throw error(label(section, index) + ": compression pointer at offset " + p + " is cut off");
                }
                int target = ((len & 0x3F) << 8) | (data[base + p + 1] & 0xFF);
                if (target >= floor) {
                    throw error(label(section, index) + ": compression pointer at offset " + p
                            + " points forward (or to itself) to " + target
                            + "; pointers must point to an earlier name");
                }
                if (target < HEADER) {
                    throw error(label(section, index) + ": compression pointer at offset " + p
                            + " points into the header (" + target + ")");
                }
                if (++hops > MAX_POINTERS) {
                    throw error(label(section, index) + ": name at offset " + pos + " follows more than " + MAX_POINTERS
                            + " compression pointers");
                }
                if (end < 0) {
                    end = p + 2;
                }
                floor = target;
                p = target;
                continue;
            }
            if (kind != 0) {
                throw error(label(section, index) + ": label type 0x" + Integer.toHexString(kind) + " at offset " + p
                        + " is not supported (only plain labels and pointers)");
            }
            if (len == 0) {
                out[outLength++] = 0;
                p++;
                break;
            }
            if (outLength + 1 + len + 1 > DnsName.MAX_LENGTH) {
                throw error(label(section, index) + ": name at offset " + pos + " is longer than " + DnsName.MAX_LENGTH
                        + " bytes");
            }
            if (p + 1 + len > length) {
                throw error(label(section, index) + ": label at offset " + p + " of " + len
                        + " bytes runs past the end of the message");
            }
            out[outLength++] = (byte) len;
            System.arraycopy(data, base + p + 1, out, outLength, len);
            outLength += len;
            p += 1 + len;
        }
        pos = end >= 0 ? end : p;
        if (outLength == 1) {
            return DnsName.ROOT;
        }
        byte[] wire = new byte[outLength];
        System.arraycopy(out, 0, wire, 0, outLength);
        return DnsName.fromWire(wire);
    }

    private static String label(String section, int index) {
        return index == 0 ? section : section + " " + index;
    }
}
