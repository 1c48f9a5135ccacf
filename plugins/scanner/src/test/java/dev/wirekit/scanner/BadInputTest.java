package dev.wirekit.scanner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wirekit.testkit.doubles.CommandHarness;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Malformed targets, port specs and options get a clear message before anything is sent. */
class BadInputTest {
    private final RefusingTransport transport = new RefusingTransport();

    @Test
    void aScannerWithoutTargetRefusesToBeBuilt() {
        IllegalStateException e = assertThrows(
                IllegalStateException.class,
                () -> PortScanner.builder().transport(transport).ports("22").build());
        assertTrue(e.getMessage().startsWith("no target given"), e.getMessage());
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '"',
            value = {
                "targets|300.1.2.3|target '300.1.2.3': not an IPv4 address",
                "targets|10.0.0.0/8|at most 65,536 are scanned at once",
                "targets|bad_host|target 'bad_host': not a host name",
                "ports|22,,80|ports '22,,80': an empty entry between commas",
                "ports|0-10|port 0 is outside 1-65535",
                "ports|http,nosuchservice|'nosuchservice' is neither a port number nor a known service name",
                "rate|-1|rate must be 0 (no limit) to 10,000,000 per second: -1",
                "concurrency|20000|concurrency must be 1 to 16384",
                "retries|11|retries must be 0 to 10: 11",
                "probes|http,ftp|option --probes: 'ftp' is not a probe",
                "show|open,dead|option --show: 'dead' is not a port state",
                "max-banner|10|maxBannerBytes must be 64 to 1048576: 10",
                "timeout|0s|timeout must be positive"
            })
    void theCommandExplainsAndSendsNothing(String option, String value, String expected) {
        Map<String, Object> values = new HashMap<>();
        values.put("targets", List.of("192.0.2.1"));
        values.put("ports", "22");
        if (option.equals("targets")) {
            values.put("targets", List.of(value));
        } else {
            values.put(option, value);
        }
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> CommandHarness.run(new ScanCommand().command(), transport, values, ""));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        assertEquals(0, transport.uses.get(), "nothing was sent");
    }

    @Test
    void theCommandRefusesToRunWithoutTarget() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> CommandHarness.run(new ScanCommand().command(), transport, Map.of("ports", "22"), ""));
        assertTrue(e.getMessage().startsWith("no target given"), e.getMessage());
        assertEquals(0, transport.uses.get());
    }

    @Test
    void tlsOptionsAreRefusedNotIgnored() {
        // what the CLI's --tls gives a client command: options that carry a layer
        dev.wirekit.api.TransportOptions withLayer = dev.wirekit.api.TransportOptions.builder()
                .layer(new dev.wirekit.testkit.doubles.XorLayer((byte) 0x5A))
                .build();
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> CommandHarness.run(
                        new ScanCommand().command(),
                        transport,
                        withLayer,
                        Map.of("targets", List.of("192.0.2.1"), "ports", "22"),
                        ""));
        assertTrue(e.getMessage().contains("TLS options do not apply"), e.getMessage());
        assertEquals(0, transport.uses.get());
    }

    @Test
    void reportFilesAreCheckedBeforeScanning(@TempDir Path dir) {
        Map<String, Object> values = Map.of(
                "targets",
                List.of("192.0.2.1"),
                "json",
                dir.resolve("missing/report.json").toString());
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> CommandHarness.run(new ScanCommand().command(), transport, values, ""));
        assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
        Map<String, Object> both = Map.of("targets", List.of("192.0.2.1"), "json", "-", "jsonl", "-");
        assertThrows(
                IllegalArgumentException.class,
                () -> CommandHarness.run(new ScanCommand().command(), transport, both, ""));
        assertEquals(0, transport.uses.get());
    }

    @Test
    void builderArgumentsAreCheckedAtOnce() {
        PortScanner.Builder b = PortScanner.builder();
        assertThrows(IllegalArgumentException.class, () -> b.bannerTimeout(Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> b.timeout(Duration.ofHours(1)));
        assertThrows(IllegalArgumentException.class, () -> b.maxHosts(0));
        assertThrows(IllegalArgumentException.class, () -> b.ports("65536"));
        assertThrows(
                IllegalArgumentException.class, () -> b.target("10.0.0.0/15").build());
    }

    @Test
    void tooManySocketsForTheOpenFileLimitIsRefusedBeforeScanning() throws Exception {
        var os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        org.junit.jupiter.api.Assumptions.assumeTrue(
                os instanceof com.sun.management.UnixOperatingSystemMXBean unix
                        && unix.getMaxFileDescriptorCount() < PortScanner.MAX_CONCURRENCY,
                "the open-file limit here is above the most concurrency the scanner allows");
        PortScanner scanner = PortScanner.builder()
                .transport(transport)
                .target("192.0.2.1")
                .concurrency(PortScanner.MAX_CONCURRENCY)
                .build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, scanner::scan);
        assertTrue(e.getMessage().contains("ulimit -n"), e.getMessage());
        assertEquals(0, transport.uses.get());
    }
}
