package dev.wirekit.transport.nio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wirekit.api.Connection;
import dev.wirekit.api.ConnectionHandler;
import dev.wirekit.api.Server;
import dev.wirekit.api.Transport;
import dev.wirekit.api.TransportOptions;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@link Connection#armInline}: bytes answered on the event loop while the connection's thread
 * waits, declined bytes read by that thread in order, the read timeout counted from the last
 * answer, a failing answer closing only its own connection.
 */
class InlineAnswerTest {
    private static final int TIMEOUT_S = 30;

    /**
     * A line protocol. {@code fast N} lines alone in a chunk are answered on the loop with {@code
     * loop N}; everything else is declined and answered by the connection's thread with {@code
     * thread LINE}. {@code boom} makes the inline answer throw.
     */
    private static final class LineHandler implements ConnectionHandler {
        final Duration readTimeout;
        final BlockingQueue<String> events = new LinkedBlockingQueue<>();

        LineHandler(Duration readTimeout) {
            this.readTimeout = readTimeout;
        }

        @Override
        public void handle(Connection c) throws IOException {
            StringBuilder pending = new StringBuilder();
            ByteBuffer buf = ByteBuffer.allocate(4096);
            while (true) {
                if (pending.isEmpty()) {
                    events.add("armed " + c.armInline(data -> answer(c, data)));
                }
                buf.clear();
                int n;
                try {
                    n = c.read(buf, readTimeout);
                } catch (SocketTimeoutException e) {
                    events.add("timeout");
                    return;
                } catch (IOException e) {
                    events.add("failed: " + e.getMessage());
                    return;
                }
                if (n < 0) {
                    events.add("end");
                    return;
                }
                pending.append(StandardCharsets.US_ASCII.decode(buf.flip()));
                int nl;
                while ((nl = pending.indexOf("\n")) >= 0) {
                    String line = pending.substring(0, nl);
                    pending.delete(0, nl + 1);
                    c.write(ByteBuffer.wrap(("thread " + line + "\n").getBytes(StandardCharsets.US_ASCII)));
                }
            }
        }

        private boolean answer(Connection c, ByteBuffer data) throws IOException {
            String text = StandardCharsets.US_ASCII.decode(data).toString();
            if (text.equals("boom\n")) {
                throw new IOException("the inline answer failed on purpose");
            }
            if (!text.startsWith("fast ") || text.indexOf('\n') != text.length() - 1) {
                return false;
            }
            String who = Thread.currentThread().isVirtual()
                    ? "virtual"
                    : Thread.currentThread().getName();
            c.write(ByteBuffer.wrap(("loop " + text.substring(5, text.length() - 1) + " " + who + "\n")
                    .getBytes(StandardCharsets.US_ASCII)));
            return true;
        }
    }

    private static Server listen(Transport transport, ConnectionHandler handler) throws IOException {
        return transport.listen(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), handler, TransportOptions.defaults());
    }

    private static final class Client implements AutoCloseable {
        final Socket socket;
        final BufferedReader in;
        final OutputStream out;

        Client(InetSocketAddress address) throws IOException {
            socket = new Socket(address.getAddress(), address.getPort());
            socket.setSoTimeout(TIMEOUT_S * 1000);
            socket.setTcpNoDelay(true);
            in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            out = socket.getOutputStream();
        }

        String ask(String lines) throws IOException {
            send(lines);
            return in.readLine();
        }

        void send(String lines) throws IOException {
            out.write(lines.getBytes(StandardCharsets.US_ASCII));
            out.flush();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    @Test
    void answersOnTheLoopAndHandsDeclinedBytesToTheThreadInOrder() throws Exception {
        LineHandler handler = new LineHandler(Duration.ofSeconds(TIMEOUT_S));
        try (Transport transport = Transport.of(new NioTransportProvider());
                Server server = listen(transport, handler);
                Client client = new Client(server.localAddress())) {
            assertEquals("armed true", handler.events.poll(TIMEOUT_S, TimeUnit.SECONDS));
            String first = client.ask("fast 1\n");
            assertTrue(first.startsWith("loop 1 "), first);
            assertFalse(first.endsWith(" virtual"), "answered on the event loop, not a virtual thread: " + first);
            assertTrue(client.ask("fast 2\n").startsWith("loop 2 "));

            // Declined: the connection's thread reads it, answers, and arms again.
            assertEquals("thread slow a", client.ask("slow a\n"));
            assertEquals("armed true", handler.events.poll(TIMEOUT_S, TimeUnit.SECONDS));
            assertTrue(client.ask("fast 3\n").startsWith("loop 3 "));

            // A chunk the reader declines is read whole by the thread, in order, even the part that
            // alone would have been answered inline.
            client.send("slow b\nfast 4\n");
            assertEquals("thread slow b", client.in.readLine());
            assertEquals("thread fast 4", client.in.readLine());
            assertEquals("armed true", handler.events.poll(TIMEOUT_S, TimeUnit.SECONDS));
            assertTrue(client.ask("fast 5\n").startsWith("loop 5 "));
        }
    }

    @Test
    void theReadTimeoutRunsFromTheLastInlineAnswer() throws Exception {
        Duration timeout = Duration.ofMillis(1500);
        LineHandler handler = new LineHandler(timeout);
        try (Transport transport = Transport.of(new NioTransportProvider());
                Server server = listen(transport, handler);
                Client client = new Client(server.localAddress())) {
            assertEquals("armed true", handler.events.poll(TIMEOUT_S, TimeUnit.SECONDS));
            // Keep the connection busy with inline answers for several read timeouts: the waiting
            // thread's read must not time out, since the connection is anything but idle.
            long busyUntil = System.nanoTime() + timeout.toNanos() * 3;
            int answered = 0;
            long lastSent;
            do {
                lastSent = System.nanoTime();
                assertTrue(client.ask("fast " + answered + "\n").startsWith("loop " + answered + " "));
                answered++;
            } while (System.nanoTime() < busyUntil);
            assertTrue(handler.events.isEmpty(), "no timeout while busy: " + handler.events);
            // Idle from now: the read times out, counted from the last answer (which came after
            // the last request was sent).
            assertEquals("timeout", handler.events.poll(TIMEOUT_S, TimeUnit.SECONDS));
            assertTrue(
                    System.nanoTime() - lastSent >= timeout.toNanos(),
                    "timed out no earlier than the timeout after the last answer");
            assertTrue(answered > 1);
        }
    }

    @Test
    void aFailingAnswerClosesOnlyItsConnection() throws Exception {
        LineHandler handler = new LineHandler(Duration.ofSeconds(TIMEOUT_S));
        try (Transport transport = Transport.of(new NioTransportProvider());
                Server server = listen(transport, handler);
                Client doomed = new Client(server.localAddress());
                Client other = new Client(server.localAddress())) {
            assertEquals("armed true", handler.events.poll(TIMEOUT_S, TimeUnit.SECONDS));
            assertEquals("armed true", handler.events.poll(TIMEOUT_S, TimeUnit.SECONDS));
            doomed.send("boom\n");
            String end = handler.events.poll(TIMEOUT_S, TimeUnit.SECONDS);
            assertNotNull(end);
            assertTrue(end.equals("end") || end.startsWith("failed"), "the connection ended: " + end);
            try {
                assertEquals(-1, doomed.in.read(), "the peer of the failed answer sees the connection close");
            } catch (java.net.SocketException reset) {
                // aborted: a reset is the close it sees
            }
            assertTrue(other.ask("fast 1\n").startsWith("loop 1 "), "the other connection carries on");
        }
    }
}
