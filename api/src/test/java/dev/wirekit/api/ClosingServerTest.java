package dev.wirekit.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClosingServerTest {
    /** A server that records what happened to it. */
    private static final class Recording implements Server {
        final List<String> events;
        final RuntimeException failOnClose;
        boolean open = true;

        Recording(List<String> events, RuntimeException failOnClose) {
            this.events = events;
            this.failOnClose = failOnClose;
        }

        @Override
        public InetSocketAddress localAddress() {
            return new InetSocketAddress("127.0.0.1", 4242);
        }

        @Override
        public String protocol() {
            return "tcp";
        }

        @Override
        public ServerStats stats() {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean isOpen() {
            return open;
        }

        @Override
        public void close() {
            close(Duration.ZERO);
        }

        @Override
        public void close(Duration drainTimeout) {
            open = false;
            events.add("server closed (" + drainTimeout.toSeconds() + " s)");
            if (failOnClose != null) {
                throw failOnClose;
            }
        }

        @Override
        public void awaitClose() {}

        @Override
        public String toString() {
            return "tcp 127.0.0.1:4242";
        }
    }

    @Test
    void theResourceClosesAfterTheServer() {
        List<String> events = new ArrayList<>();
        Server server = new Recording(events, null).alsoClosing(() -> events.add("log closed"), "http");
        assertEquals(4242, server.localAddress().getPort());
        assertEquals("tcp", server.protocol());
        assertEquals("http tcp 127.0.0.1:4242", server.toString());
        assertTrue(server.isOpen());
        server.close(Duration.ofSeconds(3));
        assertFalse(server.isOpen());
        assertEquals(List.of("server closed (3 s)", "log closed"), events);
    }

    @Test
    void theResourceClosesEvenWhenTheServerFailsToClose() {
        List<String> events = new ArrayList<>();
        IllegalStateException boom = new IllegalStateException("boom");
        Server server = new Recording(events, boom).alsoClosing(() -> events.add("pool closed"), "proxy");
        assertSame(boom, assertThrows(IllegalStateException.class, server::close));
        assertEquals(List.of("server closed (0 s)", "pool closed"), events);
    }

    @Test
    void aCheckedFailureOfTheResourceIsReported() {
        Server server = new Recording(new ArrayList<>(), null)
                .alsoClosing(
                        () -> {
                            throw new java.io.IOException("disk gone");
                        },
                        "http");
        IllegalStateException e = assertThrows(IllegalStateException.class, server::close);
        assertTrue(e.getMessage().contains("disk gone"), e.getMessage());
    }
}
