package dev.wirekit.scanner.internal;

import dev.wirekit.scanner.ServiceInfo;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;

/** Runs match rules over untrusted bytes, within a time budget. */
public final class DeadlineMatcher {
    private static final System.Logger LOG = System.getLogger("dev.wirekit.scanner");
    private static final long BUDGET_NANOS = 100_000_000L;

    private DeadlineMatcher() {}

    /** The first rule for {@code evidence} that matches, described. */
    public static Optional<ServiceInfo> first(List<MatchRule> rules, String evidence, byte[] bytes, int length) {
        String text = new String(bytes, 0, length, java.nio.charset.StandardCharsets.ISO_8859_1);
        DeadlineCharSequence input = new DeadlineCharSequence(text, System.nanoTime() + BUDGET_NANOS);
        for (MatchRule rule : rules) {
            if (!rule.appliesTo(evidence)) {
                continue;
            }
            try {
                Matcher m = rule.pattern().matcher(input);
                if (m.find()) {
                    return Optional.of(rule.describe(m, evidence));
                }
            } catch (DeadlineCharSequence.Expired e) {
                LOG.log(
                        System.Logger.Level.INFO,
                        "match rule at " + rule.line() + " ran out of time on a " + length
                                + "-byte answer; the rest of the table is skipped for it");
                return Optional.empty();
            } catch (StackOverflowError e) {
                LOG.log(
                        System.Logger.Level.INFO,
                        "match rule at " + rule.line() + " overflowed the stack on a " + length
                                + "-byte answer; it counts as no match");
            }
        }
        return Optional.empty();
    }
}
