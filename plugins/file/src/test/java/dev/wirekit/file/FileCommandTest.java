package dev.wirekit.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wirekit.api.Transport;
import dev.wirekit.api.TransportOptions;
import dev.wirekit.spi.CommandContext;
import dev.wirekit.spi.CommandSpec;
import dev.wirekit.spi.OptionValues;
import dev.wirekit.testkit.doubles.CommandHarness;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code wirekit file ls|get|put|rm}, run through the command's action as the CLI runs it. */
class FileCommandTest {

    private static CommandSpec sub(String name) {
        return new FileCommand()
                .command().subcommands().stream()
                        .filter(c -> c.name().equals(name))
                        .findFirst()
                        .orElseThrow();
    }

    @ParameterizedTest
    @ValueSource(strings = {"blocking", "nio"})
    void putLsGetRmQuietlyWhenNotOnATerminal(String transport, @TempDir Path dir) throws Exception {
        Path root = Files.createDirectory(dir.resolve("root"));
        Path local = Files.createDirectory(dir.resolve("local"));
        Path a = Fixtures.randomFile(local.resolve("a.bin"), 123_456, 1);
        Path b = Fixtures.randomFile(local.resolve("b.bin"), 7, 2);
        try (Fixtures.Running running =
                Fixtures.serve(transport, root, x -> x.allowDelete(true), TransportOptions.defaults())) {
            String target = "127.0.0.1:" + running.address().getPort();
            Transport t = running.transport();

            CommandHarness.Result put = CommandHarness.run(
                    sub("put"), t, Map.of("target", target, "files", List.of(a.toString(), b.toString())), "");
            assertEquals(0, put.exitCode(), put.err());
            assertEquals("", put.out() + put.err(), "quiet when not on a terminal");
            assertEquals(Fixtures.sha256(a), Fixtures.sha256(root.resolve("a.bin")));

            CommandHarness.Result ls = CommandHarness.run(sub("ls"), t, Map.of("target", target), "");
            assertEquals(0, ls.exitCode(), ls.err());
            List<String> lines = ls.out().lines().toList();
            assertEquals(2, lines.size(), ls.out());
            assertTrue(
                    lines.get(0).matches(" +123456  \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\dZ  a\\.bin"),
                    lines.get(0));
            assertTrue(lines.get(1).endsWith("  b.bin") && lines.get(1).trim().startsWith("7 "), lines.get(1));

            Path out = Files.createDirectory(dir.resolve("out"));
            CommandHarness.Result get = CommandHarness.run(
                    sub("get"),
                    t,
                    Map.of("target", target, "names", List.of("a.bin", "b.bin"), "output", out.toString()),
                    "");
            assertEquals(0, get.exitCode(), get.err());
            assertEquals("", get.out() + get.err());
            assertEquals(Fixtures.sha256(a), Fixtures.sha256(out.resolve("a.bin")));
            assertEquals(Fixtures.sha256(b), Fixtures.sha256(out.resolve("b.bin")));

            CommandHarness.Result renamed = CommandHarness.run(
                    sub("get"),
                    t,
                    Map.of(
                            "target",
                            target,
                            "names",
                            List.of("b.bin"),
                            "output",
                            out.resolve("copy").toString()),
                    "");
            assertEquals(0, renamed.exitCode(), renamed.err());
            assertEquals(Fixtures.sha256(b), Fixtures.sha256(out.resolve("copy")));

            CommandHarness.Result rm =
                    CommandHarness.run(sub("rm"), t, Map.of("target", target, "names", List.of("b.bin")), "");
            assertEquals(0, rm.exitCode(), rm.err());
            assertFalse(Files.exists(root.resolve("b.bin")));

            CommandHarness.Result missing = CommandHarness.run(
                    sub("get"),
                    t,
                    Map.of("target", target, "names", List.of("nope.bin"), "output", out.toString()),
                    "");
            assertEquals(1, missing.exitCode());
            assertEquals(
                    "wirekit file get nope.bin: no file named 'nope.bin' (NOT_FOUND)\n",
                    missing.err(),
                    "one clear line on standard error");
            assertFalse(Files.exists(out.resolve("nope.bin")));

            CommandHarness.Result traversal = CommandHarness.run(
                    sub("get"), t, Map.of("target", target, "names", List.of("../../etc/passwd")), "");
            assertEquals(1, traversal.exitCode());
            assertTrue(traversal.err().contains("cannot save '../../etc/passwd' under its own name"), traversal.err());
        }
    }

