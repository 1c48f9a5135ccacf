package dev.wirekit.scanner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wirekit.spi.CommandProvider;
import dev.wirekit.spi.CommandSpec;
import dev.wirekit.spi.OptionSpec;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class ScanCommandProviderTest {

    @Test
    void theCommandIsFoundOnTheClassPath() {
        List<CommandSpec> found = ServiceLoader.load(CommandProvider.class).stream()
                .map(p -> p.get().command())
                .filter(c -> c.name().equals("scan"))
                .toList();
        assertEquals(1, found.size(), "META-INF/services names ScanCommand");
        CommandSpec scan = found.get(0);
        assertTrue(scan.network());
        assertTrue(scan.parameters().get(0).required(), "no target, no scan");
        List<String> options = scan.options().stream().map(OptionSpec::name).toList();
        assertTrue(
                options.containsAll(List.of(
                        "ports", "banners", "json", "jsonl", "verbose", "rate", "concurrency", "timeout", "retries")),
                options.toString());
        OptionSpec ports = scan.options().stream()
                .filter(o -> o.name().equals("ports"))
                .findFirst()
                .orElseThrow();
        assertEquals(List.of("-p"), ports.aliases());
        assertEquals("1-1024", ports.defaultValue());
    }

    @Test
    void theModuleDeclaresTheProvider() throws Exception {
        String moduleInfo = java.nio.file.Files.readString(java.nio.file.Path.of("src/main/java/module-info.java"));
        assertTrue(moduleInfo.contains("provides dev.wirekit.spi.CommandProvider with"), moduleInfo);
        assertTrue(moduleInfo.contains("dev.wirekit.scanner.ScanCommand"), moduleInfo);
    }
}
