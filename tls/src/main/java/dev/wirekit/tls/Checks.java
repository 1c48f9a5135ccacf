package dev.wirekit.tls;

import dev.wirekit.tls.internal.CipherSuites;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;

/** Argument checks shared by the configuration builders. */
final class Checks {
    private Checks() {}

    static List<TlsVersion> protocols(List<TlsVersion> value) {
        if (value.isEmpty()) {
            throw new IllegalArgumentException("at least one protocol version must be enabled");
        }
        return List.copyOf(new LinkedHashSet<>(value));
    }

    static List<String> cipherSuites(List<String> value) {
        if (value.isEmpty()) {
            throw new IllegalArgumentException("at least one cipher suite must be enabled");
        }
        LinkedHashSet<String> names = new LinkedHashSet<>();
        for (String s : value) {
            names.add(CipherSuites.byName(s).name());
        }
        return List.copyOf(names);
    }

    static List<String> groups(List<String> value) {
        if (value.isEmpty()) {
            throw new IllegalArgumentException("at least one named group must be enabled");
        }
        LinkedHashSet<String> names = new LinkedHashSet<>();
        for (String g : value) {
            CipherSuites.group(g);
            names.add(g.trim().toLowerCase(java.util.Locale.ROOT));
        }
        return List.copyOf(names);
    }

    static List<String> applicationProtocols(List<String> value) {
        for (String p : value) {
            Objects.requireNonNull(p, "application protocol");
            int n = p.getBytes(StandardCharsets.UTF_8).length;
            if (n == 0 || n > 255) {
                throw new IllegalArgumentException("an ALPN protocol name must be 1 to 255 bytes: '" + p + "'");
            }
        }
        return List.copyOf(new LinkedHashSet<>(value));
    }

    /** Every enabled protocol needs at least one enabled suite of its kind. */
    static void suitesCoverProtocols(List<TlsVersion> protocols, List<String> suites) {
        for (TlsVersion v : protocols) {
            boolean tls13 = v == TlsVersion.TLS_1_3;
            if (suites.stream().noneMatch(s -> CipherSuites.byName(s).tls13() == tls13)) {
                throw new IllegalArgumentException(
                        v + " is enabled but none of its cipher suites is: enabled suites " + suites);
            }
        }
    }

    static int positive(String what, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(what + " <= 0: " + value);
        }
        return value;
    }
}
