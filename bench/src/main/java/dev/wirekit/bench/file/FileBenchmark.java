package dev.wirekit.bench.file;

import dev.wirekit.api.Transport;
import dev.wirekit.file.FileClient;
import dev.wirekit.file.TransferResult;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.RandomAccessFile;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Download throughput of one large file, Wirekit's file server (NIO transport, zero-copy) against
 * nginx serving the same file over HTTP (sendfile on), fetched by the same plain-socket client
 * into a discarded buffer, in one run; prints each side's median and the ratio (target: Wirekit
 * at least 0.9x nginx). Then the heap the Wirekit server uses: its JVM runs with -Xmx64m
 * throughout, and a multi-GiB file is downloaded from it and uploaded to it while a sampler in
 * that JVM records the highest heap use.
 *
 * <p>Arguments: {@code [file size, default 1GiB] [runs, default 9] [multi-GiB size, default 3GiB]}.
 * Sizes take units: {@code 512MiB}, {@code 1GiB}, {@code 4GiB}. The system property
 * {@code bench.outbound} sets the server's maxOutboundBytes (default 1 MiB, the transport's own
 * default), to see how far ahead of the socket the server may queue file regions.
 *
 * <p>Runs alternate, Wirekit then nginx, and the ratio reported is the median of the per-pair
 * ratios, so that a machine whose load drifts (a shared CI runner) skews both sides alike.
 */
public final class FileBenchmark {
    private static final String HEAP = "-Xmx64m";

    private FileBenchmark() {}

    public static void main(String[] args) throws Exception {
        long size = args.length > 0 ? parseSize(args[0]) : 1L << 30;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 9;
        long bigSize = args.length > 2 ? parseSize(args[2]) : 3L << 30;
        if (!Nginx.available()) {
            System.err.println("nginx is not installed (Debian: apt-get install nginx-light); it is the peer here");
            System.exit(2);
        }
        // readable by nginx's workers, which run as an unprivileged user when started as root
        var readable = java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        Path dir = Files.createTempDirectory("wirekit-file-bench", readable);
        try {
            Path root = Files.createDirectory(dir.resolve("root"), readable);
            System.err.printf(Locale.ROOT, "creating a %s file...%n", human(size));
            randomFile(root.resolve("bench.bin"), size);
            try (ServerProcess wirekit = ServerProcess.start(root);
                    Nginx nginx = Nginx.serve(root, dir.resolve("nginx"))) {
                // warm-up: page cache, JIT, the server's digest of the file
                Fetch.wirekit(wirekit.address, "bench.bin");
                Fetch.http(nginx.address, "bench.bin");
                double[] w = new double[runs];
                double[] n = new double[runs];
                for (int i = 0; i < runs; i++) {
                    w[i] = timed(() -> Fetch.wirekit(wirekit.address, "bench.bin"), size);
                    n[i] = timed(() -> Fetch.http(nginx.address, "bench.bin"), size);
                    System.err.printf(Locale.ROOT, "run %d: wirekit %,.0f MB/s, nginx %,.0f MB/s%n", i + 1, w[i], n[i]);
                }
                double[] ratios = new double[runs];
                for (int i = 0; i < runs; i++) {
                    ratios[i] = w[i] / n[i];
                }
                double curl = curl(nginx.address);
                long[] peak = wirekit.peak();
                double wm = median(w);
                double nm = median(n);
                System.out.printf(
                        Locale.ROOT,
                        "%nDownload of a %s file over loopback, %d runs after one warm-up each, same client;"
                                + " ratio: median of the %d run pairs (Wirekit then nginx, back to back)%n%n",
                        human(size),
                        runs,
                        runs);
                System.out.println("| server | median MB/s | best MB/s | ratio to nginx |");
                System.out.println("|---|---:|---:|---:|");
                System.out.printf(
                        Locale.ROOT,
                        "| Wirekit file (NIO, zero-copy, %s) | %,.0f | %,.0f | %.2f |%n",
                        HEAP,
                        wm,
                        max(w),
                        median(ratios));
                System.out.printf(
                        Locale.ROOT,
                        "| nginx %s (HTTP, sendfile) | %,.0f | %,.0f | 1.00 |%n",
                        nginxVersion(),
                        nm,
                        max(n));
                if (curl > 0) {
                    System.out.printf(
                            Locale.ROOT, "%n(curl -o /dev/null from nginx, for reference: %,.0f MB/s)%n", curl);
                }
                System.out.printf(
                        Locale.ROOT,
                        "%nWirekit server heap (%s) during the %s downloads: peak %.1f MB used, largest live set"
                                + " after a GC %s%n",
                        HEAP,
                        human(size),
                        peak[0] / 1e6,
                        live(peak[1]));
                heapDuringMultiGiB(wirekit, root, dir, bigSize);
            }
        } finally {
            deleteTree(dir);
        }
    }

