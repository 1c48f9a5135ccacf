package dev.wirekit.http;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * The header fields of one HTTP message: name/value pairs in the order they were received or added,
 * looked up by name without regard to case (RFC 9110 section 5.1).
 *
 * <pre>{@code
 * Headers headers = new Headers()
 *         .add("Content-Type", "text/plain")
 *         .add("Cache-Control", "no-cache");
 * headers.get("content-type");                   // "text/plain"
 * headers.containsToken("cache-control", "NO-CACHE"); // true
 * }</pre>
 *
 * <p>Names must be tokens and values must not contain CR, LF or NUL; {@link #add} and {@link #set}
 * check this at once, so a response built from {@code Headers} can never be split by a value taken
 * from user input. Not thread-safe.
 */
public final class Headers implements Iterable<Map.Entry<String, String>> {
    private String[] names;
    private String[] values;
    private int size;

    /** An empty set of header fields. */
    public Headers() {
        names = new String[8];
        values = new String[8];
    }

    private Headers(Headers other) {
        names = Arrays.copyOf(other.names, Math.max(8, other.size));
        values = Arrays.copyOf(other.values, Math.max(8, other.size));
        size = other.size;
    }

    /**
     * Header fields from alternating names and values: {@code Headers.of("Accept", "text/html")}.
     *
     * @throws IllegalArgumentException when the count is odd or a name or value is invalid
     */
    public static Headers of(String... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("names and values must come in pairs: " + namesAndValues.length);
        }
        Headers h = new Headers();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            h.add(namesAndValues[i], namesAndValues[i + 1]);
        }
        return h;
    }

    /** An independent copy. */
    public Headers copy() {
        return new Headers(this);
    }

    /** The number of field lines. */
    public int size() {
        return size;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    /** The name of the {@code index}th field line, as it was written. */
    public String name(int index) {
        Objects.checkIndex(index, size);
        return names[index];
    }

    /** The value of the {@code index}th field line. */
    public String value(int index) {
        Objects.checkIndex(index, size);
        return values[index];
    }

    /**
     * Replaces the value of the {@code index}th field line, keeping its place.
     *
     * @throws IllegalArgumentException when {@code value} holds CR, LF or NUL
     */
    public Headers setValue(int index, String value) {
        Objects.checkIndex(index, size);
        checkValue(names[index], value);
        values[index] = value;
        return this;
    }

    /** The first value of the field called {@code name}, or null when there is none. */
    public String get(String name) {
        for (int i = 0; i < size; i++) {
            if (names[i].equalsIgnoreCase(name)) {
                return values[i];
            }
        }
        return null;
    }

    /** Every value of the field called {@code name}, in order; empty when there is none. */
    public List<String> all(String name) {
        List<String> found = new ArrayList<>(2);
        for (int i = 0; i < size; i++) {
            if (names[i].equalsIgnoreCase(name)) {
                found.add(values[i]);
            }
        }
        return found;
    }

    /** The number of field lines called {@code name}. */
    public int count(String name) {
        int n = 0;
        for (int i = 0; i < size; i++) {
            if (names[i].equalsIgnoreCase(name)) {
                n++;
            }
        }
        return n;
    }

    public boolean contains(String name) {
        return get(name) != null;
    }

    /**
     * The comma-separated elements of every field called {@code name}, trimmed, empty ones dropped
     * (RFC 9110 section 5.6.1): {@code Connection: close, Upgrade} gives {@code [close, Upgrade]}.
     * Quoted strings are not interpreted; use this for lists of tokens.
     */
    public List<String> tokens(String name) {
        List<String> found = new ArrayList<>(2);
        for (int i = 0; i < size; i++) {
            if (names[i].equalsIgnoreCase(name)) {
                for (String element : values[i].split(",")) {
                    String t = element.strip();
                    if (!t.isEmpty()) {
                        found.add(t);
                    }
                }
            }
        }
        return found;
    }

    /** Whether {@link #tokens(String)} holds {@code token}, compared without regard to case. */
    public boolean containsToken(String name, String token) {
        for (int i = 0; i < size; i++) {
            if (names[i].equalsIgnoreCase(name) && listContains(values[i], token)) {
                return true;
            }
        }
        return false;
    }

    private static boolean listContains(String list, String token) {
        int at = 0;
        int n = list.length();
        while (at <= n) {
            int comma = list.indexOf(',', at);
            int end = comma < 0 ? n : comma;
            int s = at;
            int e = end;
            while (s < e && isWhitespace(list.charAt(s))) {
                s++;
            }
            while (e > s && isWhitespace(list.charAt(e - 1))) {
                e--;
            }
            if (e - s == token.length() && list.regionMatches(true, s, token, 0, e - s)) {
                return true;
            }
            if (comma < 0) {
                return false;
            }
            at = comma + 1;
        }
        return false;
    }

    private static boolean isWhitespace(char c) {
        return c == ' ' || c == '\t';
    }

    /** The distinct names present, each once, in the spelling and order of first appearance. */
    public Set<String> names() {
        Set<String> lower = new LinkedHashSet<>();
        Set<String> out = new LinkedHashSet<>();
        for (int i = 0; i < size; i++) {
            if (lower.add(names[i].toLowerCase(Locale.ROOT))) {
                out.add(names[i]);
            }
        }
        return out;
    }

    /**
     * Adds a field line after the others.
     *
     * @throws IllegalArgumentException when {@code name} is not a token or {@code value} holds CR,
     *     LF or NUL
     */
    public Headers add(String name, String value) {
        checkName(name);
        checkValue(name, value);
        if (size == names.length) {
            names = Arrays.copyOf(names, size * 2);
            values = Arrays.copyOf(values, size * 2);
        }
        names[size] = name;
        values[size] = value;
        size++;
        return this;
    }

    /** Replaces every field called {@code name} with this one value (added at the end if absent). */
    public Headers set(String name, String value) {
        checkName(name);
        checkValue(name, value);
        for (int i = 0; i < size; i++) {
            if (names[i].equalsIgnoreCase(name)) {
                values[i] = value;
                removeFrom(name, i + 1);
                return this;
            }
        }
        return add(name, value);
    }

    /** Adds the field unless one by that name is present. */
    public Headers setIfAbsent(String name, String value) {
        return contains(name) ? this : add(name, value);
    }

    /** Removes every field called {@code name}; true when there was one. */
    public boolean remove(String name) {
        return removeFrom(name, 0);
    }

    private boolean removeFrom(String name, int from) {
        int w = from;
        for (int r = from; r < size; r++) {
            if (!names[r].equalsIgnoreCase(name)) {
                names[w] = names[r];
                values[w] = values[r];
                w++;
            }
        }
        boolean removed = w != size;
        Arrays.fill(names, w, size, null);
        Arrays.fill(values, w, size, null);
        size = w;
        return removed;
    }

    /** Removes every field. */
    public void clear() {
        Arrays.fill(names, 0, size, null);
        Arrays.fill(values, 0, size, null);
        size = 0;
    }

    /** Calls {@code action} with each field line's name and value, in order. */
    public void forEach(BiConsumer<String, String> action) {
        for (int i = 0; i < size; i++) {
            action.accept(names[i], values[i]);
        }
    }

    @Override
    public Iterator<Map.Entry<String, String>> iterator() {
        return new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < size;
            }

            @Override
            public Map.Entry<String, String> next() {
                if (next >= size) {
                    throw new NoSuchElementException();
                }
                Map.Entry<String, String> e = Map.entry(names[next], values[next]);
                next++;
                return e;
            }
        };
    }

    /** True when {@code name} is a non-empty token (RFC 9110 section 5.6.2). */
    public static boolean isToken(String name) {
        if (name == null || name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            if (!isTokenChar(name.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** True for the characters allowed in a token: {@code !#$%&'*+-.^_`|~}, digits and letters. */
    public static boolean isTokenChar(int c) {
        if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') {
            return true;
        }
        return switch (c) {
            case '!', '#', '$', '%', '&', '\'', '*', '+', '-', '.', '^', '_', '`', '|', '~' -> true;
            default -> false;
        };
    }

    private static void checkName(String name) {
        if (!isToken(name)) {
            throw new IllegalArgumentException("not a valid header field name: '" + name + "'");
        }
    }

    private static void checkValue(String name, String value) {
        Objects.requireNonNull(value, () -> "value of " + name);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\r' || c == '\n' || c == 0 || c > 0xFF) {
                throw new IllegalArgumentException("header " + name + " has a forbidden character (code " + (int) c
                        + ") at index " + i + "; values may not contain CR, LF, NUL or non-Latin-1");
            }
        }
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < size; i++) {
            sb.append(names[i]).append(": ").append(values[i]).append('\n');
        }
        return sb.toString();
    }
}
