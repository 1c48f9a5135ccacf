package dev.wirekit.testkit.wire;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;

/** Collects each rule's result and prints one line per rule as it finishes. */
final class ResultCollector implements TestExecutionListener {
    private static final Pattern RULE = Pattern.compile("(?:required|optional)_([A-Z]+)(\\d+)(?:_(\\d+))?_(\\w+)");

    private final PrintStream console;
    final List<SuiteReport.RuleResult> results = new ArrayList<>();

    ResultCollector(PrintStream console) {
        this.console = console;
    }

    @Override
    public void executionSkipped(TestIdentifier test, String reason) {
        if (test.isTest()) {
            record(test, SuiteReport.Status.SKIPPED, reason);
        }
    }

    @Override
    public void executionFinished(TestIdentifier test, TestExecutionResult result) {
        if (!test.isTest()) {
            return;
        }
        switch (result.getStatus()) {
            case SUCCESSFUL -> record(test, SuiteReport.Status.PASSED, null);
            case ABORTED -> record(test, SuiteReport.Status.SKIPPED, message(result));
            default -> record(test, SuiteReport.Status.FAILED, message(result));
        }
    }

    private static String message(TestExecutionResult result) {
        return result.getThrowable()
                .map(t -> t.getMessage() == null ? t.toString() : t.getMessage())
                .orElse(null);
    }

    private void record(TestIdentifier test, SuiteReport.Status status, String message) {
        String method = test.getSource()
                .filter(MethodSource.class::isInstance)
                .map(s -> ((MethodSource) s).getMethodName())
                .orElse(test.getDisplayName());
        Matcher m = RULE.matcher(method);
        String rule =
                m.matches() ? m.group(1) + "-" + m.group(2) + (m.group(3) == null ? "" : "." + m.group(3)) : method;
        String title = m.matches() ? words(m.group(4)) : test.getDisplayName();
        results.add(new SuiteReport.RuleResult(rule, method, status, message));
        String tag = switch (status) {
            case PASSED -> "PASS";
            case FAILED -> "FAIL";
            case SKIPPED -> "SKIP";
        };
        console.printf("  %s  %-6s %s%n", tag, rule, title);
        if (message != null && status != SuiteReport.Status.PASSED) {
            for (String line : message.split("\n")) {
                console.println("              " + line.strip());
            }
        }
    }

    /** {@code lineEchoedExactly} -> {@code line echoed exactly}; {@code gives400Or431} -> {@code gives 400 or 431}. */
    static String words(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1 $2")
                .replaceAll("([a-z])([0-9])", "$1 $2")
                .toLowerCase(java.util.Locale.ROOT);
    }
}
