package dev.wirekit.scanner.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Reads a match table. One rule per line, {@code #} starts a comment line:
 *
 * <pre>
 * match EVIDENCE SERVICE m|REGEX|[is] [p|PRODUCT|] [v|VERSION|] [i|INFO|]
 * </pre>
 *
 * <p>{@code EVIDENCE} is {@code greeting}, {@code http} or {@code *}. The regex and each field are
 * written between a delimiter of your choice (any character that is not a letter, digit or space
 * and does not occur inside), as in nmap's service probes: {@code m|^SSH-|}, {@code p=Apache httpd=}.
 * Flags: {@code i} ignores case, {@code s} lets {@code .} match line ends.
 */
public final class MatchTableParser {
    private static final Pattern WORD = Pattern.compile("[a-z0-9][a-z0-9._-]*");
    private static final int MAX_LINES = 100_000;

    private final String source;
    private final String text;
    private final int number;
    private int pos;

    private MatchTableParser(String source, String text, int number) {
        this.source = source;
        this.text = text;
        this.number = number;
    }

    /**
     * The rules in {@code in}, in order.
     *
     * @param source the table's name in messages ({@code services-match.txt}, a file path)
     * @throws IllegalArgumentException with the source, line number and what is wrong
     */
    public static List<MatchRule> parse(String source, Reader in) throws IOException {
        List<MatchRule> rules = new ArrayList<>();
        BufferedReader lines = new BufferedReader(in);
        String line;
        int number = 0;
        while ((line = lines.readLine()) != null) {
            number++;
            if (number > MAX_LINES) {
                throw new IllegalArgumentException(source + ": more than " + MAX_LINES + " lines");
            }
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            rules.add(new MatchTableParser(source, trimmed, number).rule());
        }
        return List.copyOf(rules);
    }

    private MatchRule rule() {
        String keyword = word("'match'");
        if (!keyword.equals("match")) {
            throw error("expected 'match', found '" + keyword + "'");
        }
        String evidence = word("the evidence (greeting, http or *)");
        if (!evidence.equals("greeting") && !evidence.equals("http") && !evidence.equals("*")) {
            throw error("the evidence must be greeting, http or *, not '" + evidence + "'");
        }
        String service = word("a service name");
        if (!WORD.matcher(service).matches()) {
            throw error("'" + service + "' is not a service name (lower-case letters, digits, '.', '_', '-')");
        }
        skipSpace();
        if (pos >= text.length() || text.charAt(pos) != 'm') {
            throw error("expected the pattern, m|REGEX|");
        }
        pos++;
        String regex = delimited("the pattern");
        int flags = 0;
        while (pos < text.length() && !Character.isWhitespace(text.charAt(pos))) {
            char f = text.charAt(pos++);
            switch (f) {
                case 'i' -> flags |= Pattern.CASE_INSENSITIVE;
                case 's' -> flags |= Pattern.DOTALL;
                default -> throw error("unknown pattern flag '" + f + "' (i or s)");
            }
        }
        Pattern pattern;
        try {
            pattern = Pattern.compile(regex, flags);
        } catch (PatternSyntaxException e) {
            throw error("bad regular expression: " + e.getDescription() + " near index " + e.getIndex());
        }
        String product = null;
        String version = null;
        String info = null;
        while (true) {
            skipSpace();
            if (pos >= text.length()) {
                break;
            }
            char field = text.charAt(pos++);
            String value = delimited("the " + field + " field");
            switch (field) {
                case 'p' -> product = once(product, value, field);
                case 'v' -> version = once(version, value, field);
                case 'i' -> info = once(info, value, field);
                default -> throw error("unknown field '" + field + "' (p, v or i)");
            }
        }
        return new MatchRule(evidence, service, pattern, product, version, info, source + ":" + number);
    }

    private String once(String previous, String value, char field) {
        if (previous != null) {
            throw error("the " + field + " field is given twice");
        }
        return value;
    }

    private String word(String what) {
        skipSpace();
        int start = pos;
        while (pos < text.length() && !Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
        if (start == pos) {
            throw error("expected " + what);
        }
        return text.substring(start, pos);
    }

    private String delimited(String what) {
        if (pos >= text.length()) {
            throw error("expected " + what + " after its letter");
        }
        char delimiter = text.charAt(pos);
        if (Character.isLetterOrDigit(delimiter) || Character.isWhitespace(delimiter)) {
            throw error(what + " needs a delimiter such as | after its letter, not '" + delimiter + "'");
        }
        int end = text.indexOf(delimiter, pos + 1);
        if (end < 0) {
            throw error(what + " is not closed with '" + delimiter + "'");
        }
        String value = text.substring(pos + 1, end);
        pos = end + 1;
        return value;
    }

    private void skipSpace() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }

    private IllegalArgumentException error(String what) {
        return new IllegalArgumentException(source + " line " + number + ": " + what);
    }
}
