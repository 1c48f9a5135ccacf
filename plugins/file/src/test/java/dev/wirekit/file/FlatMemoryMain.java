package dev.wirekit.file;

import dev.wirekit.api.Server;
import dev.wirekit.api.Transport;
import dev.wirekit.api.TransportOptions;
import dev.wirekit.testkit.doubles.XorLayer;
import java.io.RandomAccessFile;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Run by {@link FlatMemoryTest} in a JVM with a heap many times smaller than the file: uploads a
 * file to a server in the same JVM and downloads it back, on the transport and with or without the
 * layer named in the arguments, then prints {@code OK} and the digests. Any attempt to hold the
 * file in memory dies with an OutOfMemoryError.
 *
 * <p>Arguments: {@code DIR TRANSPORT LAYER(true|false) SIZE}.
 */
public final class FlatMemoryMain {
    private FlatMemoryMain() {}

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        String transportName = args[1];
        boolean layer = Boolean.parseBoolean(args[2]);
        long size = Long.parseLong(args[3]);
        Path root = Files.createDirectories(dir.resolve("root"));
        Path source = dir.resolve("source.bin");
        try (RandomAccessFile f = new RandomAccessFile(source.toFile(), "rw")) {
            f.setLength(size);
            f.seek(size / 2);
            f.write("not all zeros".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        }
        TransportOptions options = layer
                ? TransportOptions.builder().layer(new XorLayer((byte) 0x33)).build()
                : TransportOptions.defaults();
        try (Transport transport = Transport.load(transportName);
                Server server = FileServer.builder(root)
                        .build()
                        .listen(transport, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), options);
                FileClient client = FileClient.builder(transport, server.localAddress())
                        .options(options)
                        .connect()) {
            TransferResult up = client.upload(source, "big.bin", TransferListener.NONE);
            TransferResult down = client.download("big.bin", dir.resolve("back.bin"), TransferListener.NONE);
            if (!up.sha256().equals(down.sha256()) || Files.size(dir.resolve("back.bin")) != size) {
                System.out.println("MISMATCH " + up.sha256() + " " + down.sha256());
                System.exit(1);
            }
            System.out.println(
                    "OK " + up.sha256() + " max heap " + Runtime.getRuntime().maxMemory());
        }
    }
}