    /** Downloads and uploads a file of {@code bigSize} bytes, reporting the server's heap for each. */
    private static void heapDuringMultiGiB(ServerProcess wirekit, Path root, Path dir, long bigSize) throws Exception {
        try (RandomAccessFile f = new RandomAccessFile(root.resolve("big.bin").toFile(), "rw")) {
            f.setLength(bigSize); // sparse: no disk needed to serve it
        }
        wirekit.peak();
        double first = timed(() -> Fetch.wirekit(wirekit.address, "big.bin"), bigSize);
        double second = timed(() -> Fetch.wirekit(wirekit.address, "big.bin"), bigSize);
        long[] down = wirekit.peak();
        Path upload = dir.resolve("upload.bin");
        try (RandomAccessFile f = new RandomAccessFile(upload.toFile(), "rw")) {
            f.setLength(bigSize);
        }
        TransferResult up;
        try (Transport transport = Transport.load("nio");
                FileClient client =
                        FileClient.connect(transport, wirekit.address, dev.wirekit.api.TransportOptions.defaults())) {
            up = client.upload(upload, "uploaded.bin", dev.wirekit.file.TransferListener.NONE);
        }
        long[] upPeak = wirekit.peak();
        long live = wirekit.live();
        System.out.printf(Locale.ROOT, "%nWirekit server heap (%s) while a %s file moves:%n%n", HEAP, human(bigSize));
        System.out.println("| transfer | MB/s | peak heap used (garbage included) | largest live heap after a GC |");
        System.out.println("|---|---:|---:|---:|");
        System.out.printf(
                Locale.ROOT,
                "| download, first (server hashes the file first) | %,.0f | %.1f MB | %s |%n",
                first,
                down[0] / 1e6,
                live(down[1]));
        System.out.printf(
                Locale.ROOT, "| download, again (digest known) | %,.0f | (same run) | (same run) |%n", second);
        System.out.printf(
                Locale.ROOT,
                "| upload (client hashes, server hashes, syncs, verifies) | %,.0f | %.1f MB | %s |%n",
                up.size() / (up.elapsed().toNanos() / 1e9) / 1e6,
                upPeak[0] / 1e6,
                live(upPeak[1]));
        System.out.printf(Locale.ROOT, "%nHeap live after a full GC at the end: %.1f MB%n", live / 1e6);
    }

    private static String live(long bytes) {
        return bytes == 0 ? "no GC ran" : String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
    }

    @FunctionalInterface
    private interface Download {
        long run() throws IOException;
    }

    /** Runs {@code download} and returns its throughput in MB/s, checking it moved {@code size} bytes. */
    private static double timed(Download download, long size) throws IOException {
        long start = System.nanoTime();
        long got = download.run();
        double seconds = (System.nanoTime() - start) / 1e9;
        if (got != size) {
            throw new IOException("downloaded " + got + " bytes, expected " + size);
        }
        return size / seconds / 1e6;
    }

