package dev.wirekit.http.testing;

import java.util.stream.Stream;

/** The names of the transports every server test runs on. */
public final class Transports {
    private Transports() {}

    /** For {@code @MethodSource("dev.wirekit.http.testing.Transports#names")}. */
    public static Stream<String> names() {
        return Stream.of("nio", "blocking");
    }
}
