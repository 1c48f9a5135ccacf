package dev.wirekit.scanner.internal;

/**
 * A char sequence that gives up when a deadline passes: a regular expression matched against it
 * cannot backtrack for longer than the deadline allows, whatever the banner and the rule.
 */
final class DeadlineCharSequence implements CharSequence {
    /** Thrown out of a match that ran out of time. */
    static final class Expired extends RuntimeException {
        Expired() {
            super("regular expression ran out of time", null, false, false);
        }
    }

    private final CharSequence text;
    private final long deadline;
    private int calls;

    DeadlineCharSequence(CharSequence text, long deadlineNanos) {
        this.text = text;
        this.deadline = deadlineNanos;
    }

    @Override
    public char charAt(int index) {
        if ((++calls & 0xFFF) == 0 && System.nanoTime() - deadline > 0) {
            throw new Expired();
        }
        return text.charAt(index);
    }

    @Override
    public int length() {
        return text.length();
    }

    @Override
    public CharSequence subSequence(int start, int end) {
        return new DeadlineCharSequence(text.subSequence(start, end), deadline);
    }

    @Override
    public String toString() {
        return text.toString();
    }
}
