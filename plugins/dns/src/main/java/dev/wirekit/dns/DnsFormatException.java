package dev.wirekit.dns;

import dev.wirekit.api.framing.FramingException;
import java.util.OptionalInt;

/**
 * The bytes are not a well-formed DNS message: a compression pointer that points forward or loops,
 * a label over 63 bytes, a name over 255, section counts that promise more records than there are
 * bytes, trailing bytes, record data that does not match its length... The message says what was
 * expected and what came, and at which offset.
 *
 * <p>A server answers such a query with FORMERR when the 12-byte header could be read (its ID and
 * flags are kept here for that) and drops it otherwise. It is a {@link FramingException} so that a
 * {@link dev.wirekit.api.framing.Framer} that decodes DNS reports it as it is; it is recoverable,
 * because the frame around the message (a datagram, a TCP length prefix) is intact.
 */
public final class DnsFormatException extends FramingException {
    private final int id;
    private final int flags;

    /**
     * @param message what was wrong, and where
     * @param id the message ID from the header, or -1 when the header was incomplete
     * @param flags the 16 flag bits from the header, or -1 when the header was incomplete
     */
    public DnsFormatException(String message, int id, int flags) {
        super(message, true);
        this.id = id;
        this.flags = flags;
    }

    /** The ID of the offending message, when its header could be read. */
    public OptionalInt messageId() {
        return id < 0 ? OptionalInt.empty() : OptionalInt.of(id);
    }

    /** The header's 16 flag bits (QR, opcode, AA, TC, RD, RA, Z, AD, CD, RCODE), when the header could be read. */
    public OptionalInt headerFlags() {
        return flags < 0 ? OptionalInt.empty() : OptionalInt.of(flags);
    }

    /** True when the offending message had its QR bit set: it was a response, never to be answered. */
    public boolean isResponse() {
        return flags >= 0 && (flags & 0x8000) != 0;
    }
}
