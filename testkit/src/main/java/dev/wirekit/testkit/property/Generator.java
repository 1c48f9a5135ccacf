package dev.wirekit.testkit.property;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Makes random values for a {@link Property}, and smaller versions of a value for shrinking.
 *
 * @param <T> the value type
 */
public interface Generator<T> {

    /**
     * A random value. {@code size} grows from small to large over a property's trials, so early
     * trials try small cases; generators scale lengths and counts with it.
     */
    T next(SplittableRandom random, int size);

    /**
     * Smaller candidates of {@code value} to try when it fails, most promising first. The default is
     * none; the built-in list and byte generators halve.
     */
    default List<T> shrink(T value) {
        return List.of();
    }

    /** How a value is shown in a failure report. */
    default String describe(T value) {
        return String.valueOf(value);
    }
}
