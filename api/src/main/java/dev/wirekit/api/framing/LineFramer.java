package dev.wirekit.api.framing;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.util.Arrays;
import java.util.List;

/** {@link Framers#lines}. */
final class LineFramer implements Framer<String> {
    private static final byte LF = '\n';
    private static final byte CR = '\r';

    private final int max;
    private final Charset charset;
    private final LineEnding ending;
    private final byte[] endingBytes;

    LineFramer(int max, Charset charset, LineEnding ending) {
        if (!Arrays.equals("\n".getBytes(charset), new byte[] {LF})) {
            throw new IllegalArgumentException(
                    "charset " + charset + " is not ASCII-compatible: it does not write LF as 0x0A");
        }
        this.max = max;
        this.charset = charset;
        this.ending = ending;
        this.endingBytes = ending.bytes();
    }

    @Override
    public FrameDecoder<String> newDecoder() {
        return new Decoder();
    }

    @Override
    public void encode(String message, List<ByteBuffer> out) {
        if (message.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("a line cannot contain LF: " + preview(message));
        }
        if (message.endsWith("\r")) {
            throw new IllegalArgumentException("a line cannot end in CR: " + preview(message));
        }
        byte[] text = message.getBytes(charset);
        if (text.length > max) {
            throw new FrameTooLongException(text.length, max, true);
        }
        byte[] frame = Arrays.copyOf(text, text.length + endingBytes.length);
        System.arraycopy(endingBytes, 0, frame, text.length, endingBytes.length);
        out.add(ByteBuffer.wrap(frame));
    }

    @Override
    public int maxFrameLength() {
        return max;
    }

    @Override
    public String decodeDatagram(ByteBuffer datagram) {
        int end = datagram.limit();
        if (end > datagram.position() && datagram.get(end - 1) == LF) {
            end--;
            if (end > datagram.position() && datagram.get(end - 1) == CR) {
                end--;
            }
        }
        int length = end - datagram.position();
        if (length > max) {
            throw new FrameTooLongException(length, max, true);
        }
        String text = text(newStrictDecoder(), datagram.slice(datagram.position(), length));
        datagram.position(datagram.limit());
        return text;
    }

    @Override
    public ByteBuffer encodeDatagram(String message) {
        byte[] text = message.getBytes(charset);
        if (text.length > max) {
            throw new FrameTooLongException(text.length, max, true);
        }
        return ByteBuffer.wrap(text);
    }

    private CharsetDecoder newStrictDecoder() {
        return charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
    }

    private String text(CharsetDecoder decoder, ByteBuffer bytes) {
        try {
            CharBuffer chars = decoder.reset().decode(bytes);
            return chars.toString();
        } catch (CharacterCodingException e) {
            throw new CorruptedFrameException(
                    "line of " + bytes.limit() + " bytes is not valid " + charset.name() + " text", true, e);
        }
    }

    private static String preview(String s) {
        return s.length() <= 40 ? '"' + s + '"' : '"' + s.substring(0, 40) + "...\"";
    }

    @Override
    public String toString() {
        return "lines(" + max + ", " + charset.name() + ", " + ending + ")";
    }

    /** Keeps how far it has already scanned, so a line arriving in many pieces is scanned once. */
    private final class Decoder implements FrameDecoder<String> {
        private final CharsetDecoder strict = newStrictDecoder();
        private int scanned;
        private boolean discarding;

        @Override
        public String decode(ByteBuffer in) {
            if (discarding && !skipDiscarded(in)) {
                return null;
            }
            int start = in.position();
            int limit = in.limit();
            int searchEnd = (int) Math.min(limit, (long) start + max + 2);
            for (int i = start + scanned; i < searchEnd; i++) {
                if (in.get(i) == LF) {
                    scanned = 0;
                    int end = (i > start && in.get(i - 1) == CR) ? i - 1 : i;
                    in.position(i + 1);
                    if (end - start > max) {
                        throw new FrameTooLongException(end - start, max, true);
                    }
                    return text(strict, in.slice(start, end - start));
                }
            }
            if (searchEnd - start >= max + 2) {
                // max + 2 bytes and no LF: the line is longer than max whatever follows. Skip it,
                // up to its LF if that has arrived too, so the next line is decoded normally.
                scanned = 0;
                discarding = true;
                in.position(searchEnd);
                long seen = limit - start;
                skipDiscarded(in);
                throw new FrameTooLongException(seen, max, true);
            }
            scanned = searchEnd - start;
            return null;
        }

        /** Drops bytes up to and including the next LF; true when the oversized line has ended. */
        private boolean skipDiscarded(ByteBuffer in) {
            for (int i = in.position(); i < in.limit(); i++) {
                if (in.get(i) == LF) {
                    in.position(i + 1);
                    discarding = false;
                    return true;
                }
            }
            in.position(in.limit());
            return false;
        }
    }
}
