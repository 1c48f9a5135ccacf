package dev.wirekit.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wirekit.api.Server;
import dev.wirekit.api.Transport;
import dev.wirekit.api.TransportOptions;
import dev.wirekit.testkit.doubles.XorLayer;
import dev.wirekit.testkit.wire.SuiteReport;
import dev.wirekit.testkit.wire.WireSuites;
import dev.wirekit.testkit.wire.WireTarget;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The testkit's file suite (FT-1..FT-17) against Wirekit's own file server on both transports, with
 * and without an access token, and read-only; and the suite does fail, saying why, against a server
 * that gets things wrong.
 */
class FileConformanceTest {
    private static final List<String> ALL =
            IntStream.rangeClosed(1, 17).mapToObj(i -> "FT-" + i).toList();

    @TempDir
    Path dir;

    private static SuiteReport run(WireTarget target, Collection<String> rules) throws IOException {
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        return WireSuites.run("file", target, null, new PrintStream(console, true, StandardCharsets.UTF_8), rules);
    }

    private static SuiteReport passes(WireTarget target) throws IOException {
        SuiteReport report = run(target, List.of());
        assertTrue(report.successful(), report.failures());
        return report;
    }

    @ParameterizedTest
    @ValueSource(strings = {"blocking", "nio"})
    void wirekitServerPassesEveryRule(String transport) throws IOException {
        try (Fixtures.Running server = Fixtures.serve(
                transport, Files.createDirectories(dir.resolve("open")), b -> b, TransportOptions.defaults())) {
            SuiteReport report =
                    passes(WireTarget.of(server.address(), server.transport()).withTimeout(Fixtures.WAIT));
            assertEquals(ALL.subList(0, 16), report.rules(SuiteReport.Status.PASSED));
            assertEquals(List.of("FT-17"), report.rules(SuiteReport.Status.SKIPPED), "no token: nothing to refuse");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"blocking", "nio"})
    void wirekitServerWithATokenPassesEveryRule(String transport) throws IOException {
        try (Fixtures.Running server = Fixtures.serve(
                transport,
                Files.createDirectories(dir.resolve("token")),
                b -> b.token("s3cret-token"),
                TransportOptions.defaults())) {
            WireTarget target = WireTarget.of(server.address(), server.transport())
                    .withTimeout(Fixtures.WAIT)
                    .withFact("token", "s3cret-token");
            assertEquals(ALL, passes(target).rules(SuiteReport.Status.PASSED));
        }
    }

    /** With a layer in the options (what {@code --tls} adds; here the XOR test layer) the suite speaks through it. */
    @Test
    void wirekitServerPassesEveryRuleThroughALayer() throws IOException {
        TransportOptions layered = TransportOptions.defaults().toBuilder()
                .layer(new XorLayer((byte) 0x3C))
                .build();
        try (Fixtures.Running server =
                Fixtures.serve("nio", Files.createDirectories(dir.resolve("layered")), b -> b, layered)) {
            WireTarget target = new WireTarget(
                    server.address(), server.transport(), layered, TransportOptions.defaults(), false, Fixtures.WAIT);
            assertEquals(ALL.subList(0, 16), passes(target).rules(SuiteReport.Status.PASSED));
        }
    }

    @Test
    void readOnlyServerPassesTheRulesThatDoNotUpload() throws IOException {
        try (Fixtures.Running server = Fixtures.serve(
                "nio",
                Files.createDirectories(dir.resolve("ro")),
                b -> b.readOnly(true),
                TransportOptions.defaults())) {
            WireTarget target = WireTarget.of(server.address(), server.transport())
                    .withTimeout(Fixtures.WAIT)
                    .withFact("uploads", "false");
            SuiteReport report = passes(target);
            assertEquals(
                    List.of("FT-1", "FT-2", "FT-3", "FT-8", "FT-11", "FT-13"), report.rules(SuiteReport.Status.PASSED));
        }
    }

    /**
     * A server that greets properly but answers every request with ERROR BAD_REQUEST: the rules
     * that need a working upload fail, naming the rule and what came instead.
     */
    @Test
    void checksFailUsefullyAgainstABrokenServer() throws Exception {
        try (Transport transport = Transport.load("nio");
                Server server = transport.listen(
                        Fixtures.ANY_PORT,
                        connection -> {
                            DataInputStream in = new DataInputStream(connection.inputStream());
                            var out = connection.outputStream();
                            byte[] welcome = {0, 0, 0, 15, 0x02, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 100};
                            boolean greeted = false;
                            while (true) {
                                int length;
                                try {
                                    length = in.readInt();
                                } catch (java.io.EOFException e) {
                                    return;
                                }
                                in.readFully(new byte[length]);
                                if (!greeted) {
                                    out.write(welcome);
                                    greeted = true;
                                } else {
                                    byte[] text = "no".getBytes(StandardCharsets.UTF_8);
                                    out.write(ByteBuffer.allocate(4 + 5 + text.length)
                                            .putInt(5 + text.length)
                                            .put((byte) 0x7F)
                                            .putShort((short) 1)
                                            .putShort((short) text.length)
                                            .put(text)
                                            .array());
                                }
                                out.flush();
                            }
                        },
                        TransportOptions.defaults())) {
            WireTarget target = WireTarget.of(server.localAddress(), transport).withTimeout(Duration.ofSeconds(2));
            SuiteReport report = run(target, List.of("FT-2", "FT-4"));
            assertEquals(List.of("FT-2", "FT-4"), report.rules(SuiteReport.Status.FAILED));
            String ft4 = report.rules().get(1).message();
            assertTrue(ft4.startsWith("[FT-4] "), ft4);
            assertTrue(ft4.contains("expected message type 0x31, got ERROR 1 'no'"), ft4);
            String ft2 = report.rules().get(0).message();
            assertTrue(ft2.startsWith("[FT-2] ") && ft2.contains("expected ERROR 1, got type 0x02"), ft2);
        }
    }
}
