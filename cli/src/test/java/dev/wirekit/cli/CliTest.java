package dev.wirekit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command tree the CLI builds from the SPI, its help, and its errors, run in process. */
class CliTest {

    record Run(int code, String out, String err) {}

    static Run wirekit(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(
                args,
                new ByteArrayInputStream(new byte[0]),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void helpListsEveryPluginCommandFoundThroughTheSpi() {
        Run r = wirekit("--help");
        assertEquals(0, r.code());
        for (String command : new String[] {"services", "transports", "serve", "echo", "time", "calc"}) {
            assertTrue(r.out().contains("  " + command + " "), "help lacks " + command + ":\n" + r.out());
        }
    }

    @Test
    void servicesAndTransportsAreListed() {
        Run services = wirekit("services");
        assertEquals(0, services.code());
        assertTrue(
                services.out().contains("echo")
                        && services.out().contains("time")
                        && services.out().contains("calc"),
                services.out());
        Run transports = wirekit("transports");
        assertTrue(transports.out().startsWith("nio "), "nio is the default:\n" + transports.out());
        assertTrue(transports.out().contains("blocking"), transports.out());
    }

    @Test
    void serviceOptionsComeFromTheProvider() {
        Run r = wirekit("serve", "echo", "--help");
        assertEquals(0, r.code());
        assertTrue(
                r.out().contains("--uppercase")
                        && r.out().contains("--welcome")
                        && r.out().contains("--log-file"),
                r.out());
        assertTrue(r.out().contains("--transport") && r.out().contains("--port"), r.out());
    }

    @Test
    void badValuesAreUsageErrorsNamingTheOption() {
        Run port = wirekit("serve", "echo", "--port", "seventy");
        assertEquals(2, port.code());
        assertEquals("wirekit serve echo: option --port: 'seventy' is not a number\n", port.err());
        Run unknown = wirekit("serve", "echo", "--colour");
        assertEquals(2, unknown.code());
        assertTrue(unknown.err().contains("Unknown option: '--colour'"), unknown.err());
        Run transport = wirekit("time", "127.0.0.1:1", "--transport", "carrier-pigeon");
        assertEquals(2, transport.code());
        assertTrue(transport.err().contains("no Wirekit transport named 'carrier-pigeon'; found: "), transport.err());
    }

    @Test
    void connectionFailuresAreOneLineWithoutAStackTrace() throws Exception {
        int closedPort;
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0)) {
            closedPort = probe.getLocalPort();
        }
        Run r = wirekit("echo", "127.0.0.1:" + closedPort, "hi");
        assertEquals(1, r.code());
        assertTrue(r.err().startsWith("wirekit: cannot connect: connection refused"), r.err());
        assertTrue(!r.err().contains("\tat "), "no stack trace without --verbose:\n" + r.err());
    }

    @Test
    void aBrokenPluginIsReportedAndSkipped(@TempDir Path dir) throws Exception {
        Path services = dir.resolve("META-INF/services");
        Files.createDirectories(services);
        Files.writeString(services.resolve("dev.wirekit.spi.ServiceProvider"), "com.example.MissingProvider\n");
        ClassLoader previous = Thread.currentThread().getContextClassLoader();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, previous)) {
            Thread.currentThread().setContextClassLoader(loader);
            Run r = wirekit("services");
            assertEquals(0, r.code(), "the healthy services are still served");
            assertTrue(r.out().contains("echo"), r.out());
            assertTrue(r.out().contains("(broken)") && r.out().contains("com.example.MissingProvider"), r.out());
        } finally {
            Thread.currentThread().setContextClassLoader(previous);
        }
    }
}
