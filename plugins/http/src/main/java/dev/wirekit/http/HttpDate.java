package dev.wirekit.http;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;

/**
 * HTTP dates (RFC 9110 section 5.6.7): {@code Sun, 06 Nov 1994 08:49:37 GMT}. Formats the
 * preferred IMF-fixdate; parses it and the two obsolete forms a recipient must accept.
 */
public final class HttpDate {
    private static final DateTimeFormatter IMF_FIXDATE = DateTimeFormatter.ofPattern(
                    "EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter RFC_850 = DateTimeFormatter.ofPattern(
                    "EEEE, dd-MMM-yy HH:mm:ss 'GMT'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter ASCTIME = DateTimeFormatter.ofPattern(
                    "EEE MMM ppd HH:mm:ss yyyy", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private HttpDate() {}

    /** {@code instant} as an IMF-fixdate, to the second. */
    public static String format(Instant instant) {
        return IMF_FIXDATE.format(instant);
    }

    /**
     * Parses an HTTP date in any of its three forms; empty when {@code text} is none of them (a
     * recipient treats an invalid date as absent, or for {@code Expires} as already past).
     */
    public static Optional<Instant> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String t = text.strip();
        try {
            return Optional.of(Instant.from(IMF_FIXDATE.parse(t)));
        } catch (DateTimeParseException e) {
            // try the obsolete forms
        }
        try {
            ZonedDateTime z = ZonedDateTime.from(RFC_850.parse(t));
            // a two-digit year more than 50 years in the future means the past century (RFC 9110)
            if (z.getYear() > ZonedDateTime.now(ZoneOffset.UTC).getYear() + 50) {
                z = z.minusYears(100);
            }
            return Optional.of(z.toInstant());
        } catch (DateTimeParseException e) {
            // try asctime
        }
        try {
            return Optional.of(Instant.from(ASCTIME.parse(t)));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
