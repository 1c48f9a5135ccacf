package dev.wirekit.chat;

/**
 * Text that is not a valid IRC message, or parts that cannot make one: a line without a command, a
 * parameter holding CR or LF, a malformed tag. The message says what was expected and what came.
 */
public final class IrcFormatException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final boolean empty;

    public IrcFormatException(String message) {
        this(message, false);
    }

    private IrcFormatException(String message, boolean empty) {
        super(message);
        this.empty = empty;
    }

    /** The exception for a line that holds nothing but spaces: RFC 2812 says to ignore it silently. */
    static IrcFormatException emptyLine() {
        return new IrcFormatException("the line is empty", true);
    }

    /** True when the line was empty (or only spaces), which servers ignore without a reply. */
    public boolean isEmptyLine() {
        return empty;
    }

    static String preview(String s) {
        String shown = s.length() <= 40 ? s : s.substring(0, 40) + "...";
        return shown.replace("\r", "\\r").replace("\n", "\\n").replace("\0", "\\0");
    }
}
