package dev.wirekit.http.internal.server;

import dev.wirekit.http.Headers;
import dev.wirekit.http.server.Handler;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** The routes of one server, tried in the order they were added. Frozen once the server is built. */
public final class Router {
    /** The methods of RFC 9110 and RFC 5789; others are answered 501 unless a route names them. */
    static final Set<String> KNOWN_METHODS =
            Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE", "PATCH");

    private record Route(String method, RoutePattern pattern, Handler handler) {}

    /** What {@link #find} found. */
    sealed interface Match {}

    /** A route for the method and path. */
    record Found(Handler handler, Map<String, String> params) implements Match {}

    /** Routes for the path, none for the method: the methods they allow. */
    record WrongMethod(Set<String> allowed) implements Match {}

    /** No route for the path. */
    record NotFound() implements Match {}

    private final List<Route> routes = new ArrayList<>();
    private boolean frozen;

    /** Adds a route; {@code method} {@code "*"} matches every method. */
    public void add(String method, String pattern, Handler handler) {
        if (frozen) {
            throw new IllegalStateException("routes cannot change once the server is built");
        }
        if (!method.equals("*") && !Headers.isToken(method)) {
            throw new IllegalArgumentException("not a method: " + method);
        }
        routes.add(new Route(
                method.equals("*") ? "*" : method.toUpperCase(Locale.ROOT), RoutePattern.parse(pattern), handler));
    }

    /** Stops changes; returns this. */
    public Router freeze() {
        frozen = true;
        return this;
    }

    /** Whether some route names {@code method} explicitly. */
    boolean routesMethod(String method) {
        for (Route r : routes) {
            if (r.method.equals(method)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The route for {@code method} and the decoded path segments. Patterns without a trailing
     * {@code *} are tried first: when one of them matches the path, the routes with such patterns
     * decide (a route for the method, or 405); only when none matches are the {@code *} patterns
     * tried, in the same way.
     */
    Match find(String method, List<String> segments) {
        Match exact = find(method, segments, false);
        return exact instanceof NotFound ? find(method, segments, true) : exact;
    }

    private Match find(String method, List<String> segments, boolean wildcards) {
        Found getFallback = null;
        Set<String> allowed = null;
        for (Route r : routes) {
            if (r.pattern.hasWildcard() != wildcards) {
                continue;
            }
            Map<String, String> params = r.pattern.match(segments);
            if (params == null) {
                continue;
            }
            if (r.method.equals("*") || r.method.equals(method)) {
                return new Found(r.handler, params);
            }
            if (method.equals("HEAD") && r.method.equals("GET") && getFallback == null) {
                getFallback = new Found(r.handler, params);
            }
            if (allowed == null) {
                allowed = new TreeSet<>();
            }
            allowed.add(r.method);
        }
        if (getFallback != null) {
            return getFallback;
        }
        if (allowed != null) {
            if (allowed.contains("GET")) {
                allowed.add("HEAD");
            }
            allowed.add("OPTIONS");
            return new WrongMethod(allowed);
        }
        return new NotFound();
    }
}
