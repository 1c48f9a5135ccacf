package dev.wirekit.dns;

import java.io.IOException;

/**
 * A master file (zone file) could not be loaded: a syntax error, a bad value, or a zone that breaks
 * the rules (no SOA, a CNAME beside other data, a name outside the zone). The message names the
 * file and line.
 */
public final class ZoneFileException extends IOException {
    private final String source;
    private final int line;

    /**
     * @param source the file (or other source) name
     * @param line the 1-based line, or 0 when the problem is the zone as a whole
     * @param problem what is wrong
     */
    public ZoneFileException(String source, int line, String problem) {
        super(source + (line > 0 ? ":" + line : "") + ": " + problem);
        this.source = source;
        this.line = line;
    }

    /** The file (or other source) name. */
    public String source() {
        return source;
    }

    /** The 1-based line, or 0 when the problem concerns the zone as a whole. */
    public int line() {
        return line;
    }
}
