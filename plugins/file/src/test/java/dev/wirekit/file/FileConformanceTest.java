package dev.wirekit.file;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wirekit.api.Server;
import dev.wirekit.api.Transport;
import dev.wirekit.api.TransportOptions;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Wirekit's own file server passes every black-box rule of {@link FileConformanceChecks}, on both
 * transports, with and without an access token; and the checks do fail, saying why, against a
 * server that gets things wrong.
 */
class FileConformanceTest {
    @TempDir
    Path dir;

    private final List<AutoCloseable> running = new ArrayList<>();

    @AfterEach
    void stopServers() throws Exception {
        for (AutoCloseable r : running) {
            r.close();
        }
    }

    @TestFactory
    List<DynamicContainer> wirekitServerPassesEveryRule() throws IOException {
        List<DynamicContainer> suites = new ArrayList<>();
        for (String transport : List.of("blocking", "nio")) {
            for (String token : new String[] {null, "s3cret-token"}) {
                Path root = Files.createDirectories(dir.resolve(transport + (token == null ? "-open" : "-token")));
                Fixtures.Running server =
                        Fixtures.serve(transport, root, b -> b.token(token), TransportOptions.defaults());
                running.add(server);
                FileConformanceChecks checks = new FileConformanceChecks(server.address(), token, Fixtures.WAIT);
                suites.add(DynamicContainer.dynamicContainer(
                        transport + (token == null ? ", no token" : ", with a token"),
                        checks.all().stream().map(check -> DynamicTest.dynamicTest(check.toString(), check::run))));
            }
        }
        return suites;
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
            FileConformanceChecks checks = new FileConformanceChecks(server.localAddress(), null, Fixtures.WAIT);
            FileConformanceChecks.Check ft4 = checks.all().get(3);
            AssertionError failure = assertThrows(AssertionError.class, ft4::run);
            assertTrue(failure.getMessage().startsWith("FT-4 ("), failure.getMessage());
            assertTrue(
                    failure.getMessage().contains("expected message type 0x31, got ERROR 1 'no'"),
                    failure.getMessage());
            FileConformanceChecks.Check ft2 = checks.all().get(1);
            AssertionError notClosed = assertThrows(AssertionError.class, ft2::run);
            assertTrue(notClosed.getMessage().contains("FT-2"), notClosed.getMessage());
        }
    }
}
