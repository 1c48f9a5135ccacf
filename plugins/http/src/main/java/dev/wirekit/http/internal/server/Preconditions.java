package dev.wirekit.http.internal.server;

import dev.wirekit.http.Headers;
import dev.wirekit.http.HttpDate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Conditional requests (RFC 9110 section 13): If-Match, If-Unmodified-Since, If-None-Match,
 * If-Modified-Since in the order section 13.2.2 gives, and If-Range for ranges.
 */
final class Preconditions {
    /** What the preconditions decide. */
    enum Result {
        /** Serve the request. */
        PROCEED,
        /** 304: the client's copy is current. */
        NOT_MODIFIED,
        /** 412: a precondition failed. */
        FAILED
    }

    private Preconditions() {}

    static Result evaluate(String method, Headers h, String etag, Instant lastModified) {
        boolean getOrHead = method.equals("GET") || method.equals("HEAD");
        String ifMatch = joined(h, "If-Match");
        if (ifMatch != null) {
            if (!matches(ifMatch, etag, true)) {
                return Result.FAILED;
            }
        } else {
            Optional<Instant> since = date(h, "If-Unmodified-Since");
            if (since.isPresent() && lastModified.isAfter(since.get())) {
                return Result.FAILED;
            }
        }
        String ifNoneMatch = joined(h, "If-None-Match");
        if (ifNoneMatch != null) {
            if (matches(ifNoneMatch, etag, false)) {
                return getOrHead ? Result.NOT_MODIFIED : Result.FAILED;
            }
        } else if (getOrHead) {
            Optional<Instant> since = date(h, "If-Modified-Since");
            if (since.isPresent() && !lastModified.isAfter(since.get())) {
                return Result.NOT_MODIFIED;
            }
        }
        return Result.PROCEED;
    }

    /** Whether a Range may be honoured given If-Range (true when there is no If-Range). */
    static boolean rangeApplies(Headers h, String etag, Instant lastModified) {
        String ifRange = h.get("If-Range");
        if (ifRange == null) {
            return true;
        }
        String v = ifRange.strip();
        if (v.startsWith("\"") || v.startsWith("W/")) {
            return matches(v, etag, true);
        }
        return HttpDate.parse(v).map(lastModified::equals).orElse(false);
    }

    private static String joined(Headers h, String name) {
        List<String> all = h.all(name);
        return all.isEmpty() ? null : String.join(",", all);
    }

    private static Optional<Instant> date(Headers h, String name) {
        return HttpDate.parse(h.get(name));
    }

    /** Whether the entity-tag list {@code list} ({@code *} or tags) matches {@code etag}. */
    static boolean matches(String list, String etag, boolean strong) {
        if (list.strip().equals("*")) {
            return true;
        }
        for (String tag : tags(list)) {
            boolean weak = tag.startsWith("W/");
            if (strong && weak) {
                continue;
            }
            String opaque = weak ? tag.substring(2) : tag;
            String ours = etag.startsWith("W/") ? etag.substring(2) : etag;
            if (strong && etag.startsWith("W/")) {
                continue;
            }
            if (opaque.equals(ours)) {
                return true;
            }
        }
        return false;
    }

    /** The entity-tags of a list, each as {@code "x"} or {@code W/"x"}; malformed ones are dropped. */
    static List<String> tags(String list) {
        List<String> tags = new ArrayList<>();
        int i = 0;
        int n = list.length();
        while (i < n) {
            char c = list.charAt(i);
            if (c == ' ' || c == '\t' || c == ',') {
                i++;
                continue;
            }
            int start = i;
            if (list.startsWith("W/", i)) {
                i += 2;
            }
            if (i < n && list.charAt(i) == '"') {
                int close = list.indexOf('"', i + 1);
                if (close < 0) {
                    return tags;
                }
                tags.add(list.substring(start, close + 1));
                i = close + 1;
            } else {
                int comma = list.indexOf(',', i);
                i = comma < 0 ? n : comma;
            }
        }
        return tags;
    }
}
