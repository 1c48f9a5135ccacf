package dev.wirekit.tls;

import java.time.Duration;

/**
 * DTLS settings shared by servers and clients.
 *
 * @param mtu the largest datagram a handshake flight is cut into (bytes of UDP payload). Default
 *     1200, safe on every path (IPv6's minimum MTU of 1280 less headers). Application datagrams are
 *     not cut: each is one record of up to 16 KiB, as on plain UDP.
 * @param retransmitTimeout how long a handshake flight waits for an answer before it is sent again;
 *     doubled on each retry up to a minute (RFC 6347 4.2.4). Default 1 s.
 * @param maxConcurrentHandshakes servers only: handshakes one layer runs at once; ClientHellos beyond
 *     it are dropped (the client retransmits) and logged. Default 256. Cookie exchanges are stateless
 *     and never count.
 */
public record DatagramSettings(int mtu, Duration retransmitTimeout, int maxConcurrentHandshakes) {
    /** The defaults described above. */
    public static final DatagramSettings DEFAULTS = new DatagramSettings(1200, Duration.ofSeconds(1), 256);

    public DatagramSettings {
        if (mtu < 256 || mtu > 65_507) {
            throw new IllegalArgumentException("mtu must be between 256 and 65507: " + mtu);
        }
        if (retransmitTimeout == null || retransmitTimeout.isNegative() || retransmitTimeout.isZero()) {
            throw new IllegalArgumentException("retransmitTimeout must be positive: " + retransmitTimeout);
        }
        Checks.positive("maxConcurrentHandshakes", maxConcurrentHandshakes);
    }
}
