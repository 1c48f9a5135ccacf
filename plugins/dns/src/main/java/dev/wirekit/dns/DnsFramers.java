package dev.wirekit.dns;

import dev.wirekit.api.framing.Framer;
import dev.wirekit.api.framing.Framers;

/**
 * Framers that carry {@link DnsMessage}s, built on the generic framers as every Wirekit protocol
 * codec is.
 *
 * <pre>
 * TCP (RFC 1035 §4.2.2, RFC 7766)          UDP
 * +--------+--------------------+          +--------------------+
 * | 00 1D  | 29-byte message    |          | one message        |  one datagram
 * +--------+--------------------+          +--------------------+
 * </pre>
 *
 * <p>A malformed message surfaces as a {@link DnsFormatException} (a recoverable framing error: the
 * frame around it was intact), which a service can answer with FORMERR in its
 * {@link dev.wirekit.api.Service#onFramingError} and read on.
 */
public final class DnsFramers {
    /** The largest message a 2-byte TCP length prefix, or a UDP datagram, can carry. */
    public static final int MAX_MESSAGE = 65535;

    private DnsFramers() {}

    /** DNS over TCP: each message behind a 2-byte big-endian length. */
    public static Framer<DnsMessage> tcp() {
        return Framers.lengthPrefixed(2, MAX_MESSAGE).map(DnsMessage::decode, DnsMessage::encode);
    }

    /**
     * DNS over UDP: one message per datagram. Responses are sent as they are: cut one to the
     * client's payload size with {@link DnsMessage#truncate(int)} first.
     */
    public static Framer<DnsMessage> udp() {
        return Framers.raw(MAX_MESSAGE).map(DnsMessage::decode, DnsMessage::encode);
    }
}
