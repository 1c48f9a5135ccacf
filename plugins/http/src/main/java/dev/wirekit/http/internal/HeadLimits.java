package dev.wirekit.http.internal;

/**
 * Bounds on one message head.
 *
 * @param maxFirstLine bytes in the request or status line, without its CRLF
 * @param maxFieldBytes bytes in all header field lines together, with their CRLFs
 * @param maxFields number of header field lines
 * @param firstLineStatus the status that reports a first line that is too long (414 for requests)
 */
public record HeadLimits(int maxFirstLine, int maxFieldBytes, int maxFields, int firstLineStatus) {

    /** The most bytes a head within these limits can take, with the blank line that ends it. */
    public int maxHeadBytes() {
        return maxFirstLine + 2 + maxFieldBytes + 2;
    }
}
