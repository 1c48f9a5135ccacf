package dev.wirekit.transport.nio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wirekit.api.Server;
import dev.wirekit.api.Service;
import dev.wirekit.api.Session;
import dev.wirekit.api.Transport;
import dev.wirekit.api.TransportOptions;
import dev.wirekit.api.framing.Framer;
import dev.wirekit.api.framing.Framers;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/**
 * A non-blocking service that borrows its messages ({@link Service#borrowsMessages()}) is given
 * read-only views of the event loop's read buffer, and echoes them back from there. The loop reuses
 * that buffer for the next read, so whatever the socket does not take at once must be copied before
 * it is queued: with a peer that does not read for a while, every reply is queued, and the echo must
 * still come back byte for byte.
 */
class BorrowedMessagesTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final int TOTAL = 4 * 1024 * 1024;

    @Test
    void borrowedMessagesQueuedBehindASlowPeerComeBackIntact() throws Exception {
        echoesIntact(Framers.raw(64 * 1024), false);
    }

    @Test
    void borrowedLengthPrefixedFramesQueuedBehindASlowPeerComeBackIntact() throws Exception {
        echoesIntact(Framers.lengthPrefixed(4, 64 * 1024), true);
    }

    private static void echoesIntact(Framer<ByteBuffer> framer, boolean framed) throws Exception {
        AtomicBoolean sawViews = new AtomicBoolean();
        AtomicBoolean sawCopies = new AtomicBoolean();
        Service<ByteBuffer> echo = new Service<>() {
            @Override
            public void onMessage(Session<ByteBuffer> session, ByteBuffer message) {
                if (message.isReadOnly()) {
                    sawViews.set(true);
                } else {
                    sawCopies.set(true);
                }
                session.send(message);
            }

            @Override
            public boolean isNonBlocking() {
                return true;
            }

            @Override
            public boolean borrowsMessages() {
                return true;
            }
        };
        byte[] sent = new byte[TOTAL];
        new Random(42).nextBytes(sent);
        byte[] wire = framed ? frame(sent, 1000 + 7) : sent;
        TransportOptions options = TransportOptions.builder()
                .sendBufferSize(16 * 1024)
                .receiveBufferSize(16 * 1024)
                .maxOutboundBytes(8 * 1024 * 1024)
                .build();
        try (Transport transport = Transport.of(new NioTransportProvider());
                Server server = transport.listen(
                        new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), framer, echo, options);
                Socket peer = new Socket()) {
            peer.setReceiveBufferSize(16 * 1024);
            peer.connect(server.localAddress());
            peer.setSoTimeout((int) TIMEOUT.toMillis());
            AtomicLong written = new AtomicLong();
            AtomicReference<Throwable> writeFailure = new AtomicReference<>();
            Thread writer = Thread.ofVirtual().start(() -> {
                try {
                    OutputStream out = peer.getOutputStream();
                    for (int at = 0; at < wire.length; at += 8192) {
                        out.write(wire, at, Math.min(8192, wire.length - at));
                        written.set(at + 8192L);
                    }
                } catch (Throwable t) {
                    writeFailure.set(t);
                }
            });
            // Read nothing until far more has gone in than the socket buffers on both sides hold:
            // by then the server has echoed most of it into its queue, while its loop kept reading
            // into (and so overwriting) the buffer the borrowed messages were views of.
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (written.get() < TOTAL / 2 && writeFailure.get() == null) {
                assertTrue(System.nanoTime() < deadline, "the writer got no further than " + written.get());
                LockSupport.parkNanos(1_000_000);
            }
            InputStream in = peer.getInputStream();
            ByteArrayOutputStream got = new ByteArrayOutputStream(wire.length);
            byte[] buffer = new byte[64 * 1024];
            while (got.size() < wire.length) {
                int n = in.read(buffer);
                if (n < 0) {
                    break;
                }
                got.write(buffer, 0, n);
            }
            writer.join(TIMEOUT.toMillis());
            assertTrue(writeFailure.get() == null, () -> "the writer failed: " + writeFailure.get());
            assertTrue(sawViews.get(), "the service was given views of the read buffer");
            assertFalse(sawCopies.get(), "a borrowing service gets only views, never copies");
            assertArrayEquals(wire, got.toByteArray(), "the echo differs from what was sent");
        }
    }

    /** {@code data} cut into frames of {@code size} bytes, each behind a 4-byte big-endian length. */
    private static byte[] frame(byte[] data, int size) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(data.length + data.length / size * 4 + 4);
        for (int at = 0; at < data.length; at += size) {
            int n = Math.min(size, data.length - at);
            out.write(n >>> 24);
            out.write(n >>> 16);
            out.write(n >>> 8);
            out.write(n);
            out.write(data, at, n);
        }
        return out.toByteArray();
    }
}
