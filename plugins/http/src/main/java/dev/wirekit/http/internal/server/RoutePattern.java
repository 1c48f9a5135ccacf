package dev.wirekit.http.internal.server;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A route's path pattern: literal segments, {@code {name}} parameters, and an optional trailing
 * {@code *} that takes the rest of the path. Matched against the decoded segments of a path.
 */
final class RoutePattern {
    private final String text;
    private final String[] segments;
    private final boolean[] parameter;
    private final boolean wildcard;

    private RoutePattern(String text, String[] segments, boolean[] parameter, boolean wildcard) {
        this.text = text;
        this.segments = segments;
        this.parameter = parameter;
        this.wildcard = wildcard;
    }

    /**
     * @throws IllegalArgumentException when the pattern does not start with {@code /}, names a
     *     parameter twice, or has {@code *} anywhere but last
     */
    static RoutePattern parse(String pattern) {
        if (pattern == null || !pattern.startsWith("/")) {
            throw new IllegalArgumentException("a route pattern starts with '/': " + pattern);
        }
        List<String> parts = PathCodec.rawSegments(pattern);
        boolean wildcard = parts.get(parts.size() - 1).equals("*");
        if (wildcard) {
            parts.remove(parts.size() - 1);
        }
        String[] segments = new String[parts.size()];
        boolean[] parameter = new boolean[parts.size()];
        Set<String> names = new HashSet<>();
        for (int i = 0; i < parts.size(); i++) {
            String p = parts.get(i);
            if (p.equals("*")) {
                throw new IllegalArgumentException("'*' may only end a route pattern: " + pattern);
            }
            if (p.startsWith("{") && p.endsWith("}")) {
                String name = p.substring(1, p.length() - 1);
                if (name.isEmpty() || !name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                    throw new IllegalArgumentException("bad parameter name '" + name + "' in " + pattern);
                }
                if (!names.add(name)) {
                    throw new IllegalArgumentException("parameter '" + name + "' appears twice in " + pattern);
                }
                segments[i] = name;
                parameter[i] = true;
            } else {
                if (p.contains("{") || p.contains("}")) {
                    throw new IllegalArgumentException("a parameter must be a whole segment: " + pattern);
                }
                segments[i] = PathCodec.decode(p);
            }
        }
        return new RoutePattern(pattern, segments, parameter, wildcard);
    }

    /** Whether the pattern ends with {@code *}. */
    boolean hasWildcard() {
        return wildcard;
    }

    /** The parameters when {@code path} (decoded segments) matches, else null. */
    Map<String, String> match(List<String> path) {
        if (wildcard ? path.size() < segments.length : path.size() != segments.length) {
            return null;
        }
        Map<String, String> params = null;
        for (int i = 0; i < segments.length; i++) {
            String s = path.get(i);
            if (parameter[i]) {
                if (s.isEmpty()) {
                    return null;
                }
                if (params == null) {
                    params = new LinkedHashMap<>(4);
                }
                params.put(segments[i], s);
            } else if (!segments[i].equals(s)) {
                return null;
            }
        }
        if (wildcard) {
            if (params == null) {
                params = new LinkedHashMap<>(2);
            }
            params.put("*", String.join("/", new ArrayList<>(path.subList(segments.length, path.size()))));
        }
        return params == null ? Map.of() : params;
    }

    @Override
    public String toString() {
        return text;
    }
}
