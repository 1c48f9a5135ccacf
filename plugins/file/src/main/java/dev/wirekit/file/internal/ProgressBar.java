package dev.wirekit.file.internal;

import dev.wirekit.file.TransferListener;
import java.io.PrintStream;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * A one-line progress bar for a terminal, redrawn in place with a carriage return at most ten
 * times a second: name, percentage, bar, bytes, rate and time left.
 *
 * <pre>
 * report.bin    42% [########............] 4.20 MiB / 10.0 MiB  12.3 MiB/s  ETA 0:03
 * </pre>
 *
 * The rate is smoothed (an exponential moving average over the redraws) so the time left does not
 * jump about; it counts only the bytes this transfer moved, not those resumed from earlier.
 */
public final class ProgressBar implements TransferListener {
    private static final long REDRAW_NANOS = 100_000_000L;
    private static final int BAR = 20;
    private static final int NAME = 24;

    private final PrintStream out;
    private final LongSupplier nanoTime;
    private String name = "";
    private long startNanos;
    private long resumedFrom;
    private long lastNanos;
    private long lastDone;
    private double rate;
    private int lastWidth;

    /** A bar drawn on {@code out}, timed by {@code nanoTime} ({@code System::nanoTime} in real use). */
    public ProgressBar(PrintStream out, LongSupplier nanoTime) {
        this.out = out;
        this.nanoTime = nanoTime;
    }

    @Override
    public void hashing(String name, long done, long size) {
        long now = nanoTime.getAsLong();
        if (now - lastNanos < REDRAW_NANOS && done < size) {
            return;
        }
        lastNanos = now;
        int percent = size == 0 ? 100 : (int) (done * 100 / size);
        String line = fit(name) + String.format(Locale.ROOT, " computing SHA-256 %3d%%", percent);
        int width = line.length();
        out.print("\r" + line + " ".repeat(Math.max(0, lastWidth - width)));
        lastWidth = width;
        out.flush();
    }

    @Override
    public void started(String name, long resumedFrom, long size) {
        this.name = name;
        this.resumedFrom = resumedFrom;
        this.startNanos = nanoTime.getAsLong();
        this.lastNanos = startNanos;
        this.lastDone = resumedFrom;
        this.rate = 0;
        draw(resumedFrom, size, false);
    }

    @Override
    public void progressed(long done, long size) {
        long now = nanoTime.getAsLong();
        if (now - lastNanos < REDRAW_NANOS && done < size) {
            return;
        }
        double seconds = (now - lastNanos) / 1e9;
        if (seconds > 0) {
            double sample = (done - lastDone) / seconds;
            rate = rate == 0 ? sample : 0.7 * rate + 0.3 * sample;
        }
        lastNanos = now;
        lastDone = done;
        draw(done, size, false);
    }

    /** Draws the final state and ends the line; the rate shown is the average of the whole transfer. */
    public void finish(long size) {
        double seconds = (nanoTime.getAsLong() - startNanos) / 1e9;
        rate = seconds > 0 ? (size - resumedFrom) / seconds : 0;
        draw(size, size, true);
    }

    /** Ends the line as it stands (after a failure), so the next message starts on its own line. */
    public void abandon() {
        out.println();
        out.flush();
    }

    private void draw(long done, long size, boolean last) {
        int percent = size == 0 ? 100 : (int) (done * 100 / size);
        int filled = size == 0 ? BAR : (int) (done * BAR / size);
        StringBuilder line = new StringBuilder(96);
        line.append(fit(name)).append(String.format(Locale.ROOT, " %3d%% [", percent));
        line.append("#".repeat(filled)).append(".".repeat(BAR - filled)).append("] ");
        line.append(ByteSizes.format(done)).append(" / ").append(ByteSizes.format(size));
        line.append("  ").append(ByteSizes.format((long) rate)).append("/s");
        if (last) {
            line.append("  ").append(clock((nanoTime.getAsLong() - startNanos) / 1_000_000_000L));
        } else if (rate > 0) {
            line.append("  ETA ").append(clock((long) ((size - done) / rate)));
        }
        int width = line.length();
        if (width < lastWidth) {
            line.append(" ".repeat(lastWidth - width)); // wipe what the longer line left
        }
        lastWidth = width;
        out.print("\r" + line);
        if (last) {
            out.println();
        }
        out.flush();
    }

    private static String fit(String name) {
        String n = NamePolicy.printable(name);
        if (n.length() > NAME) {
            n = n.substring(0, NAME - 3) + "...";
        }
        return String.format(Locale.ROOT, "%-" + NAME + "s", n);
    }

    static String clock(long seconds) {
        long h = seconds / 3600;
        long m = (seconds % 3600) / 60;
        long s = seconds % 60;
        return h > 0
                ? String.format(Locale.ROOT, "%d:%02d:%02d", h, m, s)
                : String.format(Locale.ROOT, "%d:%02d", m, s);
    }
}
