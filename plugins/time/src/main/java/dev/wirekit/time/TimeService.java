package dev.wirekit.time;

import dev.wirekit.api.Service;
import dev.wirekit.api.Session;
import java.time.Clock;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/**
 * Tells the time and hangs up: on every new session it sends {@code Current time: HH:MM:SS} (in the
 * clock's zone) and closes. Over UDP each datagram gets one such reply. The clock is injected, so
 * the reply is testable to the second.
 */
public final class TimeService implements Service<String> {
    /** The tutorial's format. */
    public static final String DEFAULT_PATTERN = "HH:mm:ss";

    private final Clock clock;
    private final DateTimeFormatter format;

    public TimeService(Clock clock, DateTimeFormatter format) {
        this.clock = clock;
        this.format = format;
    }

    /** The system clock in the default zone, {@code HH:mm:ss}. */
    public static TimeService systemDefault() {
        return new TimeService(Clock.systemDefaultZone(), DateTimeFormatter.ofPattern(DEFAULT_PATTERN));
    }

    /** The line a client receives now. */
    public String currentTimeLine() {
        return "Current time: " + format.format(ZonedDateTime.now(clock));
    }

    @Override
    public void onOpen(Session<String> session) {
        session.close(currentTimeLine());
    }

    @Override
    public void onMessage(Session<String> session, String message) {
        // The time is sent on connect; anything the client says is ignored.
    }

    @Override
    public boolean isNonBlocking() {
        return true;
    }
}
