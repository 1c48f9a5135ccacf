package dev.wirekit.dns;

import java.util.List;

/**
 * The EDNS(0) part of a message (RFC 6891), carried on the wire as an OPT pseudo-record in the
 * additional section. Its presence tells the peer that the sender understands EDNS and how large a
 * UDP response it can receive. The extended response code lives in {@link DnsMessage#rcode()}.
 *
 * @param udpPayloadSize the largest UDP payload the sender can reassemble; values under 512 are
 *     treated as 512 by receivers
 * @param version the EDNS version, 0 today
 * @param dnssecOk the DO bit: the sender wants DNSSEC records
 * @param flags the remaining 15 flag bits (zero unless a future RFC defines them)
 * @param options the options, in order
 */
public record Edns(int udpPayloadSize, int version, boolean dnssecOk, int flags, List<EdnsOption> options) {
    /** The payload size Wirekit advertises by default: 1232 bytes, which avoids IP fragmentation (DNS Flag Day 2020). */
    public static final int DEFAULT_PAYLOAD_SIZE = 1232;

    public Edns {
        if (udpPayloadSize < 0 || udpPayloadSize > 0xFFFF) {
            throw new IllegalArgumentException("udpPayloadSize out of range 0-65535: " + udpPayloadSize);
        }
        if (version < 0 || version > 255) {
            throw new IllegalArgumentException("EDNS version out of range 0-255: " + version);
        }
        if (flags < 0 || flags > 0x7FFF) {
            throw new IllegalArgumentException("EDNS flags out of range 0-32767 (the DO bit is separate): " + flags);
        }
        options = List.copyOf(options);
    }

    /** Version 0, no DO bit, no options, advertising {@code udpPayloadSize}. */
    public static Edns of(int udpPayloadSize) {
        return new Edns(udpPayloadSize, 0, false, 0, List.of());
    }

    /** The payload size a responder may use: at least 512 (RFC 6891 §6.2.5). */
    public int effectivePayloadSize() {
        return Math.max(512, udpPayloadSize);
    }

    /** The bytes the OPT record takes on the wire. */
    public int wireLength() {
        int n = 11;
        for (EdnsOption o : options) {
            n += 4 + o.length();
        }
        return n;
    }
}
