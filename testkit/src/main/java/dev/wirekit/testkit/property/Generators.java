package dev.wirekit.testkit.property;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.function.IntPredicate;

/** Built-in {@link Generator}s. Lists and byte arrays shrink by halving. */
public final class Generators {
    private Generators() {}

    /** Byte arrays of 0 to {@code maxLength} random bytes (scaled by size). */
    public static Generator<byte[]> bytes(int maxLength) {
        return new Generator<>() {
            @Override
            public byte[] next(SplittableRandom random, int size) {
                int bound = Math.max(1, Math.min(maxLength, size * 8) + 1);
                byte[] b = new byte[random.nextInt(bound)];
                random.nextBytes(b);
                return b;
            }

            @Override
            public List<byte[]> shrink(byte[] value) {
                if (value.length == 0) {
                    return List.of();
                }
                int half = value.length / 2;
                return List.of(
                        Arrays.copyOfRange(value, 0, half), Arrays.copyOfRange(value, half, value.length), new byte[0]);
            }

            @Override
            public String describe(byte[] value) {
                String hex = HexFormat.of().formatHex(value, 0, Math.min(value.length, 64));
                return value.length + " bytes: " + hex + (value.length > 64 ? "..." : "");
            }
        };
    }

    /** Byte arrays of 0 to {@code maxLength} bytes, none of which fails {@code allowed}. */
    public static Generator<byte[]> bytes(int maxLength, IntPredicate allowed) {
        Generator<byte[]> raw = bytes(maxLength);
        return new Generator<>() {
            @Override
            public byte[] next(SplittableRandom random, int size) {
                byte[] b = raw.next(random, size);
                for (int i = 0; i < b.length; i++) {
                    while (!allowed.test(b[i] & 0xFF)) {
                        b[i] = (byte) random.nextInt(256);
                    }
                }
                return b;
            }

            @Override
            public List<byte[]> shrink(byte[] value) {
                return raw.shrink(value);
            }

            @Override
            public String describe(byte[] value) {
                return raw.describe(value);
            }
        };
    }

    /**
     * Text of 0 to {@code maxChars} code points (scaled by size) whose UTF-8 form is at most
     * {@code maxBytes} bytes, mixing ASCII with two-, three- and four-byte characters, never
     * containing a character that fails {@code allowed}.
     */
    public static Generator<String> text(int maxChars, int maxBytes, IntPredicate allowed) {
        return new Generator<>() {
            @Override
            public String next(SplittableRandom random, int size) {
                int n = random.nextInt(Math.max(1, Math.min(maxChars, size * 4) + 1));
                StringBuilder sb = new StringBuilder();
                int bytes = 0;
                for (int i = 0; i < n; i++) {
                    int cp = codePoint(random);
                    if (!allowed.test(cp)) {
                        continue;
                    }
                    int len = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
                    if (bytes + len > maxBytes) {
                        break;
                    }
                    sb.appendCodePoint(cp);
                    bytes += len;
                }
                return sb.toString();
            }

            @Override
            public List<String> shrink(String value) {
                if (value.isEmpty()) {
                    return List.of();
                }
                int half = value.offsetByCodePoints(0, value.codePointCount(0, value.length()) / 2);
                return List.of(value.substring(0, half), value.substring(half), "");
            }

            @Override
            public String describe(String value) {
                return '"' + value.replace("\r", "\\r").replace("\n", "\\n") + '"';
            }
        };
    }

    private static int codePoint(SplittableRandom random) {
        return switch (random.nextInt(8)) {
            case 0 -> 0x80 + random.nextInt(0x780); // two bytes
            case 1 -> 0x800 + random.nextInt(0xD000 - 0x800); // three bytes, below surrogates
            case 2 -> 0x10000 + random.nextInt(0x10FFFF - 0x10000); // four bytes
            default -> random.nextInt(0x80); // ASCII
        };
    }

    /** Lists of 0 to {@code maxSize} elements (scaled by size) made by {@code element}. */
    public static <T> Generator<List<T>> lists(Generator<T> element, int maxSize) {
        return new Generator<>() {
            @Override
            public List<T> next(SplittableRandom random, int size) {
                int n = random.nextInt(Math.max(1, Math.min(maxSize, size) + 1));
                List<T> list = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    list.add(element.next(random, size));
                }
                return list;
            }

            @Override
            public List<List<T>> shrink(List<T> value) {
                if (value.isEmpty()) {
                    return List.of();
                }
                List<List<T>> candidates = new ArrayList<>();
                int half = value.size() / 2;
                candidates.add(List.copyOf(value.subList(0, half)));
                candidates.add(List.copyOf(value.subList(half, value.size())));
                for (int i = 0; i < value.size() && candidates.size() < 8; i++) {
                    for (T smaller : element.shrink(value.get(i))) {
                        List<T> copy = new ArrayList<>(value);
                        copy.set(i, smaller);
                        candidates.add(copy);
                        break;
                    }
                }
                return candidates;
            }

            @Override
            public String describe(List<T> value) {
                StringBuilder sb = new StringBuilder(value.size() + " elements [");
                for (int i = 0; i < value.size() && i < 10; i++) {
                    sb.append(i == 0 ? "" : ", ").append(element.describe(value.get(i)));
                }
                return sb.append(value.size() > 10 ? ", ...]" : "]").toString();
            }
        };
    }

    /** Integers in [{@code min}, {@code max}]; shrinks toward {@code min}. */
    public static Generator<Integer> ints(int min, int max) {
        return new Generator<>() {
            @Override
            public Integer next(SplittableRandom random, int size) {
                return min + random.nextInt(max - min + 1);
            }

            @Override
            public List<Integer> shrink(Integer value) {
                return value == min ? List.of() : List.of(min + (value - min) / 2);
            }
        };
    }

    /** Values made by {@code f} from {@code base}'s values (no shrinking). */
    public static <A, B> Generator<B> map(Generator<A> base, Function<A, B> f) {
        return (random, size) -> f.apply(base.next(random, size));
    }
}
