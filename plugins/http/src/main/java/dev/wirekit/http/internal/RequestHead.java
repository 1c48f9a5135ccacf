package dev.wirekit.http.internal;

import dev.wirekit.http.Headers;

/**
 * A parsed request line and header fields.
 *
 * @param method the method token, case preserved
 * @param target the request-target as sent
 * @param minorVersion 0 for HTTP/1.0, 1 for HTTP/1.1 (and any later 1.x)
 * @param headers the header fields
 */
public record RequestHead(String method, String target, int minorVersion, Headers headers) {

    /** {@code HTTP/1.0} or {@code HTTP/1.1}. */
    public String version() {
        return minorVersion == 0 ? "HTTP/1.0" : "HTTP/1.1";
    }

    /** The request line, for logs: {@code GET /index.html HTTP/1.1}. */
    public String requestLine() {
        return method + " " + target + " " + version();
    }
}
