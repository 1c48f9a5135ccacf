package dev.wirekit.dns.internal;

import dev.wirekit.api.framing.Framer;
import dev.wirekit.api.framing.Framers;
import dev.wirekit.dns.DnsFormatException;
import dev.wirekit.dns.DnsFramers;
import dev.wirekit.dns.DnsMessage;
import java.nio.ByteBuffer;

/**
 * A DNS datagram as the UDP server sees it: its bytes, and the message decoded from them when first
 * asked for. The server's answer cache works on the bytes (a hit needs no decoding); everything
 * else goes through the typed codec, {@link #message()}.
 */
public final class UdpPacket {
    /** Whole datagrams, one packet each; decoding happens when the service asks for the message. */
    static final Framer<UdpPacket> FRAMER =
            Framers.raw(DnsFramers.MAX_MESSAGE).map(UdpPacket::received, UdpPacket::wire);

    private final byte[] bytes;
    private DnsMessage message;

    private UdpPacket(byte[] bytes, DnsMessage message) {
        this.bytes = bytes;
        this.message = message;
    }

    /** A received datagram (the raw framer hands over a fresh buffer of exactly its bytes). */
    static UdpPacket received(ByteBuffer datagram) {
        byte[] b;
        if (datagram.hasArray()
                && datagram.arrayOffset() == 0
                && datagram.position() == 0
                && datagram.remaining() == datagram.array().length) {
            b = datagram.array();
        } else {
            b = new byte[datagram.remaining()];
            datagram.duplicate().get(b);
        }
        return new UdpPacket(b, null);
    }

    static UdpPacket of(DnsMessage m) {
        return new UdpPacket(null, m);
    }

    static UdpPacket of(byte[] bytes) {
        return new UdpPacket(bytes, null);
    }

    /** The datagram's bytes; not to be modified. */
    byte[] bytes() {
        return bytes;
    }

    /**
     * The message in the datagram, decoded on first use (one thread uses a packet).
     *
     * @throws DnsFormatException when the bytes are not a well-formed message
     */
    DnsMessage message() {
        if (message == null) {
            message = DnsMessage.decode(bytes);
        }
        return message;
    }

    ByteBuffer wire() {
        return bytes != null ? ByteBuffer.wrap(bytes) : message.encode();
    }
}
