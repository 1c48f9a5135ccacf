package dev.wirekit.http.server;

import java.time.Duration;

/**
 * What the server accepts from one client, and for how long it waits: the defences against
 * oversized and slow requests (slowloris). Every value has a safe default.
 *
 * <table>
 * <caption>Defaults, and the status a request beyond them gets</caption>
 * <tr><th>limit</th><th>default</th><th>beyond it</th></tr>
 * <tr><td>maxRequestLine</td><td>8 KiB</td><td>414</td></tr>
 * <tr><td>maxHeaderBytes (all field lines)</td><td>32 KiB</td><td>431</td></tr>
 * <tr><td>maxHeaderCount</td><td>100</td><td>431</td></tr>
 * <tr><td>maxBodyBytes</td><td>10 MiB</td><td>413</td></tr>
 * <tr><td>headerTimeout (whole head, from its first byte)</td><td>10 s</td><td>408</td></tr>
 * <tr><td>readTimeout (each read of head or body)</td><td>30 s</td><td>408</td></tr>
 * <tr><td>idleTimeout (keep-alive wait for the next request)</td><td>60 s</td><td>quiet close</td></tr>
 * <tr><td>maxRequestsPerConnection</td><td>10,000</td><td>{@code Connection: close}</td></tr>
 * </table>
 */
public final class HttpLimits {
    private static final HttpLimits DEFAULTS = builder().build();

    private final int maxRequestLine;
    private final int maxHeaderBytes;
    private final int maxHeaderCount;
    private final long maxBodyBytes;
    private final Duration headerTimeout;
    private final Duration readTimeout;
    private final Duration idleTimeout;
    private final int maxRequestsPerConnection;

    private HttpLimits(Builder b) {
        maxRequestLine = b.maxRequestLine;
        maxHeaderBytes = b.maxHeaderBytes;
        maxHeaderCount = b.maxHeaderCount;
        maxBodyBytes = b.maxBodyBytes;
        headerTimeout = b.headerTimeout;
        readTimeout = b.readTimeout;
        idleTimeout = b.idleTimeout;
        maxRequestsPerConnection = b.maxRequestsPerConnection;
    }

    /** The defaults in the table above. */
    public static HttpLimits defaults() {
        return DEFAULTS;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder that starts from these limits. */
    public Builder toBuilder() {
        return new Builder()
                .maxRequestLine(maxRequestLine)
                .maxHeaderBytes(maxHeaderBytes)
                .maxHeaderCount(maxHeaderCount)
                .maxBodyBytes(maxBodyBytes)
                .headerTimeout(headerTimeout)
                .readTimeout(readTimeout)
                .idleTimeout(idleTimeout)
                .maxRequestsPerConnection(maxRequestsPerConnection);
    }

    /** Bytes in the request line, without its CRLF. */
    public int maxRequestLine() {
        return maxRequestLine;
    }

    /** Bytes in all header field lines together. */
    public int maxHeaderBytes() {
        return maxHeaderBytes;
    }

    /** Header field lines in one request. */
    public int maxHeaderCount() {
        return maxHeaderCount;
    }

    /** Body bytes in one request, after removing the chunked framing. */
    public long maxBodyBytes() {
        return maxBodyBytes;
    }

    /** How long the whole request head may take to arrive, from its first byte. */
    public Duration headerTimeout() {
        return headerTimeout;
    }

    /** How long one read may wait for bytes, in the head or the body. */
    public Duration readTimeout() {
        return readTimeout;
    }

    /** How long a kept-alive connection may wait for its next request before it is closed. */
    public Duration idleTimeout() {
        return idleTimeout;
    }

    /** Requests served on one connection before the server closes it. */
    public int maxRequestsPerConnection() {
        return maxRequestsPerConnection;
    }

    @Override
    public String toString() {
        return "HttpLimits[maxRequestLine=" + maxRequestLine + ", maxHeaderBytes=" + maxHeaderBytes
                + ", maxHeaderCount=" + maxHeaderCount + ", maxBodyBytes=" + maxBodyBytes + ", headerTimeout="
                + headerTimeout + ", readTimeout=" + readTimeout + ", idleTimeout=" + idleTimeout
                + ", maxRequestsPerConnection=" + maxRequestsPerConnection + "]";
    }

    /** Builds {@link HttpLimits}; each setter checks its argument at once. */
    public static final class Builder {
        private int maxRequestLine = 8 * 1024;
        private int maxHeaderBytes = 32 * 1024;
        private int maxHeaderCount = 100;
        private long maxBodyBytes = 10L * 1024 * 1024;
        private Duration headerTimeout = Duration.ofSeconds(10);
        private Duration readTimeout = Duration.ofSeconds(30);
        private Duration idleTimeout = Duration.ofSeconds(60);
        private int maxRequestsPerConnection = 10_000;

        private Builder() {}

        public Builder maxRequestLine(int value) {
            maxRequestLine = atLeast("maxRequestLine", value, 16);
            return this;
        }

        public Builder maxHeaderBytes(int value) {
            maxHeaderBytes = atLeast("maxHeaderBytes", value, 64);
            return this;
        }

        public Builder maxHeaderCount(int value) {
            maxHeaderCount = atLeast("maxHeaderCount", value, 1);
            return this;
        }

        public Builder maxBodyBytes(long value) {
            if (value < 0) {
                throw new IllegalArgumentException("maxBodyBytes < 0: " + value);
            }
            maxBodyBytes = value;
            return this;
        }

        public Builder headerTimeout(Duration value) {
            headerTimeout = positive("headerTimeout", value);
            return this;
        }

        public Builder readTimeout(Duration value) {
            readTimeout = positive("readTimeout", value);
            return this;
        }

        public Builder idleTimeout(Duration value) {
            idleTimeout = positive("idleTimeout", value);
            return this;
        }

        public Builder maxRequestsPerConnection(int value) {
            maxRequestsPerConnection = atLeast("maxRequestsPerConnection", value, 1);
            return this;
        }

        public HttpLimits build() {
            return new HttpLimits(this);
        }

        private static int atLeast(String name, int value, int min) {
            if (value < min) {
                throw new IllegalArgumentException(name + " must be at least " + min + ": " + value);
            }
            return value;
        }

        private static Duration positive(String name, Duration value) {
            if (value == null || value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException(name + " must be positive: " + value);
            }
            return value;
        }
    }
}
