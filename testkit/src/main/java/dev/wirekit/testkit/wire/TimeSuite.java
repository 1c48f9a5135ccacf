package dev.wirekit.testkit.wire;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.wirekit.api.ClientSession;
import dev.wirekit.api.Connection;
import dev.wirekit.api.framing.Framers;
import dev.wirekit.testkit.Rule;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.LocalTime;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Time servers: one line, {@code Current time: HH:MM:SS}, then the close (SPEC.md, section TM). */
public class TimeSuite extends WireSuite {
    private static final Pattern LINE = Pattern.compile("Current time: (\\d{2}):(\\d{2}):(\\d{2})\r?\n");
    /** How far the server's clock may be from ours, in seconds. */
    private static final int SKEW = 5;

    @Test
    public void required_TM1_oneLineThenClose() {
        Rule.verify(
                "TM-1",
                "on connect the server sends exactly one line 'Current time: HH:MM:SS' and closes",
                "send the line at once (the client sends nothing), end it with LF or CRLF, then close",
                () -> {
                    try (Connection c = connectRaw()) {
                        String text = new String(readToEnd(c), StandardCharsets.UTF_8);
                        assertTrue(LINE.matcher(text).matches(), "the server sent '" + text.replace("\n", "\\n") + "'");
                    }
                });
    }

    @Test
    public void required_TM2_timeIsCurrent() {
        Rule.verify(
                "TM-2",
                "the time sent is within " + SKEW + " s of the client's clock (any time zone)",
                "read the clock when the client connects, not once at start-up",
                () -> {
                    try (Connection c = connectRaw()) {
                        int local = secondsIntoHalfHour(LocalTime.now());
                        Matcher m = LINE.matcher(new String(readToEnd(c), StandardCharsets.UTF_8));
                        assertTrue(m.matches(), "no time line");
                        int remote = secondsIntoHalfHour(LocalTime.of(
                                Integer.parseInt(m.group(1)),
                                Integer.parseInt(m.group(2)),
                                Integer.parseInt(m.group(3))));
                        int diff = Math.abs(local - remote);
                        diff = Math.min(diff, 1800 - diff);
                        assertTrue(
                                diff <= SKEW,
                                "the server's clock differs from ours by " + diff + " s (modulo time zones)");
                    }
                });
    }

    /** Seconds into the current half hour: equal in every time zone (all zones are whole half hours apart but a few). */
    private static int secondsIntoHalfHour(LocalTime t) {
        return (t.getMinute() % 30) * 60 + t.getSecond();
    }

    @Test
    public void optional_TM3_datagramAnswered() {
        assumeTrue(target().datagrams(), "the target was not declared to serve UDP (--udp)");
        Rule.verify("TM-3", "a datagram is answered with one time line", "reply to any datagram with the time", () -> {
            try (ClientSession<String> c = connectDatagram(Framers.lines(256))) {
                String reply = null;
                for (int attempt = 0; attempt < 5 && reply == null; attempt++) {
                    c.send("time?");
                    try {
                        reply = c.receive(target().timeout().dividedBy(5));
                    } catch (SocketTimeoutException lost) {
                        // UDP may drop: ask again
                    }
                }
                assertTrue(reply != null && LINE.matcher(reply + "\n").matches(), "the reply was " + reply);
            }
        });
    }
}
