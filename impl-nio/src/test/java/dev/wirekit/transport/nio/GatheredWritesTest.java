package dev.wirekit.transport.nio;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What a non-blocking service sends while the loop handles one read is gathered and written when the
 * read is handled, in one gathering write. The testkit's rules T-19 .. T-23 (run by
 * {@link NioTransportTest}) hold it to what an immediate write promised: order, a close right after
 * the replies, {@code flush()} on the loop, the overflow policy, borrowed messages. This adds what
 * only this driver's gathering has to get right.
 */
class GatheredWritesTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

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
