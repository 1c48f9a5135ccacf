package dev.wirekit.chat;

import dev.wirekit.api.framing.FrameTooLongException;
import dev.wirekit.api.framing.Framer;

/**
 * IRC framing: UTF-8 lines ending in CR LF (a bare LF is accepted too), each one an
 * {@link IrcMessage}, with the IRC size limits. Built on {@link dev.wirekit.api.framing.Framers#lines}:
 * the line framer finds the lines, this codec parses and checks them, and encodes each message
 * once however many clients it goes to.
 *
 * <pre>
 * BEFORE DECODE                                        AFTER DECODE
 * +----------------------------------------------+     +---------------------------------------+
 * | NICK alice \r\n USER alice 0 * :Alice \r\n   | --> | IrcMessage(NICK, [alice])             |
 * +----------------------------------------------+     | IrcMessage(USER, [alice, 0, *, Alice])|
 *                                                      +---------------------------------------+
 * </pre>
 *
 * <h2>Limits</h2>
 *
 * A message without its tags is at most 512 bytes including CR LF, so {@value #MAX_BODY} bytes
 * without (RFC 1459). IRCv3 message tags may extend a line: the tag section ({@code @}, tags and the
 * space after them) holds at most {@value #MAX_CLIENT_TAGS} bytes in a message from a client and
 * {@value #MAX_SERVER_TAGS} in a message from a server. The line framer is sized for the tags plus
 * the body; this codec then checks the body alone. Either excess is a recoverable
 * {@link FrameTooLongException} (the server answers {@code 417 ERR_INPUTTOOLONG} and reads on).
 * Text that is not UTF-8 is a recoverable
 * {@link dev.wirekit.api.framing.CorruptedFrameException}; so is a line that is not an IRC message
 * (its cause is an {@link IrcFormatException}; for an empty line
 * {@link IrcFormatException#isEmptyLine()} is true).
 *
 * <p>Encoding refuses a message whose body exceeds {@value #MAX_BODY} bytes with
 * {@link FrameTooLongException} and writes nothing: a sender shortens its text first.
 */
public final class IrcCodec {
    /** The longest message body, without tags and without CR LF, in bytes. */
    public static final int MAX_BODY = 510;
    /** The longest tag section a client may send, with its {@code @} and trailing space. */
    public static final int MAX_CLIENT_TAGS = 4096;
    /** The longest tag section a server may send, with its {@code @} and trailing space. */
    public static final int MAX_SERVER_TAGS = 8191;

    private IrcCodec() {}

    /** What a server reads: messages from clients (tag sections up to {@value #MAX_CLIENT_TAGS} bytes). */
    public static Framer<IrcMessage> server() {
        return framer(MAX_CLIENT_TAGS);
    }

    /** What a client reads: messages from servers (tag sections up to {@value #MAX_SERVER_TAGS} bytes). */
    public static Framer<IrcMessage> client() {
        return framer(MAX_SERVER_TAGS);
    }

    private static Framer<IrcMessage> framer(int maxTags) {
        return new IrcFramer(maxTags);
    }

    /**
     * Parses {@code line} and checks its sizes.
     *
     * @throws FrameTooLongException when the tags or the body are too long
     * @throws IrcFormatException when the line is not an IRC message
     */
    static IrcMessage decode(String line, int maxTags) {
        int bodyStart = 0;
        if (!line.isEmpty() && line.charAt(0) == '@') {
            int space = line.indexOf(' ');
            bodyStart = space < 0 ? line.length() : space + 1;
            int tagBytes = utf8Length(line, 0, bodyStart) + (space < 0 ? 1 : 0);
            if (tagBytes > maxTags) {
                throw new FrameTooLongException(tagBytes, maxTags, true);
            }
        }
        int body = utf8Length(line, bodyStart, line.length());
        if (body > MAX_BODY) {
            throw new FrameTooLongException(body, MAX_BODY, true);
        }
        return IrcMessage.parse(line);
    }

    /** The body length of {@code message} in bytes: what must stay within {@value #MAX_BODY}. */
    public static int bodyLength(IrcMessage message) {
        return message.tags().isEmpty()
                ? utf8Length(message.toString())
                : utf8Length(message.withoutTags().toString());
    }

    /** The UTF-8 length of {@code s}. */
    public static int utf8Length(CharSequence s) {
        return utf8Length(s, 0, s.length());
    }

    static int utf8Length(CharSequence s, int from, int to) {
        int n = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                n++;
            } else if (c < 0x800) {
                n += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < to && Character.isLowSurrogate(s.charAt(i + 1))) {
                n += 4;
                i++;
            } else {
                n += 3;
            }
        }
        return n;
    }
}
