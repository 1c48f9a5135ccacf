package dev.wirekit.proxy.internal.cache;

import dev.wirekit.http.Headers;
import java.util.Map;

/**
 * A stored response (RFC 9111 section 3): its status, header fields and whole body, the request
 * field values its Vary names, and when it was requested and received (clock millis).
 *
 * @param key the cache key (the normalised target URI)
 * @param status the status code
 * @param reason the reason phrase
 * @param headers the header fields as stored (hop-by-hop ones removed); not to be modified
 * @param body the body
 * @param vary the request's value of each field the response varies on, by lower-case name
 * @param requestTime when the request that fetched it was sent
 * @param responseTime when its head was received
 */
public record CachedResponse(
        String key,
        int status,
        String reason,
        Headers headers,
        byte[] body,
        Map<String, String> vary,
        long requestTime,
        long responseTime) {

    /** The memory it takes, roughly: the body plus the fields. */
    long weight() {
        long w = body.length + 256L + key.length();
        for (int i = 0; i < headers.size(); i++) {
            w += headers.name(i).length() + headers.value(i).length() + 4;
        }
        return w;
    }
}
