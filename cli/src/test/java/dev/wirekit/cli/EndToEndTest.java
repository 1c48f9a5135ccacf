package dev.wirekit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The product as a user runs it: {@code wirekit serve echo} in its own JVM, answered by clients
 * that are not Wirekit (plain java.net sockets, socat) and by {@code wirekit echo} itself; then
 * stopped with SIGTERM, which must close it gracefully.
 */
class EndToEndTest {
    private static final Duration START = Duration.ofSeconds(60);

    private static int port(List<String> endpoints, String protocol) {
        for (String e : endpoints) {
            if (e.startsWith(protocol + " ")) {
                return Integer.parseInt(e.substring(e.lastIndexOf(':') + 1));
            }
        }
        throw new AssertionError("no " + protocol + " endpoint in " + endpoints);
    }

    @ParameterizedTest
    @ValueSource(strings = {"blocking", "nio"})
    void serveEchoAnswersForeignClientsOverTcpAndUdp(String transport) throws Exception {
        try (CliProcess server = CliProcess.start("serve", "echo", "--port", "0", "--transport", transport)) {
            List<String> endpoints = server.awaitListening(START);
            int tcp = port(endpoints, "tcp");
            int udp = port(endpoints, "udp");

            try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), tcp)) {
                socket.setSoTimeout(10_000);
                OutputStream out = socket.getOutputStream();
                InputStream in = socket.getInputStream();
                byte[] message = "plain java.net client\n".getBytes(StandardCharsets.UTF_8);
                out.write(message);
                assertEquals(
                        "plain java.net client\n", new String(in.readNBytes(message.length), StandardCharsets.UTF_8));
            }

            try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
                socket.setSoTimeout(2_000);
                byte[] message = "udp datagram".getBytes(StandardCharsets.UTF_8);
                DatagramPacket reply = new DatagramPacket(new byte[100], 100);
                boolean answered = false;
                for (int attempt = 0; attempt < 5 && !answered; attempt++) {
                    socket.send(new DatagramPacket(message, message.length, InetAddress.getLoopbackAddress(), udp));
                    try {
                        socket.receive(reply);
                        answered = true;
                    } catch (java.net.SocketTimeoutException lost) {
                        // UDP may drop on a busy machine: resend
                    }
                }
                assertTrue(answered, "no UDP echo");
                assertEquals("udp datagram", new String(reply.getData(), 0, reply.getLength(), StandardCharsets.UTF_8));
            }

            if (onPath("socat")) {
                assertEquals("through socat\n", run(List.of("socat", "-", "TCP:127.0.0.1:" + tcp), "through socat\n"));
                assertEquals("socat udp", run(List.of("socat", "-t", "2", "-", "UDP:127.0.0.1:" + udp), "socat udp"));
            }

            try (CliProcess client = CliProcess.start(
                    "echo", "127.0.0.1:" + tcp, "--transport", transport, "hello", "from", "wirekit")) {
                assertEquals("hello from wirekit\n", client.outputUntilExit(START));
                assertEquals(0, client.process.exitValue());
            }

            server.process.destroy(); // SIGTERM: the shutdown hook closes the server gracefully
            assertTrue(server.process.waitFor(30, TimeUnit.SECONDS), "the server did not stop on SIGTERM");
        }
    }

    private static boolean onPath(String tool) {
        boolean found = System.getenv("PATH") != null
                && java.util.Arrays.stream(System.getenv("PATH").split(":"))
                        .anyMatch(dir -> Files.isExecutable(Path.of(dir, tool)));
        assumeTrue(found || !"true".equals(System.getenv("CI")), tool + " must be installed in CI");
        return found;
    }

    private static String run(List<String> command, String input) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        try (OutputStream stdin = p.getOutputStream()) {
            stdin.write(input.getBytes(StandardCharsets.UTF_8));
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(20, TimeUnit.SECONDS), command + " did not finish");
        return out;
    }
}
