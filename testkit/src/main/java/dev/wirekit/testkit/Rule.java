package dev.wirekit.testkit;

/**
 * Runs the body of one numbered rule so that any failure names the rule, says what it requires, and
 * gives the advice from {@code testkit/SPEC.md}: a failing verification tells the implementer where
 * to look, not just which assertion broke.
 */
public final class Rule {
    private Rule() {}

    /** A rule body: assertions, which may throw anything. */
    @FunctionalInterface
    public interface Body {
        void run() throws Exception;
    }

    /**
     * Runs {@code body}; if it fails, throws an {@link AssertionError} whose message starts with
     * {@code [id] requirement}, carries the original failure, and ends with {@code advice}.
     * Assumption failures (skips) pass through unchanged.
     */
    public static void verify(String id, String requirement, String advice, Body body) {
        try {
            body.run();
        } catch (org.opentest4j.TestAbortedException skip) {
            throw skip;
        } catch (Throwable t) {
            String detail = t.getMessage() == null
                    ? t.getClass().getName()
                    : t.getClass().getSimpleName() + ": " + t.getMessage();
            throw new AssertionError(
                    "[" + id + "] " + requirement + "\n  failed: " + detail + "\n  if this fails, check: " + advice, t);
        }
    }
}
