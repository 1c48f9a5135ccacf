package dev.wirekit.file.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The progress bar, timed by a fake clock: redraw rate, rate, time left, and the last line. */
class ProgressBarTest {

    @Test
    void drawsBytesRateAndTimeLeftAtMostTenTimesASecond() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        AtomicLong now = new AtomicLong();
        ProgressBar bar = new ProgressBar(new PrintStream(out, true, StandardCharsets.UTF_8), now::get);
        long size = 100L << 20;
        bar.started("movie.mkv", 0, size);
        now.set(50_000_000); // 50 ms: too soon to redraw
        bar.progressed(1L << 20, size);
        assertEquals(1, redraws(out), "only the first line so far");
        now.set(1_000_000_000); // one second, 10 MiB
        bar.progressed(10L << 20, size);
        String line = lastLine(out);
        assertTrue(line.startsWith("movie.mkv                 10% [##.................."), line);
        assertTrue(line.contains("10.0 MiB / 100 MiB  10.0 MiB/s  ETA 0:09"), line);
        now.set(10_000_000_000L);
        bar.finish(size);
        String last = lastLine(out);
        assertTrue(last.contains("100% [####################] 100 MiB / 100 MiB  10.0 MiB/s  0:10"), last);
        assertTrue(out.toString(StandardCharsets.UTF_8).endsWith("\n"), "the last line ends the line");
    }

    @Test
    void anEmptyFileIsComplete() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ProgressBar bar = new ProgressBar(new PrintStream(out, true, StandardCharsets.UTF_8), () -> 0);
        bar.started("empty", 0, 0);
        bar.finish(0);
        assertTrue(lastLine(out).contains("100% [####################] 0 B / 0 B"), lastLine(out));
    }

    @Test
    void clockFormat() {
        assertEquals("0:05", ProgressBar.clock(5));
        assertEquals("2:05", ProgressBar.clock(125));
        assertEquals("1:00:00", ProgressBar.clock(3600));
    }

    private static int redraws(ByteArrayOutputStream out) {
        return out.toString(StandardCharsets.UTF_8).split("\r", -1).length - 1;
    }

    private static String lastLine(ByteArrayOutputStream out) {
        String all = out.toString(StandardCharsets.UTF_8);
        return all.substring(all.lastIndexOf('\r') + 1).strip();
    }
}
