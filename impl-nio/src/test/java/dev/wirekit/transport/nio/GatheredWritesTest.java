package dev.wirekit.transport.nio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wirekit.api.Server;
import dev.wirekit.api.Service;
import dev.wirekit.api.Session;
import dev.wirekit.api.Transport;
import dev.wirekit.api.TransportOptions;
import dev.wirekit.api.framing.FrameDecoder;
import dev.wirekit.api.framing.Framer;
import dev.wirekit.api.framing.Framers;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * What a non-blocking service sends while the loop handles one read is gathered and written when the
 * read is handled, in one gathering write. These tests hold it to what an immediate write promised:
 * order kept (also when the socket takes only part and the rest is queued), a close right after the
 * replies writes them first and then closes at once, and {@code flush()} on the loop still works.
 */
class GatheredWritesTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    /** Answers each line "n" with "n-a" and "n-b"; "bye": says "bye!" and closes; "flush": flushes. */
    private static final class TwoReplies implements Service<String> {
        final AtomicReference<Throwable> failure = new AtomicReference<>();

        @Override
        public void onMessage(Session<String> session, String line) {
            switch (line) {
                case "bye" -> {
                    session.send("bye!");
                    session.close();
                }
                case "flush" -> {
                    session.send("flushed");
                    try {
                        session.flush();
                    } catch (IOException | RuntimeException e) {
                        failure.set(e);
                        session.send("flush failed: " + e);
                    }
                }
                default -> {
                    session.send(line + "-a");
                    session.send(line + "-b");
                }
            }
        }

        @Override
        public boolean isNonBlocking() {
            return true;
        }
    }

    @Test
    void repliesToManyPipelinedRequestsComeBackInOrderAlsoWhenTheSocketTakesOnlyPart() throws Exception {
        int requests = 20_000;
        StringBuilder all = new StringBuilder();
        for (int i = 0; i < requests; i++) {
            all.append(i).append('\n');
        }
        byte[] bytes = all.toString().getBytes(StandardCharsets.US_ASCII);
        // small socket buffers and a peer that writes everything before it reads: most gathered
        // writes are taken only in part, and the rest must queue in order
        TransportOptions options = TransportOptions.builder()
                .sendBufferSize(8 * 1024)
                .receiveBufferSize(8 * 1024)
                .maxOutboundBytes(16 * 1024 * 1024)
                .build();
        TwoReplies service = new TwoReplies();
        try (Transport transport = Transport.of(new NioTransportProvider());
                Server server = transport.listen(loopback(), Framers.lines(64), service, options);
                Socket peer = new Socket()) {
            peer.setReceiveBufferSize(8 * 1024);
            peer.connect(server.localAddress());
            peer.setSoTimeout((int) TIMEOUT.toMillis());
            Thread writer = Thread.ofVirtual().start(() -> {
                try {
                    OutputStream out = peer.getOutputStream();
                    out.write(bytes);
                    out.flush();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            BufferedReader in = reader(peer);
            for (int i = 0; i < requests; i++) {
                assertEquals(i + "-a", in.readLine(), "reply a to request " + i);
                assertEquals(i + "-b", in.readLine(), "reply b to request " + i);
            }
            writer.join(TIMEOUT.toMillis());
        }
    }

    @Test
    void aCloseRightAfterTheRepliesWritesThemAndClosesWithoutWaitingForTheDrainTimeout() throws Exception {
        // a close that waited for a "drained" report that never came would end only at the drain
        // timeout, longer than the peer's read timeout
        TransportOptions options =
                TransportOptions.builder().drainTimeout(Duration.ofMinutes(5)).build();
        try (Transport transport = Transport.of(new NioTransportProvider());
                Server server = transport.listen(loopback(), Framers.lines(64), new TwoReplies(), options);
                Socket peer = new Socket()) {
            peer.connect(server.localAddress());
            peer.setSoTimeout((int) TIMEOUT.toMillis());
            peer.getOutputStream().write("x\nbye\n".getBytes(StandardCharsets.US_ASCII));
            BufferedReader in = reader(peer);
            assertEquals("x-a", in.readLine());
            assertEquals("x-b", in.readLine());
            assertEquals("bye!", in.readLine());
            assertNull(in.readLine(), "the server closed after its last reply");
        }
    }

    @Test
    void flushOnTheLoopWritesWhatWasGatheredAndTheConnectionCarriesOn() throws Exception {
        TwoReplies service = new TwoReplies();
        try (Transport transport = Transport.of(new NioTransportProvider());
                Server server = transport.listen(loopback(), Framers.lines(64), service, TransportOptions.defaults());
                Socket peer = new Socket()) {
            peer.connect(server.localAddress());
            peer.setSoTimeout((int) TIMEOUT.toMillis());
            peer.getOutputStream().write("1\nflush\n2\n".getBytes(StandardCharsets.US_ASCII));
            BufferedReader in = reader(peer);
            assertEquals("1-a", in.readLine());
            assertEquals("1-b", in.readLine());
            assertEquals("flushed", in.readLine());
            assertEquals("2-a", in.readLine());
            assertEquals("2-b", in.readLine());
            assertTrue(service.failure.get() == null, () -> "flush() on the loop failed: " + service.failure.get());
        }
    }

    @Test
    void repliesHeldBackForOneWriteAreNotABacklogForTheOverflowPolicy() throws Exception {
        // 20 KB of requests arrive in a few reads; their replies pass the 4 KiB outbound limit long
        // before the read is handled. The socket takes them all: nothing is queued, so the FAIL
        // policy must not refuse a reply because of the ones held back to be written together.
        int requests = 100;
        String payload = "x".repeat(190);
        StringBuilder all = new StringBuilder();
        for (int i = 0; i < requests; i++) {
            all.append(i).append(payload).append('\n');
        }
        TransportOptions options = TransportOptions.builder()
                .maxOutboundBytes(4 * 1024)
                .overflowPolicy(dev.wirekit.api.OverflowPolicy.FAIL)
                .sendBufferSize(1024 * 1024)
                .build();
        TwoReplies service = new TwoReplies();
        try (Transport transport = Transport.of(new NioTransportProvider());
                Server server = transport.listen(loopback(), Framers.lines(1024), service, options);
                Socket peer = new Socket()) {
            peer.setReceiveBufferSize(1024 * 1024);
            peer.connect(server.localAddress());
            peer.setSoTimeout((int) TIMEOUT.toMillis());
            peer.getOutputStream().write(all.toString().getBytes(StandardCharsets.US_ASCII));
            BufferedReader in = reader(peer);
            for (int i = 0; i < requests; i++) {
                assertEquals(i + payload + "-a", in.readLine(), "reply a to request " + i);
                assertEquals(i + payload + "-b", in.readLine(), "reply b to request " + i);
            }
        }
    }

    @Test
    void aMessageThatEncodesToNothingAmongGatheredRepliesIsSkipped() throws Exception {
        // a framer may encode a message to no bytes at all (here: the empty line)
        Framer<String> lines = Framers.lines(64);
        Framer<String> silentEmpty = new Framer<>() {
            @Override
            public FrameDecoder<String> newDecoder() {
                return lines.newDecoder();
            }

            @Override
            public void encode(String message, List<ByteBuffer> out) {
                if (!message.isEmpty()) {
                    out.add(ByteBuffer.wrap((message + "\n").getBytes(StandardCharsets.US_ASCII)));
                }
            }

            @Override
            public int maxFrameLength() {
                return lines.maxFrameLength();
            }
        };
        Service<String> service = new Service<>() {
            @Override
            public void onMessage(Session<String> session, String line) {
                session.send("");
                session.send(line + "!");
            }

            @Override
            public boolean isNonBlocking() {
                return true;
            }
        };
        try (Transport transport = Transport.of(new NioTransportProvider());
                Server server = transport.listen(loopback(), silentEmpty, service, TransportOptions.defaults());
                Socket peer = new Socket()) {
            peer.connect(server.localAddress());
            peer.setSoTimeout((int) TIMEOUT.toMillis());
            BufferedReader in = reader(peer);
            for (String line : List.of("a", "b")) {
                // one request per read: the reply after the empty one is the only buffer gathered
                peer.getOutputStream().write((line + "\n").getBytes(StandardCharsets.US_ASCII));
                assertEquals(line + "!", in.readLine());
            }
        }
    }

    private static InetSocketAddress loopback() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
    }

    private static BufferedReader reader(Socket peer) throws IOException {
        return new BufferedReader(new InputStreamReader(peer.getInputStream(), StandardCharsets.US_ASCII));
    }
}
