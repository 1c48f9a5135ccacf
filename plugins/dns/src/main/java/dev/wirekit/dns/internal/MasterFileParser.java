package dev.wirekit.dns.internal;

import dev.wirekit.dns.DnsName;
import dev.wirekit.dns.DnsRecord;
import dev.wirekit.dns.RData;
import dev.wirekit.dns.RecordClass;
import dev.wirekit.dns.RecordType;
import dev.wirekit.dns.ZoneFileException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads master files (RFC 1035 §5, with RFC 2308's {@code $TTL}): {@code $ORIGIN}, {@code $TTL},
 * {@code $INCLUDE} (files only, relative to the including file, at most {@value #MAX_INCLUDE_DEPTH}
 * deep), owner names relative to the origin, {@code @}, a blank owner meaning the previous one, TTL
 * and class in either order, parentheses across lines, comments, quoted strings and the generic
 * {@code \#} data form (RFC 3597).
 */
public final class MasterFileParser {
    static final int MAX_INCLUDE_DEPTH = 8;
    /** The largest master file read, so that a mistaken path cannot exhaust the heap. */
    static final long MAX_FILE_BYTES = 64L << 20;

    private final String source;
    private final Path directory;
    private final int depth;
    private DnsName origin;
    private long defaultTtl = -1;
    private long lastTtl = -1;
    private DnsName lastOwner;
    private final List<DnsRecord> records;

    private MasterFileParser(String source, Path directory, int depth, DnsName origin, List<DnsRecord> records) {
        this.source = source;
        this.directory = directory;
        this.depth = depth;
        this.origin = origin;
        this.records = records;
    }

    /**
     * The records of master-file {@code text}; {@code origin} may be null when the text sets
     * {@code $ORIGIN} (or uses absolute names only). {@code $INCLUDE} is refused: text has no
     * directory to include from.
     */
    public static List<DnsRecord> parse(String text, String source, DnsName origin) throws ZoneFileException {
        List<DnsRecord> out = new ArrayList<>();
        new MasterFileParser(source, null, 0, origin, out).run(text);
        return out;
    }

    /** The records of the master file at {@code file}. */
    public static List<DnsRecord> parse(Path file, DnsName origin) throws IOException {
        List<DnsRecord> out = new ArrayList<>();
        parseFile(file, origin, -1, 0, out);
        return out;
    }

    /** Parses {@code file}; an included file starts with its includer's default TTL and origin. */
    private static void parseFile(Path file, DnsName origin, long defaultTtl, int depth, List<DnsRecord> out)
            throws IOException {
        long size = Files.size(file);
        if (size > MAX_FILE_BYTES) {
            throw new ZoneFileException(file.toString(), 0, "file of " + size + " bytes is over " + MAX_FILE_BYTES);
        }
        String text = Files.readString(file, StandardCharsets.UTF_8);
        Path dir = file.toAbsolutePath().getParent();
        MasterFileParser parser = new MasterFileParser(file.toString(), dir, depth, origin, out);
        parser.defaultTtl = defaultTtl;
        parser.run(text);
    }

    private void run(String text) throws ZoneFileException {
        MasterFileLexer lexer = new MasterFileLexer(text);
        while (true) {
            MasterFileLexer.Entry entry;
            try {
                entry = lexer.next();
            } catch (MasterFileLexer.SyntaxError e) {
                throw new ZoneFileException(source, e.line, e.getMessage());
            }
            if (entry == null) {
                return;
            }
            try {
                entry(entry);
            } catch (IllegalArgumentException e) {
                throw new ZoneFileException(source, entry.line(), e.getMessage());
            }
        }
    }

    private void entry(MasterFileLexer.Entry entry) throws ZoneFileException {
        List<MasterFileLexer.Token> tokens = entry.tokens();
        String first = tokens.get(0).text();
        if (!entry.blankOwner() && !tokens.get(0).quoted() && first.startsWith("$")) {
            directive(entry, first.toUpperCase(Locale.ROOT), tokens.subList(1, tokens.size()));
            return;
        }
        int i = 0;
        DnsName owner;
        if (entry.blankOwner()) {
            if (lastOwner == null) {
                throw new IllegalArgumentException("the first record has no owner name");
            }
            owner = lastOwner;
        } else {
            owner = name(first);
            i = 1;
        }
        long ttl = -1;
        RecordClass cls = null;
        for (int k = 0; k < 2 && i < tokens.size(); k++) {
            String t = tokens.get(i).text();
            if (ttl < 0 && Ttl.looksLike(t)) {
                ttl = Ttl.parse(t);
                i++;
            } else if (cls == null && RecordClass.isClass(t) && !RecordType.isType(t)) {
                cls = RecordClass.parse(t);
                i++;
            }
        }
        if (i >= tokens.size()) {
            throw new IllegalArgumentException("a record without a type");
        }
        String typeText = tokens.get(i++).text();
        RecordType type;
        try {
            type = RecordType.parse(typeText);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("expected a record type but found '" + typeText + "'");
        }
        if (type.isMeta()) {
            throw new IllegalArgumentException(type + " cannot appear in a zone");
        }
        if (cls != null && !cls.equals(RecordClass.IN)) {
            throw new IllegalArgumentException("class " + cls + ": only class IN zones are served");
        }
        if (ttl >= 0) {
            lastTtl = ttl;
        } else if (defaultTtl >= 0) {
            ttl = defaultTtl;
        } else if (lastTtl >= 0) {
            ttl = lastTtl;
        } else {
            throw new IllegalArgumentException("no TTL: give one on the record or set $TTL");
        }
        RData data = RDataParser.parse(type, tokens.subList(i, tokens.size()), origin);
        records.add(new DnsRecord(owner, RecordClass.IN, ttl, data));
        lastOwner = owner;
    }

    private void directive(MasterFileLexer.Entry entry, String name, List<MasterFileLexer.Token> args)
            throws ZoneFileException {
        switch (name) {
            case "$ORIGIN" -> {
                expect(name, args, 1, 1);
                origin = name(args.get(0).text());
            }
            case "$TTL" -> {
                expect(name, args, 1, 1);
                defaultTtl = Ttl.parse(args.get(0).text());
            }
            case "$INCLUDE" -> {
                expect(name, args, 1, 2);
                if (directory == null) {
                    throw new IllegalArgumentException("$INCLUDE is only allowed in zone files");
                }
                if (depth + 1 > MAX_INCLUDE_DEPTH) {
                    throw new IllegalArgumentException("$INCLUDE nested more than " + MAX_INCLUDE_DEPTH + " deep");
                }
                Path file = directory.resolve(
                        new String(Escapes.unescape(args.get(0).text()), StandardCharsets.UTF_8));
                DnsName includeOrigin = args.size() > 1 ? name(args.get(1).text()) : origin;
                try {
                    parseFile(file, includeOrigin, defaultTtl, depth + 1, records);
                } catch (ZoneFileException e) {
                    throw e;
                } catch (IOException e) {
                    throw new ZoneFileException(source, entry.line(), "$INCLUDE " + file + ": " + e);
                }
            }
            default ->
                throw new IllegalArgumentException(
                        "unknown directive " + name + " (supported: $ORIGIN, $TTL, $INCLUDE)");
        }
    }

    private static void expect(String directive, List<MasterFileLexer.Token> args, int min, int max) {
        if (args.size() < min || args.size() > max) {
            throw new IllegalArgumentException(directive + " takes " + (min == max ? min : min + " or " + max)
                    + " argument" + (max == 1 ? "" : "s") + ", not " + args.size());
        }
    }

    private DnsName name(String text) {
        if (origin == null && !text.endsWith(".") && !text.equals(".")) {
            throw new IllegalArgumentException("relative name '" + text + "' but no $ORIGIN is set");
        }
        return origin == null ? DnsName.of(text) : DnsName.of(text, origin);
    }
}
