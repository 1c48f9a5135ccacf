package dev.wirekit.file;

import dev.wirekit.api.Server;
import dev.wirekit.api.Transport;
import dev.wirekit.api.TransportOptions;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/** What the file plugin's tests share: random files, digests, directory snapshots, servers. */
final class Fixtures {
    static final Duration WAIT = Duration.ofSeconds(20);
    static final InetSocketAddress ANY_PORT = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);

    private Fixtures() {}

    /** Writes {@code size} random bytes (from {@code seed}) to {@code file}, in bounded pieces. */
    static Path randomFile(Path file, long size, long seed) throws IOException {
        SplittableRandom random = new SplittableRandom(seed);
        byte[] block = new byte[64 * 1024];
        try (var out = Files.newOutputStream(file)) {
            for (long left = size; left > 0; ) {
                int n = (int) Math.min(block.length, left);
                for (int i = 0; i < n; i += 8) {
                    long r = random.nextLong();
                    for (int j = 0; j < 8 && i + j < n; j++) {
                        block[i + j] = (byte) (r >>> (8 * j));
                    }
                }
                out.write(block, 0, n);
                left -= n;
            }
        }
        return file;
    }

    /** The SHA-256 of {@code file} in hex, computed here independently of the code under test. */
    static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[64 * 1024];
            int n;
            while ((n = in.read(buffer)) > 0) {
                md.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    /** Every path under {@code dir} (links not followed) with its size and time: to compare before/after. */
    static TreeMap<String, String> snapshot(Path dir) throws IOException {
        TreeMap<String, String> all = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                all.put(
                        dir.relativize(p).toString(),
                        (a.isSymbolicLink() ? "link" : a.isDirectory() ? "dir" : "file") + " " + a.size() + " "
                                + a.lastModifiedTime().toMillis());
            }
        }
        return all;
    }

    /** A running file server and its transport; closing stops both. */
    record Running(Transport transport, FileServer files, Server server) implements AutoCloseable {
        InetSocketAddress address() {
            return server.localAddress();
        }

        FileClient client() throws IOException {
            return FileClient.builder(transport, address()).timeout(WAIT).connect();
        }

        FileClient client(TransportOptions options) throws IOException {
            return FileClient.builder(transport, address())
                    .options(options)
                    .timeout(WAIT)
                    .connect();
        }

        @Override
        public void close() {
            server.close();
            transport.close();
        }
    }

    static Running serve(String transportName, Path root) throws IOException {
        return serve(transportName, root, b -> b, TransportOptions.defaults());
    }

    static Running serve(
            String transportName, Path root, UnaryOperator<FileServer.Builder> settings, TransportOptions options)
            throws IOException {
        Transport transport = Transport.load(transportName);
        try {
            FileServer files = settings.apply(FileServer.builder(root)).build();
            return new Running(transport, files, files.listen(transport, ANY_PORT, options));
        } catch (IOException | RuntimeException e) {
            transport.close();
            throw e;
        }
    }
}
