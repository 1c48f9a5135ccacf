package dev.wirekit.http.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Random;
import java.util.stream.Stream;

/**
 * A temporary directory of files to serve, and one next to it that must never be served:
 *
 * <pre>
 * outside/secret.txt          must never be served
 * root/index.html
 * root/hello.txt              "hello, world\n"
 * root/data.bin               100,000 seeded random bytes
 * root/docs/                  no index: listed or 403
 * root/docs/a b.txt           a name with a space
 * root/docs/readme.md
 * root/.hidden                hidden unless allowed
 * root/escape -> ../outside   a link out of the root
 * root/escape.txt -> ../outside/secret.txt
 * root/inside.txt -> hello.txt a link that stays inside
 * </pre>
 */
public final class TestSite implements AutoCloseable {
    public static final String HELLO = "hello, world\n";
    public static final String INDEX = "<!DOCTYPE html><title>home</title><p>home</p>\n";

    private final Path base;
    private final Path root;
    private final byte[] data;

    public TestSite() throws IOException {
        base = Files.createTempDirectory("wirekit-site");
        root = Files.createDirectory(base.resolve("root"));
        Path outside = Files.createDirectory(base.resolve("outside"));
        Files.writeString(outside.resolve("secret.txt"), "TOP SECRET\n");
        Files.writeString(root.resolve("index.html"), INDEX);
        Files.writeString(root.resolve("hello.txt"), HELLO);
        data = new byte[100_000];
        new Random(42).nextBytes(data);
        Files.write(root.resolve("data.bin"), data);
        Path docs = Files.createDirectory(root.resolve("docs"));
        Files.writeString(docs.resolve("a b.txt"), "spaced\n");
        Files.writeString(docs.resolve("readme.md"), "# readme\n");
        Files.writeString(root.resolve(".hidden"), "hidden\n", StandardCharsets.UTF_8);
        Files.createSymbolicLink(root.resolve("escape"), Path.of("../outside"));
        Files.createSymbolicLink(root.resolve("escape.txt"), Path.of("../outside/secret.txt"));
        Files.createSymbolicLink(root.resolve("inside.txt"), Path.of("hello.txt"));
    }

    public Path root() {
        return root;
    }

    public byte[] data() {
        return data.clone();
    }

    /** Writes {@code content} to {@code name} under the root. */
    public Path write(String name, byte[] content) throws IOException {
        return Files.write(root.resolve(name), content);
    }

    @Override
    public void close() throws IOException {
        try (Stream<Path> all = Files.walk(base)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
