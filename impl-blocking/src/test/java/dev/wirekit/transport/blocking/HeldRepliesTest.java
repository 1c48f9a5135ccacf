package dev.wirekit.transport.blocking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.wirekit.api.Server;
import dev.wirekit.api.Service;
import dev.wirekit.api.Session;
import dev.wirekit.api.Transport;
import dev.wirekit.api.TransportOptions;
import dev.wirekit.api.WriteTimeoutException;
import dev.wirekit.api.framing.Framers;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * What the reader holds back while a non-blocking service handles a read (testkit rules T-19 ..
 * T-25 cover what every transport must do): here, the two ways this driver's holding could leave a
 * waiter hanging.
 */
class HeldRepliesTest {
    private static final long TIMEOUT_SECONDS = 30;

    /** Non-blocking by declaration, as the holding requires; each test bends that for its interleaving. */
    private abstract static class Held implements Service<String> {
        final CompletableFuture<Throwable> closed = new CompletableFuture<>();

        @Override
        public boolean isNonBlocking() {
            return true;
        }

        @Override
        public void onClose(Session<String> session, Throwable cause) {
            closed.complete(cause);
        }
    }

    @Test
    void aWriterStuckBehindAPeerThatNeverReadsIsCutOffWhileItCarriesHeldBytes() throws Exception {
        // The reader holds "a"; another thread's 700 KB joins the queue, so the writer thread writes
        // "a" and the 700 KB together and blocks: the peer never reads. The reader must not wait for
        // that write for ever when its read is handled: the watchdog cuts the connection off after
        // the write timeout, as it does a stuck write of the reader's own.
        String big = "z".repeat(700 * 1024);
        Socket peer = new Socket();
        Held service = new Held() {
            @Override
            public void onMessage(Session<String> session, String line) {
                session.send("a");
                Thread.ofVirtual().start(() -> session.send(big));
                // until the writer thread has started its write (bytes reach the peer): it holds the
                // write lock from then on, so "a" goes out with it and the reader waits behind it
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
                try {
                    while (peer.getInputStream().available() == 0 && System.nanoTime() < deadline) {
                        Thread.onSpinWait();
                    }
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
        };
        TransportOptions options = TransportOptions.builder()
                .writeTimeout(Duration.ofSeconds(1))
                .sendBufferSize(8 * 1024)
                .maxOutboundBytes(4 * 1024 * 1024)
                .build();
        try (Transport transport = Transport.of(new BlockingTransportProvider());
                Server server = transport.listen(loopback(), Framers.lines(1 << 20), service, options);
                peer) {
            peer.setReceiveBufferSize(8 * 1024);
            peer.connect(server.localAddress());
            peer.getOutputStream().write("go\n".getBytes(StandardCharsets.US_ASCII)); // and never reads
            Throwable cause = service.closed.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            assertInstanceOf(WriteTimeoutException.class, cause, "why the connection closed");
        }
    }

    @Test
    void aFlushOnAnotherThreadReturnsOnceWhatTheReaderHeldIsWritten() throws Exception {
        // The reader holds "a"; another thread's flush waits for it. Then 300 KiB more passes the
        // hold limit and everything is written at once, inside onMessage: the flush must hear that
        // the queue drained, not sit out its write timeout (5 minutes).
        String big = "y".repeat(300 * 1024);
        CompletableFuture<Void> flushed = new CompletableFuture<>();
        Held service = new Held() {
            @Override
            public void onMessage(Session<String> session, String line) {
                session.send("a");
                Thread flusher = Thread.ofVirtual().start(() -> {
                    try {
                        session.flush();
                        flushed.complete(null);
                    } catch (Exception e) {
                        flushed.completeExceptionally(e);
                    }
                });
                // until the flusher waits for the drain (or has already returned)
                while (flusher.getState() != Thread.State.TIMED_WAITING && flusher.isAlive()) {
                    Thread.onSpinWait();
                }
                session.send(big);
            }
        };
        TransportOptions options =
                TransportOptions.builder().writeTimeout(Duration.ofMinutes(5)).build();
        try (Transport transport = Transport.of(new BlockingTransportProvider());
                Server server = transport.listen(loopback(), Framers.lines(1 << 20), service, options);
                Socket peer = new Socket()) {
            peer.connect(server.localAddress());
            peer.setSoTimeout((int) TimeUnit.SECONDS.toMillis(TIMEOUT_SECONDS));
            peer.getOutputStream().write("go\n".getBytes(StandardCharsets.US_ASCII));
            InputStream in = peer.getInputStream();
            byte[] buffer = new byte[64 * 1024];
            long expected = 2 + big.length() + 1;
            long got = 0;
            while (got < expected) {
                int n = in.read(buffer);
                if (n < 0) {
                    break;
                }
                got += n;
            }
            assertEquals(expected, got, "both replies, each with its newline");
            assertNull(flushed.get(TIMEOUT_SECONDS, TimeUnit.SECONDS), "flush() returned");
        }
    }

    private static InetSocketAddress loopback() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
    }
}
