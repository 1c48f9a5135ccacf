package dev.wirekit.http.internal;

import dev.wirekit.http.Headers;

/**
 * A parsed status line and header fields.
 *
 * @param minorVersion 0 for HTTP/1.0, 1 for HTTP/1.1 (and any later 1.x)
 * @param status the three-digit status code
 * @param reason the reason phrase, possibly empty
 * @param headers the header fields
 */
public record ResponseHead(int minorVersion, int status, String reason, Headers headers) {}
