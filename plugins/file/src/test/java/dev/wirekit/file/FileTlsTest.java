package dev.wirekit.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wirekit.api.TransportOptions;
import dev.wirekit.spi.CommandSpec;
import dev.wirekit.spi.OptionValues;
import dev.wirekit.testkit.TestEnvironment;
import dev.wirekit.testkit.doubles.CommandHarness;
import dev.wirekit.tls.CertificateVerificationException;
import dev.wirekit.tls.TlsSettings;
import dev.wirekit.tls.Trust;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * File transfer over real TLS (wirekit-tls), on both transports: random files of 0 B, 1 B and 10 MB
 * both ways with their digests checked; a connection reset mid-transfer (by a relay that only sees
 * ciphertext) resumed in both directions; certificates verified; and {@code wirekit file} with the
 * options the CLI builds from {@code --trust}. On NIO the server would send downloads zero-copy;
 * with the TLS layer in the way it must fall back to buffered sends through the layer, or the
 * client would read plaintext where it expects TLS records and fail.
 */
class FileTlsTest {
    private static final long SIZE = 8_000_000;
    private static final long CUT = 3_000_000;

    @ParameterizedTest
    @ValueSource(strings = {"blocking", "nio"})
    void randomFilesRoundTripOverTls(String transport, @TempDir Path dir) throws Exception {
        Path root = Files.createDirectory(dir.resolve("root"));
        Path local = Files.createDirectory(dir.resolve("local"));
        try (TlsFixtures tls = new TlsFixtures();
                Fixtures.Running running = Fixtures.serve(transport, root, b -> b, tls.server());
                FileClient files = running.client(tls.client())) {
            for (long size : new long[] {0, 1, 10_000_000}) {
                Path source = Fixtures.randomFile(local.resolve("up-" + size), size, size * 17 + 3);
                String expected = Fixtures.sha256(source);
                TransferResult up = files.upload(source, "file-" + size, TransferListener.NONE);
                assertEquals(expected, up.sha256());
                assertEquals(expected, Fixtures.sha256(root.resolve("file-" + size)), "bytes stored on the server");

                Path back = local.resolve("down-" + size);
                TransferResult down = files.download("file-" + size, back, TransferListener.NONE);
                assertEquals(expected, down.sha256(), "digest the server announced");
                assertEquals(expected, Fixtures.sha256(back), "bytes downloaded");
            }
            assertEquals(
                    List.of(0L, 1L, 10_000_000L),
                    files.list().stream().map(RemoteFile::size).toList());
            assertEquals(1L, running.server().stats().accepted(), "everything over one TLS connection");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"blocking", "nio"})
    void aDownloadResetMidTransferOverTlsResumes(String transport, @TempDir Path dir) throws Exception {
        Path root = Files.createDirectory(dir.resolve("root"));
        String expected = Fixtures.sha256(Fixtures.randomFile(root.resolve("big.bin"), SIZE, 21));
        Path target = dir.resolve("big.bin");
        try (TlsFixtures tls = new TlsFixtures();
                Fixtures.Running running = Fixtures.serve(transport, root, b -> b, tls.server());
                CuttingProxy proxy = new CuttingProxy(running.address(), CuttingProxy.Direction.TO_CLIENT, CUT);
                FileClient files = FileClient.builder(running.transport(), proxy.address())
                        .options(tls.client())
                        .timeout(Fixtures.WAIT)
                        .connect()) {
            IOException broken = assertThrows(IOException.class, () -> files.download("big.bin", target));
            assertTrue(proxy.hasCut(), "the relay cut the connection: " + broken);
            assertFalse(Files.exists(target), "nothing under the target name before it is complete");
            long kept = Files.size(dir.resolve("big.bin.part"));
            assertTrue(kept > 0 && kept < CUT, "the .part file keeps what was decrypted before the cut: " + kept);

            TransferResult result = files.download("big.bin", target); // reconnects, new handshake
            assertEquals(kept, result.resumedFrom());
            assertEquals(expected, result.sha256());
            assertEquals(expected, Fixtures.sha256(target));
            assertFalse(Files.exists(dir.resolve("big.bin.part")));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"blocking", "nio"})
    void anUploadResetMidTransferOverTlsResumes(String transport, @TempDir Path dir) throws Exception {
        Path root = Files.createDirectory(dir.resolve("root"));
        Path source = Fixtures.randomFile(dir.resolve("big.bin"), SIZE, 22);
        String expected = Fixtures.sha256(source);
        try (TlsFixtures tls = new TlsFixtures();
                Fixtures.Running running = Fixtures.serve(transport, root, b -> b, tls.server());
                CuttingProxy proxy = new CuttingProxy(running.address(), CuttingProxy.Direction.TO_SERVER, CUT);
                FileClient files = FileClient.builder(running.transport(), proxy.address())
                        .options(tls.client())
                        .timeout(Fixtures.WAIT)
                        .connect()) {
            assertThrows(IOException.class, () -> files.upload(source));
            assertTrue(proxy.hasCut());
            assertFalse(Files.exists(root.resolve("big.bin")), "an interrupted upload is not visible");
            new TestEnvironment(Fixtures.WAIT)
                    .awaitTrue(
                            "the server has seen the client go",
                            () -> running.files().uploadsInProgress() == 0);

            TransferResult result = files.upload(source);
            // the relay counts ciphertext: what reached the server is less than that, but not nothing
            assertTrue(
                    result.resumedFrom() > 0 && result.resumedFrom() < proxy.passedBeforeCut(),
                    "resumed from what the server kept: " + result.resumedFrom() + " of " + proxy.passedBeforeCut()
                            + " bytes of TLS records relayed");
            assertEquals(expected, result.sha256());
            assertEquals(expected, Fixtures.sha256(root.resolve("big.bin")));
            FileResumeTest.assertNoPartials(root);
        }
    }

