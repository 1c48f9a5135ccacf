package dev.wirekit.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wirekit.api.Server;
import dev.wirekit.api.Transport;
import dev.wirekit.spi.CommandProvider;
import dev.wirekit.spi.DeployContext;
import dev.wirekit.spi.OptionValues;
import dev.wirekit.spi.Protocol;
import dev.wirekit.spi.ServiceProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code wirekit serve file}: discovery, options, and a running deployment. */
class FileServerProviderTest {
    private final FileServerProvider provider = new FileServerProvider();

    @Test
    void foundByServiceLoaderOnTheClassPath() {
        assertTrue(
                ServiceLoader.load(ServiceProvider.class).stream().anyMatch(p -> p.type() == FileServerProvider.class));
        assertTrue(ServiceLoader.load(CommandProvider.class).stream().anyMatch(p -> p.type() == FileCommand.class));
        assertEquals("file", provider.name());
        assertEquals(7021, provider.defaultPort());
        assertEquals(java.util.Set.of(Protocol.TCP), provider.protocols());
    }

    @Test
    void optionsAreCheckedBeforeAnythingStarts(@TempDir Path dir) {
        IllegalArgumentException noRoot = assertThrows(
                IllegalArgumentException.class,
                () -> provider.create(OptionValues.parse(provider.options(), Map.of())));
        assertTrue(noRoot.getMessage().contains("--root"), noRoot.getMessage());
        IllegalArgumentException missing = assertThrows(
                IllegalArgumentException.class,
                () -> provider.create(OptionValues.parse(
                        provider.options(), Map.of("root", dir.resolve("nope").toString()))));
        assertTrue(missing.getMessage().contains("does not exist"), missing.getMessage());
        IllegalArgumentException size = assertThrows(
                IllegalArgumentException.class,
                () -> provider.create(OptionValues.parse(
                        provider.options(), Map.of("root", dir.toString(), "max-file-size", "lots"))));
        assertTrue(size.getMessage().contains("--max-file-size"), size.getMessage());
        IllegalArgumentException both = assertThrows(
                IllegalArgumentException.class,
                () -> provider.create(OptionValues.parse(
                        provider.options(),
                        Map.of(
                                "root",
                                dir.toString(),
                                "token",
                                "a",
                                "token-file",
                                dir.resolve("t").toString()))));
        assertTrue(both.getMessage().contains("not both"), both.getMessage());
    }

    @Test
    void servesWhatTheOptionsSay(@TempDir Path dir) throws Exception {
        Path root = Files.createDirectory(dir.resolve("root"));
        Files.writeString(root.resolve("a.txt"), "a");
        Path token = Files.writeString(dir.resolve("token"), "open sesame\n");
        OptionValues options = OptionValues.parse(
                provider.options(),
                Map.of(
                        "root",
                        root.toString(),
                        "read-only",
                        "true",
                        "max-file-size",
                        "1.5GiB",
                        "token-file",
                        token.toString()));
        try (Transport transport = Transport.load("nio");
                Server server =
                        provider.create(options).start(DeployContext.of(transport, Fixtures.ANY_PORT, Protocol.TCP));
                FileClient client = FileClient.builder(transport, server.localAddress())
                        .token("open sesame")
                        .connect()) {
            ServerInfo info = client.serverInfo();
            assertTrue(info.readOnly());
            assertEquals(1L << 30 | 1L << 29, info.maxFileSize());
            assertEquals(1, client.list().size());
        }
    }
}
