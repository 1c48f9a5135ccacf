package dev.wirekit.chat;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One IRC message: optional IRCv3 tags, an optional source (prefix), a command or three-digit
 * numeric, and up to 15 parameters, as RFC 1459 / RFC 2812 and the IRCv3 message-tags
 * specification define it.
 *
 * <pre>
 * &#64;time=2024-05-01T12:00:00.000Z :alice!alice@127.0.0.1 PRIVMSG #wirekit :hello, world
 * \_________ tags ____________/ \______ source ______/ \cmd__/ \param/ \_ last param _/
 * </pre>
 *
 * <p>A message is immutable and checked when made: the command is letters (stored upper-case) or
 * three digits; no parameter, source or tag value contains CR, LF or NUL, so a message can never
 * smuggle a second line onto the wire; every parameter but the last is non-empty, holds no space
 * and does not start with {@code ':'}. Tag values are kept unescaped (the wire form escapes them).
 *
 * <p>{@link #parse} reads the wire form (without its line ending); {@link #toString()} writes it.
 * Neither checks the 512-byte line limit: that belongs to the framer ({@link IrcCodec}).
 *
 * <p>Messages compare by value. The wire form is computed once and kept, so a message fanned out to
 * many clients is formatted and encoded once.
 */
public final class IrcMessage {
    /** The most parameters a message may have (RFC 2812). */
    public static final int MAX_PARAMS = 15;

    private final Map<String, String> tags;
    private final String source;
    private final String command;
    private final List<String> params;
    private volatile String wire;
    private volatile byte[] line;

    /**
     * A message from its parts, checked as described above.
     *
     * @param tags the IRCv3 tags in order (a null or empty value is a tag without a value); may be null
     * @param source who the message is from ({@code nick!user@host} or a server name), or null
     * @param command the command ({@code privmsg} is stored as {@code PRIVMSG}), or a numeric
     * @param params the parameters, the last one possibly holding spaces
     * @throws IrcFormatException when the parts cannot make a valid message
     */
    public IrcMessage(Map<String, String> tags, String source, String command, List<String> params) {
        Objects.requireNonNull(command, "command");
        tags = copyTags(tags);
        if (source != null && (source.isEmpty() || !isToken(source))) {
            throw new IrcFormatException("a source must be non-empty, without spaces, CR, LF or NUL: '"
                    + IrcFormatException.preview(source) + "'");
        }
        command = normaliseCommand(command);
        params = List.copyOf(params);
        this.tags = tags;
        this.source = source;
        this.command = command;
        this.params = params;
        if (params.size() > MAX_PARAMS) {
            throw new IrcFormatException("a message has at most " + MAX_PARAMS + " parameters, not " + params.size());
        }
        for (int i = 0; i < params.size(); i++) {
            String p = params.get(i);
            if (!isText(p)) {
                throw new IrcFormatException("parameter " + (i + 1) + " contains CR, LF or NUL");
            }
            if (i < params.size() - 1 && (p.isEmpty() || p.indexOf(' ') >= 0 || p.charAt(0) == ':')) {
                throw new IrcFormatException("parameter " + (i + 1)
                        + " is not the last one, so it must be non-empty, without spaces, and not start with ':': '"
                        + IrcFormatException.preview(p) + "'");
            }
        }
    }

    /** A message with no tags and no source: {@code of("PRIVMSG", "#chan", "hello")}. */
    public static IrcMessage of(String command, String... params) {
        return new IrcMessage(Map.of(), null, command, Arrays.asList(params));
    }

    /** A message from {@code source}: {@code from("irc.example", "001", "alice", "Welcome")}. */
    public static IrcMessage from(String source, String command, String... params) {
        return new IrcMessage(Map.of(), source, command, Arrays.asList(params));
    }

    /** The IRCv3 tags in the order they came; a tag without a value maps to {@code ""}. */
    public Map<String, String> tags() {
        return tags;
    }

    /** Who the message is from ({@code nick!user@host} or a server name), or null. */
    public String source() {
        return source;
    }

    /** The command, upper-case ({@code PRIVMSG}), or a numeric ({@code 001}). */
    public String command() {
        return command;
    }

    /** The parameters, the last one possibly holding spaces. */
    public List<String> params() {
        return params;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IrcMessage m
                && command.equals(m.command)
                && Objects.equals(source, m.source)
                && params.equals(m.params)
                && tags.equals(m.tags);
    }

    @Override
    public int hashCode() {
        return Objects.hash(tags, source, command, params);
    }

    /** The wire form as UTF-8 bytes with CR LF; computed once. */
    byte[] line() {
        byte[] b = line;
        if (b == null) {
            b = (toString() + "\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
            line = b;
        }
        return b;
    }

    /** This message with {@code tag} set to {@code value} (added last, or replaced in place). */
    public IrcMessage withTag(String tag, String value) {
        Map<String, String> more = new LinkedHashMap<>(tags);
        more.put(tag, value);
        return new IrcMessage(more, source, command, params);
    }

    /** This message without tags. */
    public IrcMessage withoutTags() {
        return tags.isEmpty() ? this : new IrcMessage(Map.of(), source, command, params);
    }

    /** This message with {@code newSource} as its source (null for none). */
    public IrcMessage withSource(String newSource) {
        return new IrcMessage(tags, newSource, command, params);
    }

    /** Parameter {@code index} (from 0), or null when there are not that many. */
    public String param(int index) {
        return index >= 0 && index < params.size() ? params.get(index) : null;
    }

    /** The last parameter (the text of a PRIVMSG, the reason of a QUIT), or null when there is none. */
    public String last() {
        return params.isEmpty() ? null : params.get(params.size() - 1);
    }

    /** True when the command is a three-digit numeric reply. */
    public boolean isNumeric() {
        return command.length() == 3 && Character.isDigit(command.charAt(0));
    }

    /**
     * The nickname part of the source ({@code alice} of {@code alice!alice@host}), the whole source
     * when it has no {@code '!'}, or null when there is no source.
     */
    public String sourceNick() {
        if (source == null) {
            return null;
        }
        int bang = source.indexOf('!');
        return bang < 0 ? source : source.substring(0, bang);
    }

    /**
     * Parses one line, without its CR LF. Spaces between parts may repeat; a 15th parameter takes the
     * rest of the line even without {@code ':'} (RFC 2812).
     *
     * @throws IrcFormatException when the line is empty, holds CR or NUL, has a malformed tag, or has
     *     no command
     */
    public static IrcMessage parse(String line) {
        return IrcParser.parse(line);
    }

    /** The wire form, without CR LF: what {@link #parse} reads back as an equal message. */
    @Override
    public String toString() {
        String w = wire;
        if (w == null) {
            w = format();
            wire = w;
        }
        return w;
    }

    private String format() {
        StringBuilder out = new StringBuilder(64);
        if (!tags.isEmpty()) {
            out.append('@');
            boolean first = true;
            for (Map.Entry<String, String> tag : tags.entrySet()) {
                if (!first) {
                    out.append(';');
                }
                first = false;
                out.append(tag.getKey());
                if (!tag.getValue().isEmpty()) {
                    out.append('=');
                    IrcParser.escapeTagValue(tag.getValue(), out);
                }
            }
            out.append(' ');
        }
        if (source != null) {
            out.append(':').append(source).append(' ');
        }
        out.append(command);
        for (int i = 0; i < params.size(); i++) {
            String p = params.get(i);
            out.append(' ');
            boolean last = i == params.size() - 1;
            if (last && (params.size() > 1 || p.isEmpty() || p.indexOf(' ') >= 0 || p.charAt(0) == ':')) {
                out.append(':');
            }
            out.append(p);
        }
        return out.toString();
    }

    private static Map<String, String> copyTags(Map<String, String> tags) {
        if (tags == null || tags.isEmpty()) {
            return Map.of();
        }
        Map<String, String> copy = new LinkedHashMap<>();
        for (Map.Entry<String, String> tag : tags.entrySet()) {
            String key = tag.getKey();
            String value = tag.getValue() == null ? "" : tag.getValue();
            if (!IrcParser.isTagKey(key)) {
                throw new IrcFormatException("invalid tag name: '" + IrcFormatException.preview(String.valueOf(key))
                        + "' (expected [+][vendor/]name of letters, digits and '-')");
            }
            if (value.indexOf('\0') >= 0) {
                throw new IrcFormatException("tag " + key + " has a NUL in its value");
            }
            copy.put(key, value);
        }
        return Collections.unmodifiableMap(copy);
    }

    private static String normaliseCommand(String command) {
        if (command.length() == 3
                && Character.isDigit(command.charAt(0))
                && Character.isDigit(command.charAt(1))
                && Character.isDigit(command.charAt(2))) {
            return command;
        }
        if (command.isEmpty()) {
            throw new IrcFormatException("the command is empty");
        }
        char[] upper = new char[command.length()];
        for (int i = 0; i < command.length(); i++) {
            char c = command.charAt(i);
            if (c >= 'a' && c <= 'z') {
                upper[i] = (char) (c - 32);
            } else if (c >= 'A' && c <= 'Z') {
                upper[i] = c;
            } else {
                throw new IrcFormatException("a command is letters or a three-digit numeric, not '"
                        + IrcFormatException.preview(command) + "'");
            }
        }
        return new String(upper);
    }

    static boolean isText(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\r' || c == '\n' || c == '\0') {
                return false;
            }
        }
        return true;
    }

    private static boolean isToken(String s) {
        return isText(s) && s.indexOf(' ') < 0;
    }
}
