package dev.wirekit.testkit.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.wirekit.api.ClientSession;
import dev.wirekit.api.Connection;
import dev.wirekit.api.framing.Framers;
import dev.wirekit.testkit.Rule;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Echo servers (RFC 862): whatever is sent comes back, byte for byte (SPEC.md, section E). */
public class EchoSuite extends WireSuite {

    @Test
    public void required_E1_lineEchoedExactly() {
        Rule.verify("E-1", "a line of text comes back exactly", "the server writes back every byte it reads", () -> {
            try (Connection c = connectRaw()) {
                byte[] line = "hello, wirekit testkit\r\n".getBytes(StandardCharsets.UTF_8);
                c.write(ByteBuffer.wrap(line));
                assertArrayEquals(line, readExactly(c, line.length));
            }
        });
    }

    @Test
    public void required_E2_everyByteValueEchoed() {
        Rule.verify(
                "E-2", "all 256 byte values come back unchanged", "the server treats data as bytes, not text", () -> {
                    byte[] all = new byte[1024];
                    for (int i = 0; i < all.length; i++) {
                        all[i] = (byte) i;
                    }
                    try (Connection c = connectRaw()) {
                        c.write(ByteBuffer.wrap(all));
                        assertArrayEquals(all, readExactly(c, all.length));
                    }
                });
    }

    @Test
    public void required_E3_megabyteEchoedIntact() {
        Rule.verify(
                "E-3",
                "1 MiB of random bytes, written while the echo is read, comes back intact",
                "the server keeps reading while its writes are pending, and loses nothing when its buffers fill",
                () -> {
                    byte[] data = new byte[1 << 20];
                    new Random(5).nextBytes(data);
                    try (Connection c = connectRaw();
                            ExecutorService reader = Executors.newVirtualThreadPerTaskExecutor()) {
                        Future<byte[]> echoed = reader.submit(() -> readExactly(c, data.length));
                        c.write(ByteBuffer.wrap(data));
                        assertArrayEquals(data, echoed.get(target().timeout().toMillis() * 3, TimeUnit.MILLISECONDS));
                    }
                });
    }

    @Test
    public void required_E4_concurrentClientsGetTheirOwnBytes() {
        Rule.verify(
                "E-4",
                "20 clients at once each get back exactly their own bytes",
                "connections are served independently; no buffer is shared between them",
                () -> {
                    List<Future<Boolean>> results = new ArrayList<>();
                    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
                        for (int i = 0; i < 20; i++) {
                            int seed = i;
                            results.add(pool.submit(() -> {
                                byte[] mine = new byte[10_000];
                                new Random(seed).nextBytes(mine);
                                try (Connection c = connectRaw()) {
                                    c.write(ByteBuffer.wrap(mine));
                                    return java.util.Arrays.equals(mine, readExactly(c, mine.length));
                                }
                            }));
                        }
                        for (int i = 0; i < results.size(); i++) {
                            assertEquals(
                                    true, results.get(i).get(), "client " + i + " got bytes that were not its own");
                        }
                    }
                });
    }

    @Test
    public void required_E5_halfCloseFlushesThenCloses() {
        Rule.verify(
                "E-5",
                "after the client ends its side, the server echoes what it had and then closes",
                "on end of input, finish writing the echo, then close the connection",
                () -> {
                    byte[] data = "last words before the end\n".getBytes(StandardCharsets.UTF_8);
                    try (Connection c = connectRaw()) {
                        c.write(ByteBuffer.wrap(data));
                        c.shutdownOutput();
                        assertArrayEquals(data, readToEnd(c), "echo before the close");
                    }
                });
    }

    @Test
    public void optional_E6_datagramEchoed() {
        assumeTrue(target().datagrams(), "the target was not declared to serve UDP (--udp)");
        Rule.verify(
                "E-6",
                "a UDP datagram comes back to its sender unchanged",
                "reply to the datagram's source address with its whole payload",
                () -> {
                    try (ClientSession<ByteBuffer> c = connectDatagram(Framers.raw(2048))) {
                        byte[] payload = new byte[512];
                        new Random(6).nextBytes(payload);
                        ByteBuffer reply = null;
                        for (int attempt = 0; attempt < 5 && reply == null; attempt++) {
                            c.send(ByteBuffer.wrap(payload));
                            try {
                                reply = c.receive(target().timeout().dividedBy(5));
                            } catch (SocketTimeoutException lost) {
                                // UDP may drop: send again
                            }
                        }
                        assertEquals(ByteBuffer.wrap(payload), reply, "the datagram echo");
                    }
                });
    }
}
