package dev.wirekit.proxy.internal;

import dev.wirekit.http.Headers;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Removes the hop-by-hop fields a proxy must not forward (RFC 9110 section 7.6.1). */
final class HopByHop {
    private static final Set<String> ALWAYS = Set.of(
            "connection",
            "keep-alive",
            "proxy-connection",
            "proxy-authenticate",
            "proxy-authorization",
            "te",
            "trailer",
            "transfer-encoding",
            "upgrade");

    private HopByHop() {}

    /** A copy of {@code headers} without hop-by-hop fields, nor those its Connection field names. */
    static Headers strip(Headers headers) {
        List<String> named = headers.tokens("Connection");
        Headers out = new Headers();
        for (int i = 0; i < headers.size(); i++) {
            String name = headers.name(i);
            String lower = name.toLowerCase(Locale.ROOT);
            if (ALWAYS.contains(lower) || containsIgnoreCase(named, lower)) {
                continue;
            }
            out.add(name, headers.value(i));
        }
        return out;
    }

    private static boolean containsIgnoreCase(List<String> list, String lower) {
        for (String s : list) {
            if (s.equalsIgnoreCase(lower)) {
                return true;
            }
        }
        return false;
    }
}
