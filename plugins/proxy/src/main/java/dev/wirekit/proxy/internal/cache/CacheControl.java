package dev.wirekit.proxy.internal.cache;

import dev.wirekit.http.Headers;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The directives of the Cache-Control fields of one message (RFC 9111 section 5.2), with the
 * obsolete {@code Pragma: no-cache} of requests taken as {@code no-cache} when there is no
 * Cache-Control. Names are case-insensitive; a malformed delta-seconds counts as 0 (stale).
 */
final class CacheControl {
    private final Map<String, String> directives;

    private CacheControl(Map<String, String> directives) {
        this.directives = directives;
    }

    static CacheControl of(Headers headers) {
        Map<String, String> d = new HashMap<>();
        for (String field : headers.all("Cache-Control")) {
            parse(field, d);
        }
        if (headers.count("Cache-Control") == 0 && headers.containsToken("Pragma", "no-cache")) {
            d.put("no-cache", null);
        }
        return new CacheControl(d);
    }

    private static void parse(String field, Map<String, String> out) {
        int i = 0;
        int n = field.length();
        while (i < n) {
            while (i < n && (field.charAt(i) == ',' || field.charAt(i) == ' ' || field.charAt(i) == '\t')) {
                i++;
            }
            int start = i;
            while (i < n && Headers.isTokenChar(field.charAt(i))) {
                i++;
            }
            if (i == start) {
                i++; // skip a stray character
                continue;
            }
            String name = field.substring(start, i).toLowerCase(Locale.ROOT);
            String value = null;
            if (i < n && field.charAt(i) == '=') {
                i++;
                if (i < n && field.charAt(i) == '"') {
                    StringBuilder sb = new StringBuilder();
                    i++;
                    while (i < n && field.charAt(i) != '"') {
                        if (field.charAt(i) == '\\' && i + 1 < n) {
                            i++;
                        }
                        sb.append(field.charAt(i++));
                    }
                    i++;
                    value = sb.toString();
                } else {
                    int vs = i;
                    while (i < n && field.charAt(i) != ',') {
                        i++;
                    }
                    value = field.substring(vs, i).strip();
                }
            }
            out.putIfAbsent(name, value);
        }
    }

    boolean has(String directive) {
        return directives.containsKey(directive);
    }

    /**
     * The delta-seconds of {@code directive}: -1 when absent, 0 when malformed, the value otherwise
     * (very large values are capped at 2^31 seconds, as RFC 9111 allows).
     */
    long seconds(String directive) {
        if (!directives.containsKey(directive)) {
            return -1;
        }
        String v = directives.get(directive);
        if (v == null || v.isEmpty()) {
            return 0;
        }
        long n = 0;
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c < '0' || c > '9') {
                return 0;
            }
            n = Math.min(n * 10 + (c - '0'), 1L << 31);
        }
        return n;
    }

    /** {@code max-stale} in a request: -1 absent, {@link Long#MAX_VALUE} without a value. */
    long maxStale() {
        if (!directives.containsKey("max-stale")) {
            return -1;
        }
        return directives.get("max-stale") == null ? Long.MAX_VALUE : seconds("max-stale");
    }
}
