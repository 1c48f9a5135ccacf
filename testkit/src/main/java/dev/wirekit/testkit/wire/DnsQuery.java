package dev.wirekit.testkit.wire;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;

/** A DNS query the DNS suite sends, encoded by hand (RFC 1035 §4.1), with an optional EDNS OPT. */
final class DnsQuery {
    static final int TYPE_A = 1;
    static final int TYPE_CNAME = 5;
    static final int TYPE_SOA = 6;
    static final int TYPE_MX = 15;
    static final int TYPE_TXT = 16;
    static final int TYPE_OPT = 41;
    static final int CLASS_IN = 1;

    final int id = randomId();
    final byte[] name;
    final int type;
    private int flags;
    private int ednsPayload = -1;
    private int ednsVersion;

    DnsQuery(String text, int type) {
        this.name = nameBytes(text);
        this.type = type;
    }

    static int randomId() {
        return ThreadLocalRandom.current().nextInt(0x10000);
    }

    /** Sets the header's flags word (QR, opcode, AA, TC, RD ...). */
    DnsQuery flags(int value) {
        flags = value;
        return this;
    }

    /** Adds an OPT record advertising {@code payload} bytes, EDNS version {@code version}. */
    DnsQuery edns(int payload, int version) {
        ednsPayload = payload;
        ednsVersion = version;
        return this;
    }

    static byte[] nameBytes(String text) {
        ByteBuffer b = ByteBuffer.allocate(256);
        for (String label : text.split("\\.")) {
            if (!label.isEmpty()) {
                byte[] l = label.getBytes(StandardCharsets.US_ASCII);
                b.put((byte) l.length).put(l);
            }
        }
        b.put((byte) 0);
        byte[] out = new byte[b.position()];
        b.flip().get(out);
        return out;
    }

    byte[] encode() {
        ByteBuffer b = ByteBuffer.allocate(12 + name.length + 4 + 11);
        b.putShort((short) id)
                .putShort((short) flags)
                .putShort((short) 1)
                .putShort((short) 0)
                .putShort((short) 0)
                .putShort((short) (ednsPayload >= 0 ? 1 : 0));
        b.put(name).putShort((short) type).putShort((short) CLASS_IN);
        if (ednsPayload >= 0) {
            b.put((byte) 0)
                    .putShort((short) TYPE_OPT)
                    .putShort((short) ednsPayload)
                    .putInt(ednsVersion << 16)
                    .putShort((short) 0);
        }
        byte[] out = new byte[b.position()];
        b.flip().get(out);
        return out;
    }

    @Override
    public String toString() {
        return "query id " + id + " type " + type;
    }
}
