package dev.wirekit.dns;

import java.io.ByteArrayOutputStream;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A fully qualified domain name: a sequence of labels ending at the root.
 *
 * <p>Immutable. Comparison is case-insensitive for ASCII letters, as DNS requires (RFC 4343), while
 * the case the name was written in is kept for output. Every instance is valid: labels are 1-63
 * bytes, and the whole name is at most 255 bytes in wire form (each label plus its length byte,
 * plus the final zero byte).
 *
 * <pre>{@code
 * DnsName www = DnsName.of("www.Example.com");         // absolute, trailing dot optional
 * DnsName mail = DnsName.of("mail", DnsName.of("example.com."));   // relative to an origin
 * www.isSubdomainOf(DnsName.of("example.com"));       // true
 * DnsName.reverse(InetAddress.getByName("192.0.2.1"));  // 1.2.0.192.in-addr.arpa.
 * }</pre>
 *
 * <p>Text form follows RFC 1035 §5.1: a dot separates labels, {@code \.} is a literal dot inside a
 * label, {@code \DDD} is a byte in decimal. {@link #toString()} writes that form, always with the
 * trailing dot.
 */
public final class DnsName implements Comparable<DnsName> {
    /** The longest name in wire form, in bytes. */
    public static final int MAX_LENGTH = 255;
    /** The longest label, in bytes. */
    public static final int MAX_LABEL_LENGTH = 63;

    /** The root: no labels, written {@code .}. */
    public static final DnsName ROOT = new DnsName(new byte[] {0}, 0, 0);

    private static final DnsName IN_ADDR_ARPA = of("in-addr.arpa");
    private static final DnsName IP6_ARPA = of("ip6.arpa");

    /**
     * Length-prefixed labels, then a zero byte: the uncompressed wire form, from {@link #start} to
     * the end. Suffixes share their parent's array.
     */
    private final byte[] wire;

    private final int start;
    private final int labels;
    private int hash;

    private DnsName(byte[] wire, int start, int labels) {
        this.wire = wire;
        this.start = start;
        this.labels = labels;
    }

    /**
     * Parses an absolute name: {@code www.example.com} and {@code www.example.com.} are the same
     * name; {@code .} and the empty string are the root.
     *
     * @throws IllegalArgumentException when a label is empty or longer than 63 bytes, the name is
     *     longer than 255 bytes, or an escape is malformed
     */
    public static DnsName of(String text) {
        if (text.isEmpty() || text.equals(".")) {
            return ROOT;
        }
        return parse(text, ROOT);
    }

    /**
     * Parses {@code text} relative to {@code origin}, as a master file does: a name ending in an
     * unescaped dot is absolute; {@code @} is the origin itself; any other name has the origin
     * appended.
     *
     * @throws IllegalArgumentException as {@link #of(String)} does
     */
    public static DnsName of(String text, DnsName origin) {
        if (text.equals("@")) {
            return origin;
        }
        if (text.equals(".")) {
            return ROOT;
        }
        if (text.isEmpty()) {
            throw new IllegalArgumentException("empty domain name");
        }
        return parse(text, origin);
    }

    private static DnsName parse(String text, DnsName origin) {
        List<byte[]> parts = new ArrayList<>();
        ByteArrayOutputStream label = new ByteArrayOutputStream();
        int total = 1;
        boolean absolute = false;
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (c == '.') {
                if (label.size() == 0) {
                    throw new IllegalArgumentException("'" + text + "': empty label");
                }
                parts.add(label.toByteArray());
                total += label.size() + 1;
                label.reset();
                i++;
                absolute = i == n;
                continue;
            }
            if (c == '\\') {
                if (i + 1 >= n) {
                    throw new IllegalArgumentException("'" + text + "': a backslash at the end");
                }
                char d = text.charAt(i + 1);
                if (d >= '0' && d <= '9') {
                    if (i + 4 > n || !isDigit(text.charAt(i + 2)) || !isDigit(text.charAt(i + 3))) {
                        throw new IllegalArgumentException("'" + text + "': \\DDD needs three digits");
                    }
                    int b = Integer.parseInt(text, i + 1, i + 4, 10);
                    if (b > 255) {
                        throw new IllegalArgumentException("'" + text + "': \\" + b + " is not a byte");
                    }
                    label.write(b);
                    i += 4;
                } else if (d < 0x80) {
                    label.write(d);
                    i += 2;
                } else {
                    i++; // an escaped non-ASCII character is that character
                    continue;
                }
            } else if (c < 0x80) {
                label.write(c);
                i++;
            } else {
                // Non-ASCII text is stored as its UTF-8 bytes; IDNA conversion is the caller's choice.
                int cp = text.codePointAt(i);
                label.writeBytes(new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8));
                i += Character.charCount(cp);
            }
            if (label.size() > MAX_LABEL_LENGTH) {
                throw new IllegalArgumentException(
                        "'" + text + "': a label longer than " + MAX_LABEL_LENGTH + " bytes");
            }
            if (total + label.size() + 1 > MAX_LENGTH) {
                throw new IllegalArgumentException("'" + text + "': longer than " + MAX_LENGTH + " bytes");
            }
        }
        if (!absolute) {
            if (label.size() == 0) {
                throw new IllegalArgumentException("'" + text + "': empty label");
            }
            parts.add(label.toByteArray());
        }
        int size = 1;
        for (byte[] p : parts) {
            size += p.length + 1;
        }
        byte[] tail = absolute ? new byte[] {0} : origin.toWire();
        if (size - 1 + tail.length > MAX_LENGTH) {
            throw new IllegalArgumentException(
                    "'" + text + "'" + (absolute ? "" : " under " + origin) + ": longer than " + MAX_LENGTH + " bytes");
        }
        byte[] wire = new byte[size - 1 + tail.length];
        int at = 0;
        for (byte[] p : parts) {
            wire[at++] = (byte) p.length;
            System.arraycopy(p, 0, wire, at, p.length);
            at += p.length;
        }
        System.arraycopy(tail, 0, wire, at, tail.length);
        return new DnsName(wire, 0, parts.size() + (absolute ? 0 : origin.labels));
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /**
     * The name whose uncompressed wire form is {@code wire}: length-prefixed labels ending with a
     * zero byte, nothing after it.
     *
     * @throws IllegalArgumentException when it is not exactly one valid uncompressed name
     */
    public static DnsName fromWire(byte[] wire) {
        int at = 0;
        int count = 0;
        while (true) {
            if (at >= wire.length) {
                throw new IllegalArgumentException("name in wire form has no terminating zero byte");
            }
            int len = wire[at] & 0xFF;
            if (len == 0) {
                break;
            }
            if (len > MAX_LABEL_LENGTH) {
                throw new IllegalArgumentException("label length " + len + " is over " + MAX_LABEL_LENGTH);
            }
            at += len + 1;
            count++;
        }
        if (at + 1 != wire.length) {
            throw new IllegalArgumentException((wire.length - at - 1) + " bytes after the name's terminating zero");
        }
        if (wire.length > MAX_LENGTH) {
            throw new IllegalArgumentException("name of " + wire.length + " bytes is over " + MAX_LENGTH);
        }
        return count == 0 ? ROOT : new DnsName(wire.clone(), 0, count);
    }

    /** The name made of {@code labels} (each 1-63 bytes, most specific first) under the root. */
    public static DnsName fromLabels(List<byte[]> labels) {
        int size = 1;
        for (byte[] l : labels) {
            size += l.length + 1;
        }
        byte[] wire = new byte[size];
        int at = 0;
        for (byte[] l : labels) {
            if (l.length == 0 || l.length > MAX_LABEL_LENGTH) {
                throw new IllegalArgumentException(
                        "label of " + l.length + " bytes (must be 1-" + MAX_LABEL_LENGTH + ")");
            }
            wire[at++] = (byte) l.length;
            System.arraycopy(l, 0, wire, at, l.length);
            at += l.length;
        }
        return fromWire(wire);
    }

    /**
     * The reverse-lookup name of {@code address}: {@code 1.2.0.192.in-addr.arpa.} for IPv4,
     * nibbles under {@code ip6.arpa.} for IPv6 (RFC 3596).
     */
    public static DnsName reverse(InetAddress address) {
        byte[] a = address.getAddress();
        StringBuilder sb = new StringBuilder();
        if (address instanceof Inet4Address) {
            for (int i = a.length - 1; i >= 0; i--) {
                sb.append(a[i] & 0xFF).append(i > 0 ? "." : "");
            }
            return of(sb.toString(), IN_ADDR_ARPA);
        }
        if (!(address instanceof Inet6Address)) {
            throw new IllegalArgumentException("not an IP address: " + address);
        }
        for (int i = a.length - 1; i >= 0; i--) {
            sb.append(Character.forDigit(a[i] & 0xF, 16)).append('.');
            sb.append(Character.forDigit((a[i] >> 4) & 0xF, 16)).append(i > 0 ? "." : "");
        }
        return of(sb.toString(), IP6_ARPA);
    }

    /** The number of labels; 0 for the root. */
    public int labelCount() {
        return labels;
    }

    /** True for the root name. */
    public boolean isRoot() {
        return labels == 0;
    }

    private int offsetOf(int label) {
        if (label < 0 || label > labels) {
            throw new IndexOutOfBoundsException("label " + label + " of a name with " + labels + " labels");
        }
        int at = start;
        for (int i = 0; i < label; i++) {
            at += (wire[at] & 0xFF) + 1;
        }
        return at;
    }

    /** The bytes of label {@code index} (0 is the leftmost, most specific label). */
    public byte[] labelBytes(int index) {
        if (index >= labels) {
            throw new IndexOutOfBoundsException("label " + index + " of a name with " + labels + " labels");
        }
        int at = offsetOf(index);
        return Arrays.copyOfRange(wire, at + 1, at + 1 + (wire[at] & 0xFF));
    }

    /** Label {@code index} in text form, escaped as in {@link #toString()}. */
    public String label(int index) {
        StringBuilder sb = new StringBuilder();
        int at = offsetOf(index);
        if (index >= labels) {
            throw new IndexOutOfBoundsException("label " + index + " of a name with " + labels + " labels");
        }
        appendLabel(sb, at);
        return sb.toString();
    }

    /** The name without its first {@code count} labels: {@code suffix(1)} of www.example.com is example.com. */
    public DnsName suffix(int count) {
        if (count == 0) {
            return this;
        }
        if (count == labels) {
            return ROOT;
        }
        int at = offsetOf(count);
        return new DnsName(wire, at, labels - count);
    }

    /** The parent name, one label shorter; the root has none. */
    public DnsName parent() {
        if (labels == 0) {
            throw new IllegalStateException("the root has no parent");
        }
        return suffix(1);
    }

    /** This name with {@code label} (text form, escapes allowed, no dots) in front. */
    public DnsName child(String label) {
        DnsName relative = of(label, this);
        if (relative.labels != labels + 1) {
            throw new IllegalArgumentException("'" + label + "' is not a single label");
        }
        return relative;
    }

    /** True when this name equals {@code other} or is below it. Every name is under the root. */
    public boolean isSubdomainOf(DnsName other) {
        if (other.labels > labels) {
            return false;
        }
        return suffix(labels - other.labels).equals(other);
    }

    /** The number of bytes this name takes in uncompressed wire form, 1-255. */
    public int wireLength() {
        return wire.length - start;
    }

    /** The uncompressed wire form: length-prefixed labels and a final zero byte. */
    public byte[] toWire() {
        return Arrays.copyOfRange(wire, start, wire.length);
    }

    /** The labels, most specific first, in text form. */
    public List<String> labels() {
        List<String> list = new ArrayList<>(labels);
        for (int i = 0; i < labels; i++) {
            list.add(label(i));
        }
        return list;
    }

    /** This name with ASCII letters in lower case. */
    public DnsName toLowerCase() {
        byte[] lower = toWire();
        boolean changed = false;
        for (int i = 0; i < lower.length; i++) {
            byte b = lower[i];
            if (b >= 'A' && b <= 'Z') {
                lower[i] = (byte) (b + 32);
                changed = true;
            }
        }
        return changed ? new DnsName(lower, 0, labels) : this;
    }

    private static int lower(byte b) {
        return b >= 'A' && b <= 'Z' ? b + 32 : b & 0xFF;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof DnsName other) || other.wireLength() != wireLength() || other.labels != labels) {
            return false;
        }
        // Lowering changes only A-Z, never a length byte (at most 63), so equal bytes here mean the
        // labels start and end at the same places too.
        int d = other.start - start;
        for (int i = start; i < wire.length; i++) {
            byte a = wire[i];
            byte b = other.wire[i + d];
            if (a != b && lower(a) != lower(b)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int h = hash;
        if (h == 0) {
            for (int i = start; i < wire.length; i++) {
                h = 31 * h + lower(wire[i]);
            }
            hash = h == 0 ? 1 : h;
            h = hash;
        }
        return h;
    }

    /**
     * Canonical DNS order (RFC 4034 §6.1): by the rightmost label first, each label compared as
     * lower-cased bytes.
     */
    @Override
    public int compareTo(DnsName other) {
        int[] mine = offsets();
        int[] theirs = other.offsets();
        int i = mine.length - 1;
        int j = theirs.length - 1;
        while (i >= 0 && j >= 0) {
            int a = mine[i];
            int b = theirs[j];
            int la = wire[a] & 0xFF;
            int lb = other.wire[b] & 0xFF;
            for (int k = 1; k <= Math.min(la, lb); k++) {
                int d = lower(wire[a + k]) - lower(other.wire[b + k]);
                if (d != 0) {
                    return d;
                }
            }
            if (la != lb) {
                return la - lb;
            }
            i--;
            j--;
        }
        return Integer.compare(mine.length, theirs.length);
    }

    private int[] offsets() {
        int[] o = new int[labels];
        int at = start;
        for (int i = 0; i < labels; i++) {
            o[i] = at;
            at += (wire[at] & 0xFF) + 1;
        }
        return o;
    }

    /** The text form with the trailing dot: {@code www.example.com.}; the root is {@code .}. */
    @Override
    public String toString() {
        if (labels == 0) {
            return ".";
        }
        StringBuilder sb = new StringBuilder(wire.length - start + 4);
        int at = start;
        while (wire[at] != 0) {
            appendLabel(sb, at);
            sb.append('.');
            at += (wire[at] & 0xFF) + 1;
        }
        return sb.toString();
    }

    private void appendLabel(StringBuilder sb, int at) {
        int len = wire[at] & 0xFF;
        for (int k = at + 1; k <= at + len; k++) {
            int b = wire[k] & 0xFF;
            switch (b) {
                case '.', '\\', '"', '(', ')', ';', '@', '$' -> sb.append('\\').append((char) b);
                default -> {
                    if (b <= 0x20 || b >= 0x7F) {
                        sb.append('\\');
                        if (b < 100) {
                            sb.append('0');
                        }
                        if (b < 10) {
                            sb.append('0');
                        }
                        sb.append(b);
                    } else {
                        sb.append((char) b);
                    }
                }
            }
        }
    }
}
