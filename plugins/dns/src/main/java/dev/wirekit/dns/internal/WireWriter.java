package dev.wirekit.dns.internal;

import dev.wirekit.dns.DnsName;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;

/**
 * Writes a DNS message into a growing array, compressing names against the names already written
 * (RFC 1035 §4.1.4). {@link #mark()} and {@link #reset(int)} let the encoder take back a record
 * set that does not fit, compression entries included.
 */
final class WireWriter {
    /** Pointers are 14 bits: names written beyond this offset cannot be pointed to. */
    private static final int MAX_POINTER = 0x3FFF;

    private byte[] buf;
    private int pos;
    private final HashMap<DnsName, Integer> names = new HashMap<>();
    private final List<DnsName> order = new ArrayList<>();

    WireWriter(int initialCapacity) {
        buf = new byte[initialCapacity];
    }

    int position() {
        return pos;
    }

    int mark() {
        return pos;
    }

    /** Forgets everything written from {@code mark} on. */
    void reset(int mark) {
        pos = mark;
        for (int i = order.size() - 1; i >= 0; i--) {
            DnsName n = order.get(i);
            Integer at = names.get(n);
            if (at == null || at < mark) {
                break;
            }
            names.remove(n);
            order.remove(i);
        }
    }

    private void ensure(int n) {
        if (pos + n > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, pos + n));
        }
    }

    void u8(int v) {
        ensure(1);
        buf[pos++] = (byte) v;
    }

    void u16(int v) {
        ensure(2);
        buf[pos++] = (byte) (v >> 8);
        buf[pos++] = (byte) v;
    }

    void u32(long v) {
        ensure(4);
        buf[pos++] = (byte) (v >> 24);
        buf[pos++] = (byte) (v >> 16);
        buf[pos++] = (byte) (v >> 8);
        buf[pos++] = (byte) v;
    }

    void bytes(byte[] b) {
        ensure(b.length);
        System.arraycopy(b, 0, buf, pos, b.length);
        pos += b.length;
    }

    void patch16(int at, int v) {
        buf[at] = (byte) (v >> 8);
        buf[at + 1] = (byte) v;
    }

    /**
     * Writes {@code name}, ending in a pointer to an earlier copy of its longest known suffix when
     * {@code compress} is true. Either way the name's suffixes become targets for later names.
     */
    void name(DnsName name, boolean compress) {
        byte[] wire = name.toWire();
        int labels = name.labelCount();
        int at = 0;
        for (int i = 0; i < labels; i++) {
            if (compress) {
                Integer target = names.get(i == 0 ? name : name.suffix(i));
                if (target != null) {
                    ensure(at + 2);
                    System.arraycopy(wire, 0, buf, pos, at);
                    remember(name, i, pos);
                    pos += at;
                    u16(0xC000 | target);
                    return;
                }
            }
            at += (wire[at] & 0xFF) + 1;
        }
        ensure(wire.length);
        System.arraycopy(wire, 0, buf, pos, wire.length);
        remember(name, labels, pos);
        pos += wire.length;
    }

    /** Records the offsets of {@code name}'s first {@code count} suffixes, written from {@code start}. */
    private void remember(DnsName name, int count, int start) {
        int at = start;
        for (int i = 0; i < count && at <= MAX_POINTER; i++) {
            DnsName suffix = i == 0 ? name : name.suffix(i);
            if (names.putIfAbsent(suffix, at) == null) {
                order.add(suffix);
            }
            at += (buf[at] & 0xFF) + 1;
        }
    }

    byte[] toByteArray() {
        return Arrays.copyOf(buf, pos);
    }
}