    @Test
    void anUntrustedServerIsRefusedAndTheServerCarriesOn(@TempDir Path dir) throws Exception {
        Path root = Files.createDirectory(dir.resolve("root"));
        Files.writeString(root.resolve("a.txt"), "a\n");
        try (TlsFixtures tls = new TlsFixtures();
                TlsFixtures other = new TlsFixtures();
                Fixtures.Running running = Fixtures.serve("nio", root, b -> b, tls.server())) {
            IOException refused = assertThrows(IOException.class, () -> running.client(other.client()));
            boolean verification = false;
            for (Throwable t = refused; t != null; t = t.getCause()) {
                verification |= t instanceof CertificateVerificationException;
            }
            assertTrue(verification, "a certificate verification failure: " + refused);
            assertThrows(
                    IOException.class,
                    () -> running.client(TransportOptions.defaults()).list());
            try (FileClient pinned = running.client(TlsFixtures.client(Trust.pem(tls.cert())))) {
                assertEquals(
                        List.of("a.txt"),
                        pinned.list().stream().map(RemoteFile::name).toList());
            }
        }
    }

    @Test
    void theFileCommandUsesTheCliTlsOptions(@TempDir Path dir) throws Exception {
        Path root = Files.createDirectory(dir.resolve("root"));
        Path local = Files.createDirectory(dir.resolve("local"));
        Path a = Fixtures.randomFile(local.resolve("a.bin"), 200_000, 9);
        try (TlsFixtures tls = new TlsFixtures();
                Fixtures.Running running = Fixtures.serve("nio", root, b -> b, tls.server())) {
            TransportOptions cli = TlsSettings.from(OptionValues.parse(
                            TlsSettings.clientOptions(),
                            Map.of("trust", List.of(tls.cert().toString()))))
                    .clientStreamOptions(TransportOptions.defaults());
            String target = "127.0.0.1:" + running.address().getPort();
            CommandHarness.Result put = CommandHarness.run(
                    sub("put"), running.transport(), cli, Map.of("target", target, "files", List.of(a.toString())), "");
            assertEquals(0, put.exitCode(), put.err());
            assertEquals(Fixtures.sha256(a), Fixtures.sha256(root.resolve("a.bin")));
            Path out = Files.createDirectory(dir.resolve("out"));
            CommandHarness.Result get = CommandHarness.run(
                    sub("get"),
                    running.transport(),
                    cli,
                    Map.of("target", target, "names", List.of("a.bin"), "output", out.toString()),
                    "");
            assertEquals(0, get.exitCode(), get.err());
            assertEquals(Fixtures.sha256(a), Fixtures.sha256(out.resolve("a.bin")));
        }
    }

    private static CommandSpec sub(String name) {
        return new FileCommand()
                .command().subcommands().stream()
                        .filter(c -> c.name().equals(name))
                        .findFirst()
                        .orElseThrow();
    }
}
