package dev.wirekit.cli;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * The user's streams. When a console is attached, lines are read through it: on JDK 22 and later that
 * console has line editing and in-session history.
 */
final class Terminal {
    final InputStream in;
    final PrintStream out;
    final PrintStream err;
    private final Console console;
    private BufferedReader reader;

    Terminal(InputStream in, PrintStream out, PrintStream err) {
        this.in = in;
        this.out = out;
        this.err = err;
        Console c = System.console();
        this.console = in == System.in && out == System.out && isTerminal(c) ? c : null;
    }

    private static boolean isTerminal(Console console) {
        if (console == null) {
            return false;
        }
        try {
            return (Boolean) Console.class.getMethod("isTerminal").invoke(console); // JDK 22+
        } catch (ReflectiveOperationException e) {
            return true; // JDK 21: System.console() is only non-null on a terminal
        }
    }

    boolean interactive() {
        return console != null;
    }

    String readLine(String prompt) throws IOException {
        if (console != null) {
            return console.readLine("%s", prompt);
        }
        if (reader == null) {
            reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return reader.readLine();
    }
}
