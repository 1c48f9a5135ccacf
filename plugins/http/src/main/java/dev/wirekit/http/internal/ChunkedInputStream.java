package dev.wirekit.http.internal;

import dev.wirekit.http.Headers;
import dev.wirekit.http.HttpException;
import java.io.EOFException;
import java.io.IOException;

/**
 * Decodes the chunked transfer coding (RFC 9112 section 7.1): hex chunk sizes with optional
 * extensions (checked, then ignored), chunk data each followed by CRLF, a zero-size last chunk, and
 * trailer fields up to the empty line. Malformed framing and oversized bodies are refused with an
 * {@link HttpException}; an early end of the stream is an {@link EOFException}.
 */
public final class ChunkedInputStream extends BodyInputStream {
    private static final byte[] CRLF = {'\r', '\n'};
    private static final int MAX_CHUNK_LINE = 4096;

    private final HttpInput input;
    private final long maxBytes;
    private final int maxTrailerBytes;
    private final int errorStatus;
    private final Headers trailers = new Headers();
    private long chunkLeft;
    private long total;
    private boolean done;

    /**
     * @param maxBytes the most body bytes accepted (413 beyond, for a request)
     * @param maxTrailerBytes the most bytes of trailer fields accepted
     * @param errorStatus the status malformed framing is reported with: 400 for a request, 502
     *     for a response
     */
    public ChunkedInputStream(HttpInput input, long maxBytes, int maxTrailerBytes, int errorStatus) {
        this.input = input;
        this.maxBytes = maxBytes;
        this.maxTrailerBytes = maxTrailerBytes;
        this.errorStatus = errorStatus;
    }

    @Override
    public boolean isComplete() {
        return done;
    }

    @Override
    public Headers trailers() {
        return trailers;
    }

    @Override
    protected int readBody(byte[] b, int off, int len) throws IOException {
        if (done) {
            return -1;
        }
        if (chunkLeft == 0) {
            chunkLeft = readChunkSize();
            if (chunkLeft == 0) {
                readTrailers();
                done = true;
                return -1;
            }
            if (total + chunkLeft > maxBytes) {
                throw new HttpException(
                        errorStatus == 400 ? 413 : errorStatus, "body larger than " + maxBytes + " bytes");
            }
        }
        int n = input.read(b, off, (int) Math.min(len, chunkLeft));
        if (n < 0) {
            throw new EOFException("the connection ended inside a chunk, " + chunkLeft + " bytes short");
        }
        chunkLeft -= n;
        total += n;
        if (chunkLeft == 0) {
            try {
                input.expect(CRLF, "CRLF after chunk data");
            } catch (HttpException e) {
                throw new HttpException(errorStatus, e.getMessage());
            }
        }
        return n;
    }

    private long readChunkSize() throws IOException {
        String line = readLine("chunk size line");
        int i = 0;
        long size = 0;
        while (i < line.length() && Character.digit(line.charAt(i), 16) >= 0 && line.charAt(i) < 0x80) {
            if (i == 15) {
                throw new HttpException(errorStatus, "chunk size too large");
            }
            size = size << 4 | Character.digit(line.charAt(i), 16);
            i++;
        }
        if (i == 0) {
            throw new HttpException(errorStatus, "a chunk does not start with a hexadecimal size");
        }
        if (i < line.length() && !ChunkExtensions.valid(line, i)) {
            throw new HttpException(errorStatus, "malformed chunk extension");
        }
        return size;
    }

    private void readTrailers() throws IOException {
        int bytes = 0;
        while (true) {
            String line = readLine("trailer field");
            if (line.isEmpty()) {
                return;
            }
            bytes += line.length() + 2;
            if (bytes > maxTrailerBytes) {
                throw new HttpException(
                        errorStatus == 400 ? 431 : errorStatus,
                        "trailer fields longer than " + maxTrailerBytes + " bytes");
            }
            int colon = line.indexOf(':');
            String name = colon < 0 ? "" : line.substring(0, colon);
            if (!Headers.isToken(name)) {
                throw new HttpException(errorStatus, "a malformed trailer field");
            }
            try {
                trailers.add(name, line.substring(colon + 1).strip());
            } catch (IllegalArgumentException e) {
                throw new HttpException(errorStatus, "a malformed trailer field");
            }
        }
    }

    private String readLine(String what) throws IOException {
        try {
            return input.readLine(MAX_CHUNK_LINE, what);
        } catch (HttpException e) {
            throw new HttpException(errorStatus, e.getMessage());
        }
    }
}