    @Test
    void theTokenComesFromAnOptionOrAFile(@TempDir Path dir) throws Exception {
        Path root = Files.createDirectory(dir.resolve("root"));
        Files.writeString(root.resolve("x.txt"), "x");
        Path tokenFile = Files.writeString(dir.resolve("token"), "sesame\n");
        try (Fixtures.Running running =
                Fixtures.serve("nio", root, b -> b.token("sesame"), TransportOptions.defaults())) {
            String target = "127.0.0.1:" + running.address().getPort();
            CommandHarness.Result denied =
                    CommandHarness.run(sub("ls"), running.transport(), Map.of("target", target, "token", "nope"), "");
            assertEquals(1, denied.exitCode());
            assertTrue(denied.err().contains("(UNAUTHORIZED)"), denied.err());
            CommandHarness.Result fromFile = CommandHarness.run(
                    sub("ls"), running.transport(), Map.of("target", target, "token-file", tokenFile.toString()), "");
            assertEquals(0, fromFile.exitCode(), fromFile.err());
            assertTrue(fromFile.out().endsWith("  x.txt\n"), fromFile.out());
        }
    }

    @Test
    void onATerminalTransfersShowAProgressBarAndResume(@TempDir Path dir) throws Exception {
        Path root = Files.createDirectory(dir.resolve("root"));
        Path file = Fixtures.randomFile(root.resolve("big.bin"), 3_000_000, 3);
        Path out = Files.createDirectory(dir.resolve("out"));
        // a partial download from an earlier attempt: the first million bytes
        Files.write(out.resolve("big.bin.part"), java.util.Arrays.copyOf(Files.readAllBytes(file), 1_000_000));
        try (Fixtures.Running running = Fixtures.serve("nio", root)) {
            String target = "127.0.0.1:" + running.address().getPort();
            Terminal terminal = new Terminal(
                    sub("get"),
                    running.transport(),
                    Map.of("target", target, "names", List.of("big.bin"), "output", out.toString()));
            assertEquals(0, sub("get").action().run(terminal));
            String shown = terminal.err.toString(StandardCharsets.UTF_8);
            assertTrue(shown.contains("big.bin"), shown);
            assertTrue(shown.contains("computing SHA-256 100%"), "the part already there is hashed first: " + shown);
            assertTrue(shown.contains("100% [####################] 2.86 MiB / 2.86 MiB"), shown);
            assertTrue(shown.contains("resumed at 977 KiB"), shown);
            assertTrue(shown.contains("sha256 " + Fixtures.sha256(file) + " verified"), shown);
            assertEquals(Fixtures.sha256(file), Fixtures.sha256(out.resolve("big.bin")));
        }
    }

    /** A command context that says it runs on a terminal, capturing what is printed. */
    private static final class Terminal implements CommandContext {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        private final OptionValues values;
        private final Transport transport;

        Terminal(CommandSpec spec, Transport transport, Map<String, ?> values) {
            this.values = OptionValues.parse(spec.options(), values);
            this.transport = transport;
        }

        @Override
        public OptionValues values() {
            return values;
        }

        @Override
        public Transport transport() {
            return transport;
        }

        @Override
        public TransportOptions clientOptions() {
            return TransportOptions.defaults();
        }

        @Override
        public TransportOptions datagramClientOptions() {
            return TransportOptions.defaults();
        }

        @Override
        public InputStream in() {
            return new ByteArrayInputStream(new byte[0]);
        }

        @Override
        public PrintStream out() {
            return new PrintStream(out, true, StandardCharsets.UTF_8);
        }

        @Override
        public PrintStream err() {
            return new PrintStream(err, true, StandardCharsets.UTF_8);
        }

        @Override
        public boolean interactive() {
            return true;
        }

        @Override
        public String readLine(String prompt) {
            return null;
        }
    }
}
