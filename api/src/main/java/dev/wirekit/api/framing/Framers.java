package dev.wirekit.api.framing;

import java.nio.ByteOrder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * The built-in framers. Each one is immutable and thread-safe; each takes a mandatory maximum frame
 * length, checked on decode and on encode.
 *
 * <p>Binary framers carry {@link java.nio.ByteBuffer} messages: a decoded message is a fresh heap
 * buffer whose position is 0 and whose limit is the payload length; an encoded message is never
 * modified (its position stays where it was).
 */
public final class Framers {
    private Framers() {}

    /**
     * UTF-8 text lines ending in LF or CRLF; lines it writes end in LF. See
     * {@link #lines(int, Charset, LineEnding)}.
     */
    public static Framer<String> lines(int maxLineLength) {
        return lines(maxLineLength, StandardCharsets.UTF_8, LineEnding.LF);
    }

    /**
     * Text lines. Decoding accepts LF and CRLF endings and strips them; text that is not valid in
     * {@code charset} is a recoverable {@link CorruptedFrameException} (the bad line is skipped). A
     * line longer than {@code maxLineLength} bytes (not counting the ending) is a recoverable
     * {@link FrameTooLongException}: the decoder discards up to the next LF and carries on.
     *
     * <pre>
     * BEFORE DECODE                         AFTER DECODE
     * +---------------------------+         +-------+ +-------+
     * | 5 + 3 \r \n 2 * 4 \n      |  -----> | 5 + 3 | | 2 * 4 |
     * +---------------------------+         +-------+ +-------+
     * </pre>
     *
     * <p>On a datagram transport a datagram is one line, with or without its ending.
     *
     * @param charset an ASCII-compatible charset (one that writes LF as the single byte 0x0A)
     * @param ending how lines written by {@link Framer#encode} end
     */
    public static Framer<String> lines(int maxLineLength, Charset charset, LineEnding ending) {
        return new LineFramer(requirePositive(maxLineLength), charset, ending);
    }

    /**
     * Frames separated by {@code delimiter}, which is stripped on decode and appended on encode. A
     * frame longer than {@code maxFrameLength} is recoverable: the decoder skips to the next
     * delimiter.
     *
     * <pre>
     * BEFORE DECODE (delimiter 00)          AFTER DECODE
     * +--------------------------+          +-------+ +----+
     * | 41 42 43 00 44 45 00     |  ----->  | 41 42 43 | | 44 45 |
     * +--------------------------+          +-------+ +----+
     * </pre>
     */
    public static Framer<java.nio.ByteBuffer> delimiter(int maxFrameLength, byte... delimiter) {
        return new DelimiterFramer(requirePositive(maxFrameLength), delimiter);
    }

    /**
     * Frames behind a big-endian length header of {@code headerBytes} (1, 2, 4 or 8) that counts
     * the payload only. See {@link #lengthPrefixed(int, ByteOrder, boolean, int)}.
     */
    public static Framer<java.nio.ByteBuffer> lengthPrefixed(int headerBytes, int maxFrameLength) {
        return lengthPrefixed(headerBytes, ByteOrder.BIG_ENDIAN, false, maxFrameLength);
    }

    /**
     * Frames behind an unsigned length header.
     *
     * <pre>
     * BEFORE DECODE (2-byte header, payload only)     AFTER DECODE
     * +--------+----------------+                     +----------------+
     * | 00 0C  | "HELLO, WORLD" |  ---------------->  | "HELLO, WORLD" |
     * +--------+----------------+                     +----------------+
     * </pre>
     *
     * <p>A declared length above {@code maxFrameLength} is an unrecoverable
     * {@link FrameTooLongException}, thrown as soon as the header has arrived: the stream cannot be
     * trusted after a length it will not honour.
     *
     * @param headerBytes 1, 2, 4 or 8
     * @param order the header's byte order
     * @param lengthIncludesHeader whether the header's value counts the header's own bytes too
     * @param maxFrameLength the longest payload; it must fit in the header
     */
    public static Framer<java.nio.ByteBuffer> lengthPrefixed(
            int headerBytes, ByteOrder order, boolean lengthIncludesHeader, int maxFrameLength) {
        return new LengthPrefixedFramer(headerBytes, order, lengthIncludesHeader, requirePositive(maxFrameLength));
    }

    /**
     * Frames of exactly {@code frameLength} bytes.
     *
     * <pre>
     * BEFORE DECODE (length 3)        AFTER DECODE
     * +-------------------+           +-----+ +-----+
     * | A B C D E F G     |  ------>  | ABC | | DEF |   (G waits for two more bytes)
     * +-------------------+           +-----+ +-----+
     * </pre>
     */
    public static Framer<java.nio.ByteBuffer> fixedLength(int frameLength) {
        return new FixedLengthFramer(requirePositive(frameLength));
    }

    /**
     * No framing: each message is whatever bytes have arrived, up to {@code maxChunkLength} at a
     * time; encoding writes the bytes as they are. For byte-stream protocols (echo, tunnels) where
     * message boundaries do not exist.
     *
     * <pre>
     * BEFORE DECODE            AFTER DECODE (max 4)
     * +---------------+        +---------+ +-------+
     * | H E L L O !   | -----> | H E L L | | O !   |
     * +---------------+        +---------+ +-------+
     * </pre>
     */
    public static Framer<java.nio.ByteBuffer> raw(int maxChunkLength) {
        return new RawFramer(requirePositive(maxChunkLength));
    }

    static int requirePositive(int maxFrameLength) {
        if (maxFrameLength <= 0) {
            throw new IllegalArgumentException("maxFrameLength <= 0: " + maxFrameLength);
        }
        return maxFrameLength;
    }
}
