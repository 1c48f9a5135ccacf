package dev.wirekit.chat.internal;

/**
 * Nickname and channel-name rules, and the {@code ascii} case mapping (only A-Z fold to a-z) the
 * server announces with {@code CASEMAPPING=ascii}.
 */
public final class Names {
    private Names() {}

    /** The case-folded form under which a nick, account or channel is looked up. */
    public static String fold(String name) {
        char[] c = null;
        for (int i = 0; i < name.length(); i++) {
            char ch = name.charAt(i);
            if (ch >= 'A' && ch <= 'Z') {
                if (c == null) {
                    c = name.toCharArray();
                }
                c[i] = (char) (ch + 32);
            }
        }
        return c == null ? name : new String(c);
    }

    /**
     * RFC 2812 nicknames: a letter or one of {@code []\`_^{|}} first, then letters, digits, those
     * specials and {@code -}; at most {@code maxLength} characters.
     */
    public static boolean isNick(String nick, int maxLength) {
        if (nick == null || nick.isEmpty() || nick.length() > maxLength) {
            return false;
        }
        char first = nick.charAt(0);
        if (!isLetter(first) && !isSpecial(first)) {
            return false;
        }
        for (int i = 1; i < nick.length(); i++) {
            char c = nick.charAt(i);
            if (!isLetter(c) && !isSpecial(c) && !(c >= '0' && c <= '9') && c != '-') {
                return false;
            }
        }
        return true;
    }

    /**
     * Channel names: {@code #} and then 1 or more characters, none of them space, comma, colon, BEL,
     * CR, LF or NUL (RFC 2812); at most {@code maxLength} characters in all.
     */
    public static boolean isChannel(String name, int maxLength) {
        if (name == null || name.length() < 2 || name.length() > maxLength || name.charAt(0) != '#') {
            return false;
        }
        for (int i = 1; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == ' ' || c == ',' || c == ':' || c == 7 || c == '\r' || c == '\n' || c == 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean isLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static boolean isSpecial(char c) {
        return c == '[' || c == ']' || c == '\\' || c == '`' || c == '_' || c == '^' || c == '{' || c == '|'
                || c == '}';
    }
}
