package dev.wirekit.cli;

import java.io.PrintStream;
import java.util.logging.ConsoleHandler;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.StreamHandler;

/**
 * One log line per event on standard error: {@code 12:00:01 WARNING closed nio-3 /1.2.3.4:5: ...}.
 * INFO and above normally; everything with {@code --verbose}. Applies only when the user has not
 * configured java.util.logging themselves.
 */
final class LogSetup {
    private LogSetup() {}

    static void configure(boolean verbose, PrintStream err) {
        if (System.getProperty("java.util.logging.config.file") != null
                || System.getProperty("java.util.logging.config.class") != null) {
            return;
        }
        Logger root = Logger.getLogger("");
        for (Handler h : root.getHandlers()) {
            if (h instanceof ConsoleHandler || h instanceof StreamHandler) {
                root.removeHandler(h);
            }
        }
        Level level = verbose ? Level.ALL : Level.INFO;
        StreamHandler handler = new StreamHandler(err, new OneLine()) {
            @Override
            public synchronized void publish(LogRecord record) {
                super.publish(record);
                flush();
            }
        };
        handler.setLevel(level);
        root.addHandler(handler);
        root.setLevel(verbose ? Level.FINE : Level.INFO);
    }

    /**
     * Formats with the time zone resolved when logging is set up: resolving it on the first log
     * line reads the JDK's time-zone file, and a server out of file descriptors (the very thing it
     * may be logging) could not open it, so the logger would throw instead of logging.
     */
    private static final class OneLine extends Formatter {
        private static final java.time.format.DateTimeFormatter TIME =
                java.time.format.DateTimeFormatter.ofPattern("HH:mm:ss");
        private final java.time.ZoneId zone = java.time.ZoneId.systemDefault(); // loads its rules now

        @Override
        public String format(LogRecord r) {
            StringBuilder sb = new StringBuilder();
            sb.append(TIME.format(r.getInstant().atZone(zone)))
                    .append(' ')
                    .append(r.getLevel().getName())
                    .append(' ')
                    .append(formatMessage(r))
                    .append(System.lineSeparator());
            if (r.getThrown() != null) {
                java.io.StringWriter trace = new java.io.StringWriter();
                r.getThrown().printStackTrace(new java.io.PrintWriter(trace));
                sb.append(trace);
            }
            return sb.toString();
        }
    }
}
