package dev.wirekit.scanner;

import dev.wirekit.scanner.internal.DeadlineMatcher;
import dev.wirekit.scanner.internal.MatchRule;
import dev.wirekit.scanner.internal.MatchTableParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The rules that turn what a service said into a service name, product and version. Kept as data:
 * the scanner ships {@link #builtIn()} ({@code service-matches.txt} in this module), and users add
 * their own files in the same format, tried first:
 *
 * <pre>
 * # EVIDENCE  SERVICE  PATTERN                                   FIELDS
 * match greeting ssh   m|^SSH-([\d.]+)-OpenSSH_([\w.]+)|          p/OpenSSH/ v/$2/ i/protocol $1/
 * match http     http  m|^HTTP/1\.[01] \d\d\d.*?\r\nServer: nginx/([\d.]+)|si p/nginx/ v/$1/
 * </pre>
 *
 * <p>{@code EVIDENCE} says which answer a rule looks at: {@code greeting} (what the service said
 * unasked), {@code http} (its answer to the HTTP probe) or {@code *}. The pattern is a Java regular
 * expression matched (with {@code find}) against the bytes read as ISO-8859-1, so {@code \x00} and
 * {@code \xff} match single bytes; flags {@code i} and {@code s}. Fields {@code p} (product),
 * {@code v} (version) and {@code i} (info) may insert groups with {@code $1}..{@code $9}; what they
 * insert is escaped to printable text. The first rule that matches wins. A match that runs for more
 * than 100 ms (a pathological pattern on hostile input) is abandoned and counts as no match.
 */
public final class MatchTable {
    private static volatile MatchTable builtIn;

    private final List<MatchRule> rules;

    private MatchTable(List<MatchRule> rules) {
        this.rules = List.copyOf(rules);
    }

    /** The table shipped with the scanner. */
    public static MatchTable builtIn() {
        MatchTable table = builtIn;
        if (table == null) {
            try (InputStream in = MatchTable.class.getResourceAsStream("service-matches.txt")) {
                if (in == null) {
                    throw new IllegalStateException("service-matches.txt is missing from the scanner module");
                }
                table = parse("service-matches.txt", new InputStreamReader(in, StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            builtIn = table;
        }
        return table;
    }

    /**
     * Reads a table in the format above.
     *
     * @param source what messages call it
     * @throws IllegalArgumentException naming the source and line, and what is wrong there
     */
    public static MatchTable parse(String source, Reader in) throws IOException {
        return new MatchTable(MatchTableParser.parse(source, in));
    }

    /** Reads the table in {@code file} (UTF-8). */
    public static MatchTable load(Path file) throws IOException {
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return parse(file.toString(), in);
        }
    }

    /** This table's rules, then {@code fallback}'s. */
    public MatchTable then(MatchTable fallback) {
        List<MatchRule> all = new ArrayList<>(rules);
        all.addAll(fallback.rules);
        return new MatchTable(all);
    }

    /** How many rules the table holds. */
    public int size() {
        return rules.size();
    }

    /**
     * What {@code bytes[0..length)} identify, said in answer to {@code evidence}
     * ({@code greeting} or {@code http}).
     */
    public Optional<ServiceInfo> match(String evidence, byte[] bytes, int length) {
        return DeadlineMatcher.first(rules, evidence, bytes, length);
    }
}
