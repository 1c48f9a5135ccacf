package dev.wirekit.http;

import java.io.ByteArrayOutputStream;
import java.net.URLEncoder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Name/value parameters in the {@code application/x-www-form-urlencoded} format: a URL's query
 * string, or a submitted HTML form. Ordered, a name may repeat, immutable.
 *
 * <pre>{@code
 * Parameters q = Parameters.parse("tag=a&tag=b&name=J%C3%BCrgen+X");
 * q.get("name");   // "Jürgen X"
 * q.all("tag");    // [a, b]
 * }</pre>
 */
public final class Parameters {
    private static final Parameters EMPTY = new Parameters(Map.of());

    private final Map<String, List<String>> values;

    private Parameters(Map<String, List<String>> values) {
        this.values = values;
    }

    /** No parameters. */
    public static Parameters empty() {
        return EMPTY;
    }

    /**
     * Decodes {@code encoded} ({@code a=1&b=two+words}): {@code +} is a space, {@code %XX} are UTF-8
     * bytes. A name without {@code =} has the empty value. Null or empty text gives no parameters.
     *
     * @throws IllegalArgumentException on a malformed percent escape or bytes that are not UTF-8
     */
    public static Parameters parse(String encoded) {
        if (encoded == null || encoded.isEmpty()) {
            return EMPTY;
        }
        Builder b = builder();
        int at = 0;
        int n = encoded.length();
        while (at <= n) {
            int amp = encoded.indexOf('&', at);
            int end = amp < 0 ? n : amp;
            if (end > at) {
                int eq = encoded.indexOf('=', at);
                if (eq < 0 || eq > end) {
                    b.add(decode(encoded, at, end), "");
                } else {
                    b.add(decode(encoded, at, eq), decode(encoded, eq + 1, end));
                }
            }
            if (amp < 0) {
                break;
            }
            at = amp + 1;
        }
        return b.build();
    }

    /**
     * Decodes one {@code x-www-form-urlencoded} component.
     *
     * @throws IllegalArgumentException on a malformed percent escape or bytes that are not UTF-8
     */
    public static String decode(String s, int from, int to) {
        int firstSpecial = -1;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c == '%' || c == '+') {
                firstSpecial = i;
                break;
            }
        }
        if (firstSpecial < 0) {
            return s.substring(from, to);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(to - from);
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c == '+') {
                bytes.write(' ');
            } else if (c == '%') {
                if (i + 2 >= to) {
                    throw new IllegalArgumentException("truncated percent escape at index " + i);
                }
                int hi = Character.digit(s.charAt(i + 1), 16);
                int lo = Character.digit(s.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    throw new IllegalArgumentException("bad percent escape '" + s.substring(i, i + 3) + "'");
                }
                bytes.write(hi << 4 | lo);
                i += 2;
            } else if (c < 0x80) {
                bytes.write(c);
            } else {
                byte[] utf8 = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                bytes.write(utf8, 0, utf8.length);
            }
        }
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(bytes.toByteArray()))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("percent-encoded bytes are not UTF-8", e);
        }
    }

    /** The first value of {@code name}, or null. */
    public String get(String name) {
        List<String> v = values.get(name);
        return v == null ? null : v.get(0);
    }

    /** The first value of {@code name}, if there is one. */
    public Optional<String> first(String name) {
        return Optional.ofNullable(get(name));
    }

    /** Every value of {@code name} in order; empty when absent. */
    public List<String> all(String name) {
        return values.getOrDefault(name, List.of());
    }

    public boolean contains(String name) {
        return values.containsKey(name);
    }

    /** The names, in order of first appearance. */
    public Set<String> names() {
        return values.keySet();
    }

    public boolean isEmpty() {
        return values.isEmpty();
    }

    /** Name to values, in order; unmodifiable. */
    public Map<String, List<String>> asMap() {
        return values;
    }

    /** Encodes back to {@code a=1&b=two+words}. */
    public String encode() {
        StringBuilder sb = new StringBuilder();
        values.forEach((name, list) -> {
            for (String v : list) {
                if (!sb.isEmpty()) {
                    sb.append('&');
                }
                sb.append(URLEncoder.encode(name, StandardCharsets.UTF_8))
                        .append('=')
                        .append(URLEncoder.encode(v, StandardCharsets.UTF_8));
            }
        });
        return sb.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Parameters p && p.values.equals(values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        return values.toString();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link Parameters}. */
    public static final class Builder {
        private final Map<String, List<String>> values = new LinkedHashMap<>();

        private Builder() {}

        public Builder add(String name, String value) {
            values.computeIfAbsent(name, k -> new ArrayList<>(1)).add(value);
            return this;
        }

        public Parameters build() {
            if (values.isEmpty()) {
                return EMPTY;
            }
            Map<String, List<String>> copy = new LinkedHashMap<>();
            values.forEach((k, v) -> copy.put(k, List.copyOf(v)));
            return new Parameters(Collections.unmodifiableMap(copy));
        }
    }
}
