package dev.wirekit.testkit.wire;

import java.time.Instant;
import java.util.List;

/**
 * The outcome of one wire-suite run, as written to the JSON summary.
 *
 * @param suite the suite's name ({@code echo})
 * @param target the server checked ({@code host:port}, with {@code (tls)} when over TLS)
 * @param testkitVersion the testkit's version
 * @param testkitSha256 the SHA-256 of the testkit jar the rules came from, or null when run from classes
 * @param started when the run started
 * @param finished when it finished
 * @param passed rules passed
 * @param failed rules failed
 * @param skipped rules skipped (a capability the target does not have)
 * @param rules every rule's result, in the order run
 */
public record SuiteReport(
        String suite,
        String target,
        String testkitVersion,
        String testkitSha256,
        Instant started,
        Instant finished,
        int passed,
        int failed,
        int skipped,
        List<RuleResult> rules) {

    /** One rule's result. */
    public enum Status {
        PASSED,
        FAILED,
        SKIPPED
    }

    /**
     * @param rule the rule's number ({@code E-1})
     * @param test the test method that checks it
     * @param status what happened
     * @param message why it failed or was skipped; null when it passed
     */
    public record RuleResult(String rule, String test, Status status, String message) {}

    /** True when no rule failed. */
    public boolean successful() {
        return failed == 0;
    }

    /** The failed rules with their messages, one per paragraph; empty when none failed. */
    public String failures() {
        StringBuilder sb = new StringBuilder();
        for (RuleResult r : rules) {
            if (r.status() == Status.FAILED) {
                sb.append(r.rule()).append(": ").append(r.message()).append("\n\n");
            }
        }
        return sb.toString();
    }

    /** The numbers of the rules that ended with {@code status}, in run order. */
    public java.util.List<String> rules(Status status) {
        return rules.stream()
                .filter(r -> r.status() == status)
                .map(RuleResult::rule)
                .toList();
    }
}
