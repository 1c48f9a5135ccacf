package dev.wirekit.dns.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * Cuts master-file text (RFC 1035 §5.1) into entries of tokens: comments ({@code ;} to the end of
 * the line) dropped, parentheses joining lines, quoted strings kept whole. Escapes are left in the
 * token text for the reader of each field to interpret ({@code \.} means something else in a name
 * than in a TXT string).
 */
final class MasterFileLexer {
    /** A token: its text with escapes as written, and whether it was in double quotes. */
    record Token(String text, boolean quoted) {}

    /**
     * One entry: the line it starts on, whether that line began with blank space (the owner is the
     * previous one), and its tokens.
     */
    record Entry(int line, boolean blankOwner, List<Token> tokens) {}

    /** An error in the text, at a line. */
    static final class SyntaxError extends RuntimeException {
        final int line;

        SyntaxError(int line, String message) {
            super(message);
            this.line = line;
        }
    }

    private final String text;
    private int pos;
    private int line = 1;

    MasterFileLexer(String text) {
        this.text = text;
    }

    /** The next entry, or null at the end of the text. */
    Entry next() {
        while (pos < text.length()) {
            int startLine = line;
            boolean blank = pos < text.length() && (text.charAt(pos) == ' ' || text.charAt(pos) == '\t');
            List<Token> tokens = new ArrayList<>();
            int depth = 0;
            int openedAt = 0;
            while (pos < text.length()) {
                char c = text.charAt(pos);
                if (c == '\n') {
                    pos++;
                    line++;
                    if (depth == 0) {
                        break;
                    }
                } else if (c == ' ' || c == '\t' || c == '\r') {
                    pos++;
                } else if (c == ';') {
                    while (pos < text.length() && text.charAt(pos) != '\n') {
                        pos++;
                    }
                } else if (c == '(') {
                    if (depth > 0) {
                        throw new SyntaxError(line, "nested '(': parentheses do not nest in a master file");
                    }
                    depth++;
                    openedAt = line;
                    pos++;
                } else if (c == ')') {
                    if (depth == 0) {
                        throw new SyntaxError(line, "')' without a matching '('");
                    }
                    depth--;
                    pos++;
                } else if (c == '"') {
                    tokens.add(new Token(quoted(), true));
                } else {
                    tokens.add(new Token(word(), false));
                }
            }
            if (depth > 0) {
                throw new SyntaxError(openedAt, "'(' is never closed");
            }
            if (!tokens.isEmpty()) {
                return new Entry(startLine, blank, tokens);
            }
        }
        return null;
    }

    private String quoted() {
        int start = line;
        pos++; // the opening quote
        StringBuilder sb = new StringBuilder();
        while (true) {
            if (pos >= text.length()) {
                throw new SyntaxError(start, "a quoted string is never closed");
            }
            char c = text.charAt(pos);
            if (c == '"') {
                pos++;
                return sb.toString();
            }
            if (c == '\\' && pos + 1 < text.length()) {
                sb.append(c).append(text.charAt(pos + 1));
                if (text.charAt(pos + 1) == '\n') {
                    line++;
                }
                pos += 2;
                continue;
            }
            if (c == '\n') {
                line++;
            }
            sb.append(c);
            pos++;
        }
    }

    private String word() {
        StringBuilder sb = new StringBuilder();
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == ';' || c == '(' || c == ')' || c == '"') {
                break;
            }
            if (c == '\\' && pos + 1 < text.length() && text.charAt(pos + 1) != '\n') {
                sb.append(c).append(text.charAt(pos + 1));
                pos += 2;
                continue;
            }
            sb.append(c);
            pos++;
        }
        return sb.toString();
    }
}
