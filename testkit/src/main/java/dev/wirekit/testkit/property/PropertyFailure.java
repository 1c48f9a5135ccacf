package dev.wirekit.testkit.property;

/**
 * A property did not hold. The message names the property, the seed that reproduces it, and the
 * smallest failing input found; the cause is the original assertion failure.
 */
public final class PropertyFailure extends AssertionError {
    private final long seed;

    PropertyFailure(String message, long seed, Throwable cause) {
        super(message, cause);
        this.seed = seed;
    }

    /** The seed that reproduces the failure: pass it to {@link Property#seed(long)} or set -Dwirekit.seed. */
    public long seed() {
        return seed;
    }
}
