package dev.wirekit.http.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds external programs the tests use. */
public final class Tools {
    private Tools() {}

    /** Whether {@code name} is an executable in one of the usual binary directories or on PATH. */
    public static boolean installed(String name) {
        return find(name) != null;
    }

    /** The executable's path, or null. */
    public static Path find(String name) {
        String path = System.getenv().getOrDefault("PATH", "") + ":/usr/sbin:/usr/bin:/sbin:/bin";
        for (String dir : path.split(":")) {
            if (dir.isEmpty()) {
                continue;
            }
            Path p = Path.of(dir, name);
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }
}
