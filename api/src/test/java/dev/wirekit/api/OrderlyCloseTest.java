package dev.wirekit.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wirekit.api.framing.Framers;
import dev.wirekit.spi.DatagramWire;
import dev.wirekit.spi.DriverConfig;
import dev.wirekit.spi.TransportDriver;
import dev.wirekit.spi.TransportProvider;
import dev.wirekit.spi.Wire;
import dev.wirekit.spi.WireListener;
import dev.wirekit.spi.WireReceiver;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Orderly close against a wire whose flushing the test drives by hand, so the interleavings that a
 * real driver produces only now and then (an event loop finishing one flush while a service writes
 * its goodbye and closes) happen every time.
 */
class OrderlyCloseTest {

    /** A wire that keeps what is written until the test flushes it. */
    private static final class HandWire implements Wire {
        final List<String> queue = new ArrayList<>();
        final StringBuilder sent = new StringBuilder();
        long queued;
        WireReceiver receiver;
        String closedHow;

        @Override
        public void start(WireReceiver receiver) {
            this.receiver = receiver;
            receiver.onActive();
        }

        @Override
        public synchronized void write(ByteBuffer... buffers) {
            if (closedHow != null) {
                return;
            }
            for (ByteBuffer b : buffers) {
                queued += b.remaining();
                queue.add(StandardCharsets.UTF_8.decode(b).toString());
            }
        }

        /** Writes everything queued so far to the "socket", without telling the receiver yet. */
        synchronized void writeQueued() {
            queue.forEach(sent::append);
            queue.clear();
            queued = 0;
        }

        @Override
        public void writeFile(FileChannel file, long position, long count) {
            throw new UnsupportedOperationException();
        }

        @Override
        public synchronized long queuedBytes() {
            return queued;
        }

        @Override
        public void setReadPaused(boolean paused) {}

        @Override
        public void shutdownOutput() {
            throw new UnsupportedOperationException();
        }

        @Override
        public void close() {
            closeAs("closed");
        }

        @Override
        public void abort() {
            closeAs("aborted");
        }

        private void closeAs(String how) {
            synchronized (this) {
                if (closedHow != null) {
                    return;
                }
                closedHow = how;
                queue.clear();
                queued = 0;
            }
            receiver.onClosed(null);
        }

        @Override
        public synchronized boolean isOpen() {
            return closedHow == null;
        }

        @Override
        public boolean inEventLoop() {
            return false;
        }

        @Override
        public InetSocketAddress localAddress() {
            return new InetSocketAddress("127.0.0.1", 40000);
        }

        @Override
        public InetSocketAddress remoteAddress() {
            return new InetSocketAddress("127.0.0.1", 7);
        }
    }

    /** A driver whose every connection is the one hand wire. */
    private static TransportProvider providerOf(HandWire wire) {
        return new TransportProvider() {
            @Override
            public String name() {
                return "hand";
            }

            @Override
            public TransportDriver create(DriverConfig config) {
                return new TransportDriver() {
                    @Override
                    public TransportCapabilities capabilities() {
                        return new TransportCapabilities(false, false, false, 0, false);
                    }

                    @Override
                    public WireListener listen(
                            InetSocketAddress address, TransportOptions options, Consumer<Wire> acceptor) {
                        throw new UnsupportedOperationException();
                    }

                    @Override
                    public CompletableFuture<Wire> connect(InetSocketAddress address, TransportOptions options) {
                        return CompletableFuture.completedFuture(wire);
                    }

                    @Override
                    public DatagramWire bind(
                            InetSocketAddress local, InetSocketAddress remote, TransportOptions options) {
                        throw new UnsupportedOperationException();
                    }

                    @Override
                    public void close() {
                        wire.close();
                    }
                };
            }
        };
    }

    @Test
    void aDrainReportedLateDoesNotCloseOverTheLastMessage() throws Exception {
        HandWire wire = new HandWire();
        try (Transport transport = Transport.of(providerOf(wire));
                ClientSession<String> session =
                        transport.connect(wire.remoteAddress(), Framers.lines(100), TransportOptions.defaults())) {
            session.send("464 bad password");
            // The driver's flusher writes that out and is about to say "drained" ...
            wire.writeQueued();
            // ... when the service says goodbye: the last message is queued, closing starts.
            session.close("ERROR bye");
            assertTrue(wire.isOpen(), "nothing is closed while the goodbye is queued");
            // Now the flusher's report of the earlier drain arrives. It must not close the wire
            // over the goodbye that is still queued.
            wire.receiver.onDrained();
            assertTrue(wire.isOpen(), "a stale drain report closed the wire over queued output");
            assertEquals(1, wire.queue.size());

            wire.writeQueued();
            wire.receiver.onDrained();
            assertFalse(wire.isOpen(), "closed once the goodbye is written");
            assertEquals("closed", wire.closedHow, "an orderly close, not a reset");
            assertEquals("464 bad password\nERROR bye\n", wire.sent.toString());
        }
    }
}
