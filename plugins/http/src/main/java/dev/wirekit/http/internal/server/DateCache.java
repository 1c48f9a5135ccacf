package dev.wirekit.http.internal.server;

import dev.wirekit.http.HttpDate;
import java.time.Clock;
import java.time.Instant;

/** The Date field's value, formatted at most once a second. Thread-safe. */
final class DateCache {
    private record Cached(long second, String text) {}

    private final Clock clock;
    private volatile Cached cached = new Cached(Long.MIN_VALUE, "");

    DateCache(Clock clock) {
        this.clock = clock;
    }

    String now() {
        Instant now = clock.instant();
        Cached c = cached;
        if (c.second != now.getEpochSecond()) {
            c = new Cached(now.getEpochSecond(), HttpDate.format(now));
            cached = c;
        }
        return c.text;
    }
}
