package dev.wirekit.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.util.Arrays;

/** The {@code wirekit} executable. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        int code = run(args, System.in, System.out, System.err);
        System.out.flush();
        System.exit(code);
    }

    /**
     * Runs one {@code wirekit} command line with the given streams.
     *
     * @return the exit code: 0 success, 1 failure, 2 bad usage
     */
    public static int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
        boolean verbose =
                Arrays.asList(args).contains("--verbose") || Arrays.asList(args).contains("-v");
        LogSetup.configure(verbose, err);
        return new Cli(new Terminal(in, out, err), verbose).commandLine().execute(args);
    }
}
