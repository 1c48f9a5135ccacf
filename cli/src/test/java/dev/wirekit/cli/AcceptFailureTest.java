package dev.wirekit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A server that runs out of file descriptors cannot accept: each accept fails at once, and a
 * listener that simply tried again would spin a core and flood the log. It must pause, log once per
 * try, and serve again as soon as descriptors are free. Run on a real server process whose open-file
 * limit is lowered with {@code ulimit -n}.
 */
class AcceptFailureTest {
    private static final Duration START = Duration.ofSeconds(60);
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final int OPEN_FILE_LIMIT = 200;
    /** More clients than the server has descriptors; each costs it one once accepted. */
    private static final int CLIENTS = 2 * OPEN_FILE_LIMIT;

    @ParameterizedTest
    @ValueSource(strings = {"blocking", "nio"})
    void outOfFileDescriptorsTheServerPausesAcceptingAndRecovers(String transport) throws Exception {
        try (CliProcess server = CliProcess.startWithOpenFileLimit(
                OPEN_FILE_LIMIT, "serve", "echo", "--port", "0", "--transport", transport)) {
            int port = port(server.awaitListening(START));
            List<Socket> clients = new ArrayList<>();
            try {
                for (int i = 0; i < CLIENTS; i++) { // the kernel completes these connects into the backlog
                    clients.add(new Socket(InetAddress.getLoopbackAddress(), port));
                }
                server.awaitLineContaining("failed", WAIT);
                // While accepts keep failing, pauses double from 10 ms: five more failures take at
                // least 10+20+40+80+160 ms, and a listener that spun would use a whole core.
                long cpuBefore = cpuNanos(server);
                long start = System.nanoTime();
                for (int i = 0; i < 5; i++) {
                    String line = server.awaitLineContaining("failed", WAIT);
                    assertTrue(line.contains("accepting again in"), () -> "the log line says when: " + line);
                }
                long wall = System.nanoTime() - start;
                long cpu = cpuNanos(server) - cpuBefore;
                assertTrue(wall >= Duration.ofMillis(300).toNanos(), "five failed accepts came within " + wall + " ns");
                assertTrue(
                        cpu < wall / 2, "the server used " + cpu + " ns of CPU in " + wall + " ns of failing accepts");
            } finally {
                for (Socket client : clients) {
                    client.close();
                }
            }
            // descriptors free again: a new client is served
            try (Socket client = new Socket(InetAddress.getLoopbackAddress(), port)) {
                client.setSoTimeout((int) WAIT.toMillis());
                client.getOutputStream().write("back\n".getBytes(StandardCharsets.US_ASCII));
                assertEquals("back\n", new String(client.getInputStream().readNBytes(5), StandardCharsets.US_ASCII));
            }
        }
    }

    private static long cpuNanos(CliProcess server) {
        return server.process.toHandle().info().totalCpuDuration().orElseThrow().toNanos();
    }

    private static int port(List<String> endpoints) {
        for (String e : endpoints) {
            if (e.startsWith("tcp ")) {
                return Integer.parseInt(e.substring(e.lastIndexOf(':') + 1));
            }
        }
        throw new AssertionError("no tcp endpoint in " + endpoints);
    }
}
