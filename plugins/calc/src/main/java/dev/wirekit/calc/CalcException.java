package dev.wirekit.calc;

/** An expression that cannot be evaluated; the message says why and where, for the user. */
public final class CalcException extends RuntimeException {
    private final int position;

    CalcException(String message, int position) {
        super(message);
        this.position = position;
    }

    /** The 1-based character position the problem was found at, or 0 when it is not a position. */
    public int position() {
        return position;
    }
}
