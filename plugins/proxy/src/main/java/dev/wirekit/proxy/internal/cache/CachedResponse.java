package dev.wirekit.proxy.internal.cache;

import dev.wirekit.http.Headers;
import dev.wirekit.http.HttpDate;
import java.time.Instant;
import java.util.Map;

/**
 * A stored response (RFC 9111 section 3): its status, header fields and whole body, the request
 * field values its Vary names, and when it was requested and received (clock millis). What
 * freshness needs from the fields (Cache-Control, Date, Age) is parsed once, here. Immutable: the
 * fields must not be modified after construction.
 */
public final class CachedResponse {
    private final String key;
    private final int status;
    private final String reason;
    private final Headers headers;
    private final byte[] body;
    private final Map<String, String> vary;
    private final long requestTime;
    private final long responseTime;
    private final CacheControl directives;
    private final long dateValue;
    private final long ageValue;

    /**
     * @param key the cache key (the normalised target URI)
     * @param vary the request's value of each field the response varies on, by lower-case name
     * @param requestTime when the request that fetched it was sent
     * @param responseTime when its head was received
     */
    public CachedResponse(
            String key,
            int status,
            String reason,
            Headers headers,
            byte[] body,
            Map<String, String> vary,
            long requestTime,
            long responseTime) {
        this.key = key;
        this.status = status;
        this.reason = reason;
        this.headers = headers;
        this.body = body;
        this.vary = Map.copyOf(vary);
        this.requestTime = requestTime;
        this.responseTime = responseTime;
        this.directives = CacheControl.of(headers);
        this.dateValue =
                HttpDate.parse(headers.get("Date")).map(Instant::toEpochMilli).orElse(responseTime);
        this.ageValue = parseAge(headers.get("Age"));
    }

    private static long parseAge(String age) {
        if (age == null) {
            return 0;
        }
        try {
            return Math.max(0, Long.parseLong(age.strip())) * 1000;
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    public String key() {
        return key;
    }

    public int status() {
        return status;
    }

    public String reason() {
        return reason;
    }

    /** The stored fields; not to be modified. */
    public Headers headers() {
        return headers;
    }

    /** The stored body; not to be modified. */
    public byte[] body() {
        return body;
    }

    public Map<String, String> vary() {
        return vary;
    }

    public long requestTime() {
        return requestTime;
    }

    public long responseTime() {
        return responseTime;
    }

    /** The response's Cache-Control directives. */
    CacheControl directives() {
        return directives;
    }

    /** The Date field in millis, or the response time when it is missing or invalid. */
    long dateValue() {
        return dateValue;
    }

    /** The Age field in millis (0 when absent or invalid). */
    long ageValue() {
        return ageValue;
    }

    /** The memory it takes, roughly: the body plus the fields. */
    long weight() {
        long w = body.length + 256L + key.length();
        for (int i = 0; i < headers.size(); i++) {
            w += headers.name(i).length() + headers.value(i).length() + 4;
        }
        return w;
    }
}