    private static double curl(InetSocketAddress nginx) {
        try {
            Process p = new ProcessBuilder(
                            "curl",
                            "-s",
                            "-o",
                            "/dev/null",
                            "-w",
                            "%{speed_download}",
                            "http://127.0.0.1:" + nginx.getPort() + "/bench.bin")
                    .redirectErrorStream(true)
                    .start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
            p.waitFor(5, TimeUnit.MINUTES);
            return Double.parseDouble(out) / 1e6;
        } catch (IOException | NumberFormatException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static String nginxVersion() {
        try {
            Process p = new ProcessBuilder("/usr/sbin/nginx", "-v")
                    .redirectErrorStream(true)
                    .start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
            p.waitFor(10, TimeUnit.SECONDS);
            return out.substring(out.indexOf('/') + 1);
        } catch (Exception e) {
            return "";
        }
    }

    private static void randomFile(Path file, long size) throws IOException {
        byte[] block = new byte[1 << 20];
        new Random(42).nextBytes(block);
        try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            for (long at = 0; at < size; ) {
                ByteBuffer b = ByteBuffer.wrap(block, 0, (int) Math.min(block.length, size - at));
                while (b.hasRemaining()) {
                    at += out.write(b);
                }
                block[(int) (at % block.length) % 1000] ^= 1; // no two blocks alike
            }
        }
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static double max(double[] values) {
        return Arrays.stream(values).max().orElse(0);
    }

    static long parseSize(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        long unit =
                t.endsWith("gib") || t.endsWith("g") ? 1L << 30 : t.endsWith("mib") || t.endsWith("m") ? 1L << 20 : 1;
        return (long) (Double.parseDouble(t.replaceAll("[a-z]", "")) * unit);
    }

    private static String human(long bytes) {
        return bytes % (1L << 30) == 0
                ? (bytes >> 30) + " GiB"
                : bytes % (1L << 20) == 0 ? (bytes >> 20) + " MiB" : bytes + " bytes";
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            List<Path> all = new ArrayList<>(walk.toList());
            all.sort(Comparator.reverseOrder());
            for (Path p : all) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** The Wirekit file server in its own JVM with a 64 MiB heap. */
    static final class ServerProcess implements AutoCloseable {
        final Process process;
        final InetSocketAddress address;
        private final BufferedReader out;
        private final PrintWriter in;

        private ServerProcess(Process process) throws IOException {
            this.process = process;
            this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            this.in = new PrintWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8), true);
            String line = out.readLine();
            if (line == null || !line.startsWith("PORT ")) {
                throw new IOException("server did not start: " + line);
            }
            this.address = new InetSocketAddress("127.0.0.1", Integer.parseInt(line.substring(5)));
        }

        static ServerProcess start(Path root) throws IOException {
            List<String> command = List.of(
                    ProcessHandle.current().info().command().orElse("java"),
                    HEAP,
                    "-Dbench.outbound=" + Integer.getInteger("bench.outbound", 1 << 20),
                    "-cp",
                    System.getProperty("java.class.path"),
                    FileBenchServer.class.getName(),
                    root.toString(),
                    "nio");
            return new ServerProcess(new ProcessBuilder(command)
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start());
        }

        /** The highest heap used and the largest live heap after a GC since the last call. */
        long[] peak() throws IOException {
            String[] parts = ask("peak", "PEAK ").split(" ");
            return new long[] {Long.parseLong(parts[0]), Long.parseLong(parts[1])};
        }

        long live() throws IOException {
            return Long.parseLong(ask("live", "LIVE "));
        }

        private String ask(String command, String prefix) throws IOException {
            in.println(command);
            String line = out.readLine();
            if (line == null || !line.startsWith(prefix)) {
                throw new IOException("unexpected answer " + line);
            }
            return line.substring(prefix.length());
        }

        @Override
        public void close() throws Exception {
            in.println("quit");
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }
}
