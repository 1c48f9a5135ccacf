package dev.wirekit.chat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads the wire form of {@link IrcMessage}; escapes and unescapes IRCv3 tag values. */
final class IrcParser {
    private IrcParser() {}

    static IrcMessage parse(String line) {
        int n = line.length();
        for (int i = 0; i < n; i++) {
            char c = line.charAt(i);
            if (c == '\r' || c == '\n' || c == '\0') {
                throw new IrcFormatException("the line contains " + (c == '\0' ? "NUL" : c == '\r' ? "CR" : "LF")
                        + " at position " + i + ", which IRC does not allow inside a message");
            }
        }
        int at = skipSpaces(line, 0);
        if (at == n) {
            throw IrcFormatException.emptyLine();
        }
        Map<String, String> tags = Map.of();
        if (line.charAt(at) == '@') {
            int end = tokenEnd(line, at);
            tags = parseTags(line.substring(at + 1, end));
            at = skipSpaces(line, end);
        }
        String source = null;
        if (at < n && line.charAt(at) == ':') {
            int end = tokenEnd(line, at);
            source = line.substring(at + 1, end);
            if (source.isEmpty()) {
                throw new IrcFormatException("':' starts a source but no source follows");
            }
            at = skipSpaces(line, end);
        }
        if (at == n) {
            throw new IrcFormatException("the message has no command");
        }
        int commandEnd = tokenEnd(line, at);
        String command = line.substring(at, commandEnd);
        at = skipSpaces(line, commandEnd);
        List<String> params = new ArrayList<>(4);
        while (at < n) {
            if (line.charAt(at) == ':' || params.size() == IrcMessage.MAX_PARAMS - 1) {
                params.add(line.substring(line.charAt(at) == ':' ? at + 1 : at));
                break;
            }
            int end = tokenEnd(line, at);
            params.add(line.substring(at, end));
            at = skipSpaces(line, end);
        }
        return new IrcMessage(tags, source, command, params);
    }

    private static int skipSpaces(String s, int from) {
        while (from < s.length() && s.charAt(from) == ' ') {
            from++;
        }
        return from;
    }

    private static int tokenEnd(String s, int from) {
        int space = s.indexOf(' ', from);
        return space < 0 ? s.length() : space;
    }

    private static Map<String, String> parseTags(String text) {
        if (text.isEmpty()) {
            throw new IrcFormatException("'@' starts the tags but no tag follows");
        }
        Map<String, String> tags = new LinkedHashMap<>();
        int start = 0;
        while (start <= text.length()) {
            int end = text.indexOf(';', start);
            if (end < 0) {
                end = text.length();
            }
            if (end > start) {
                String tag = text.substring(start, end);
                int eq = tag.indexOf('=');
                String key = eq < 0 ? tag : tag.substring(0, eq);
                if (!isTagKey(key)) {
                    throw new IrcFormatException("invalid tag name '" + IrcFormatException.preview(key)
                            + "' (expected [+][vendor/]name of letters, digits and '-')");
                }
                tags.put(key, eq < 0 ? "" : unescapeTagValue(tag.substring(eq + 1)));
            }
            start = end + 1;
        }
        return tags;
    }

    /** {@code [+][vendor/]name}: the vendor a host name, the name letters, digits and hyphens. */
    static boolean isTagKey(String key) {
        if (key == null || key.isEmpty()) {
            return false;
        }
        int from = key.charAt(0) == '+' ? 1 : 0;
        int slash = key.lastIndexOf('/');
        if (slash >= from) {
            String vendor = key.substring(from, slash);
            if (vendor.isEmpty() || !vendor.chars().allMatch(c -> isAlnum(c) || c == '-' || c == '.')) {
                return false;
            }
            from = slash + 1;
        }
        if (from == key.length()) {
            return false;
        }
        for (int i = from; i < key.length(); i++) {
            char c = key.charAt(i);
            if (!isAlnum(c) && c != '-') {
                return false;
            }
        }
        return true;
    }

    private static boolean isAlnum(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }

    static String unescapeTagValue(String v) {
        if (v.indexOf('\\') < 0) {
            return v;
        }
        StringBuilder out = new StringBuilder(v.length());
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c != '\\') {
                out.append(c);
                continue;
            }
            if (++i == v.length()) {
                break; // a lone trailing backslash is dropped
            }
            char e = v.charAt(i);
            switch (e) {
                case ':' -> out.append(';');
                case 's' -> out.append(' ');
                case 'r' -> out.append('\r');
                case 'n' -> out.append('\n');
                default -> out.append(e); // includes '\\'
            }
        }
        return out.toString();
    }

    static void escapeTagValue(String v, StringBuilder out) {
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            switch (c) {
                case ';' -> out.append("\\:");
                case ' ' -> out.append("\\s");
                case '\\' -> out.append("\\\\");
                case '\r' -> out.append("\\r");
                case '\n' -> out.append("\\n");
                default -> out.append(c);
            }
        }
    }
}
