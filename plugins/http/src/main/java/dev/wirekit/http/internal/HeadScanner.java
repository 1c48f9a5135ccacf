package dev.wirekit.http.internal;

import dev.wirekit.http.HttpException;

/**
 * Finds where a message head ends (the empty line), enforcing {@link HeadLimits} as the bytes
 * arrive, so an endless or oversized head is refused before it is buffered. Incremental: call
 * {@link #scan} again with more bytes; bytes already examined are not examined again.
 */
final class HeadScanner {
    private final HeadLimits limits;
    private int scanned;
    private int lineStart;
    private int firstLineEnd = -1;
    private int fields;

    HeadScanner(HeadLimits limits) {
        this.limits = limits;
    }

    /**
     * Scans {@code b[start, end)}, the head so far.
     *
     * @return the head's length including the CRLF CRLF that ends it, or -1 when more is needed
     * @throws HttpException when a line ends with a bare LF or a limit is exceeded
     */
    int scan(byte[] b, int start, int end) {
        for (int i = start + scanned; i < end; i++) {
            if (b[i] != '\n') {
                continue;
            }
            int rel = i - start;
            if (rel == 0 || b[i - 1] != '\r') {
                throw new HttpException(400, "a line ends with LF without CR");
            }
            int lineLength = rel - 1 - lineStart;
            if (firstLineEnd < 0) {
                if (lineLength > limits.maxFirstLine()) {
                    throw firstLineTooLong();
                }
                firstLineEnd = rel + 1;
            } else if (lineLength == 0) {
                scanned = rel + 1;
                return rel + 1;
            } else if (++fields > limits.maxFields()) {
                throw new HttpException(431, "more than " + limits.maxFields() + " header fields");
            }
            lineStart = rel + 1;
            checkFieldBytes(rel + 1);
        }
        scanned = end - start;
        if (firstLineEnd < 0) {
            if (scanned > limits.maxFirstLine() + 1) {
                throw firstLineTooLong();
            }
        } else {
            checkFieldBytes(scanned);
        }
        return -1;
    }

    private void checkFieldBytes(int upTo) {
        if (upTo - firstLineEnd > limits.maxFieldBytes()) {
            throw new HttpException(431, "header fields longer than " + limits.maxFieldBytes() + " bytes");
        }
    }

    private HttpException firstLineTooLong() {
        return new HttpException(
                limits.firstLineStatus(),
                (limits.firstLineStatus() == 414 ? "request line" : "status line") + " longer than "
                        + limits.maxFirstLine() + " bytes");
    }
}
