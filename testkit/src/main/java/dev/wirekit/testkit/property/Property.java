package dev.wirekit.testkit.property;

import java.util.List;
import java.util.SplittableRandom;

/**
 * A seeded property check: runs an assertion against many random inputs, and on the first failure
 * shrinks the input (by halving) and reports the seed that reproduces it.
 *
 * <pre>{@code
 * Property.named("decode(encode(m)) == m")
 *         .trials(300)
 *         .check(Generators.lists(Generators.bytes(100), 20), messages -> {
 *             assertEquals(messages, roundTrip(messages));
 *         });
 * }</pre>
 *
 * <p>The seed is random unless set with {@link #seed(long)} or the system property
 * {@code wirekit.seed}, so every run explores new inputs while any failure can be replayed exactly.
 */
public final class Property {
    /** The system property that fixes the seed of every property. */
    public static final String SEED_PROPERTY = "wirekit.seed";

    private final String name;
    private long seed;
    private int trials = 200;
    private int maxShrinks = 200;

    private Property(String name) {
        this.name = name;
        String fixed = System.getProperty(SEED_PROPERTY);
        this.seed = fixed != null ? Long.parseLong(fixed.trim()) : new SplittableRandom().nextLong();
    }

    /** A property called {@code name} (shown in failures). */
    public static Property named(String name) {
        return new Property(name);
    }

    /** Fixes the seed, to replay a failure. */
    public Property seed(long value) {
        this.seed = value;
        return this;
    }

    /** How many random inputs to try; 200 by default. */
    public Property trials(int value) {
        if (value <= 0) {
            throw new IllegalArgumentException("trials <= 0: " + value);
        }
        this.trials = value;
        return this;
    }

    /**
     * At most how many shrink steps to take after a failure; 200 by default. Lower it for checks
     * that are slow to fail (each step reruns the check).
     */
    public Property shrinks(int value) {
        if (value < 0) {
            throw new IllegalArgumentException("shrinks < 0: " + value);
        }
        this.maxShrinks = value;
        return this;
    }

    /** The seed this property will use. */
    public long seed() {
        return seed;
    }

    /** What an assertion over one input does; any exception or error is a failure. */
    @FunctionalInterface
    public interface Check<T> {
        void accept(T value) throws Exception;
    }

    /**
     * Runs {@code check} on {@link #trials(int)} values from {@code generator}.
     *
     * @throws PropertyFailure on the first failing input, after shrinking it
     */
    public <T> void check(Generator<T> generator, Check<T> check) {
        SplittableRandom random = new SplittableRandom(seed);
        for (int trial = 0; trial < trials; trial++) {
            int size = 1 + trial * 100 / trials;
            T value = generator.next(random, size);
            Throwable failure = run(check, value);
            if (failure != null) {
                Shrunk<T> smallest = shrink(generator, check, value, failure);
                throw new PropertyFailure(
                        "property '" + name + "' failed on trial " + (trial + 1) + " of " + trials + " with seed "
                                + seed
                                + " (replay: -D" + SEED_PROPERTY + "=" + seed + ")\n  smallest failing input ("
                                + smallest.steps + " shrink steps): " + generator.describe(smallest.value)
                                + "\n  failure: " + smallest.failure,
                        seed,
                        smallest.failure);
            }
        }
    }

    private record Shrunk<T>(T value, Throwable failure, int steps) {}

    private <T> Shrunk<T> shrink(Generator<T> generator, Check<T> check, T value, Throwable failure) {
        T current = value;
        Throwable currentFailure = failure;
        int steps = 0;
        boolean progress = true;
        while (progress && steps < maxShrinks) {
            progress = false;
            List<T> candidates = generator.shrink(current);
            for (T candidate : candidates) {
                Throwable f = run(check, candidate);
                if (f != null) {
                    current = candidate;
                    currentFailure = f;
                    steps++;
                    progress = true;
                    break;
                }
            }
        }
        return new Shrunk<>(current, currentFailure, steps);
    }

    private static <T> Throwable run(Check<T> check, T value) {
        try {
            check.accept(value);
            return null;
        } catch (org.opentest4j.TestAbortedException skip) {
            throw skip;
        } catch (Throwable t) {
            return t;
        }
    }
}
