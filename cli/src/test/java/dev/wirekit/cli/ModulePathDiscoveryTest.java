package dev.wirekit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * ServiceLoader must find both transports and every service whether Wirekit runs on the module
 * path (module-info {@code provides}) or the class path ({@code META-INF/services}).
 */
class ModulePathDiscoveryTest {
    private static final Duration RUN = Duration.ofSeconds(60);

    /**
     * The application's own jars (or class directories): Wirekit's modules, picocli, Jackson (dns
     * --json, scanner) and BouncyCastle (tls, chat's Argon2id).
     */
    private static String applicationPath() {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(e -> !e.contains("test-classes"))
                .filter(e -> e.endsWith("target" + File.separator + "classes")
                        || new File(e).getName().startsWith("wirekit-")
                        || new File(e).getName().startsWith("picocli")
                        || new File(e).getName().startsWith("jackson-")
                        || new File(e).getName().matches("bc(prov|tls|pkix|util)-.*"))
                .filter(e -> !e.contains("testkit"))
                .collect(Collectors.joining(File.pathSeparator));
    }

    private static String run(List<String> launch, String command) throws Exception {
        try (CliProcess p = CliProcess.start(launch, command)) {
            String out = p.outputUntilExit(RUN);
            assertEquals(0, p.process.exitValue(), out);
            return out;
        }
    }

    private static void assertFindsEverything(List<String> launch) throws Exception {
        String transports = run(launch, "transports");
        assertTrue(transports.contains("nio ") && transports.contains("blocking "), transports);
        String services = run(launch, "services");
        String help = run(launch, "--help");
        assertTrue(help.contains("cert "), "the tls module's 'cert' command is missing:\n" + help);
        for (String service : List.of("echo", "time", "calc", "chat", "dns", "http", "proxy", "file")) {
            assertTrue(services.contains(service + " "), service + " missing:\n" + services);
        }
    }

    @Test
    void onTheModulePath() throws Exception {
        assertFindsEverything(
                List.of("--module-path", applicationPath(), "-m", "dev.wirekit.cli/dev.wirekit.cli.Main"));
    }

    @Test
    void onTheClassPath() throws Exception {
        assertFindsEverything(List.of("-cp", applicationPath(), "dev.wirekit.cli.Main"));
    }
}
