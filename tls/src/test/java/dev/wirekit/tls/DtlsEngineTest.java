package dev.wirekit.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wirekit.api.SecurityInfo;
import dev.wirekit.testkit.pki.TestPki;
import dev.wirekit.tls.testing.DatagramPair;
import dev.wirekit.tls.testing.Pki;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** DTLS engines joined in memory over a lossy network the test controls. */
class DtlsEngineTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static TestPki pki;
    private static DatagramSettings fast;

    @BeforeAll
    static void setUp() {
        pki = TestPki.create();
        fast = new DatagramSettings(1200, Duration.ofMillis(100), 256);
    }

    private static DtlsLayer server(DatagramSettings settings) {
        return DtlsLayer.server(TlsServerConfig.builder(Pki.keyMaterial(pki.localhost()))
                .datagramSettings(settings)
                .build());
    }

    private static DtlsLayer client() {
        return DtlsLayer.client(TlsClientConfig.builder()
                .trust(Pki.trust(pki))
                .datagramSettings(fast)
                .build());
    }

    private static boolean isHandshake(ByteBuffer b) {
        return b.get(b.position()) == 22;
    }

    private static int handshakeType(ByteBuffer b) {
        return b.get(b.position() + 13) & 0xff;
    }

    @Test
    void handshakeThenOneDatagramPerMessage() throws Exception {
        try (DatagramPair p = new DatagramPair(client(), server(fast), 5000)) {
            p.start();
            p.handshake(WAIT, b -> false);
            SecurityInfo s = p.server.engine.security().orElseThrow();
            assertEquals("DTLSv1.2", s.protocol());
            assertEquals("TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", s.cipherSuite());
            assertEquals(
                    pki.localhost().chain().size(),
                    p.client.engine.security().orElseThrow().peerCertificates().size());
            for (String m : List.of("one", "two", "three")) {
                p.client.engine.send(ByteBuffer.wrap(m.getBytes()));
            }
            p.moveOnce(b -> false);
            assertEquals(
                    List.of("one", "two", "three"),
                    p.server.datagrams.stream().map(String::new).toList());
            assertEquals(1, p.server.establishedCount.get(), "established once");
            assertEquals(1, p.client.establishedCount.get());
        }
    }

    @Test
    void theServerAsksForACookieBeforeKeepingAnyState() throws Exception {
        DtlsLayer layer = server(fast);
        try (DatagramPair p = new DatagramPair(client(), layer, 5001)) {
            p.start();
            ByteBuffer firstHello = awaitDatagram(p.client.network);
            p.server.engine.receive(firstHello);
            ByteBuffer reply = awaitDatagram(p.server.network);
            assertEquals(22, reply.get(0), "a handshake record");
            assertEquals(3, handshakeType(reply), "HelloVerifyRequest");
            assertEquals(0, layer.activeHandshakes(), "no handshake state for an unverified hello");
            p.client.engine.receive(reply);
            p.handshake(WAIT, b -> false);
            assertEquals(0, layer.activeHandshakes(), "the permit is returned after the handshake");
        }
    }

    @Test
    void lostFlightsAreRetransmitted() throws Exception {
        AtomicInteger dropped = new AtomicInteger();
        try (DatagramPair p = new DatagramPair(client(), server(fast), 5002)) {
            p.start();
            // lose the server's first ServerHello flight and the client's first Finished flight
            p.handshake(WAIT, b -> {
                if (isHandshake(b) && handshakeType(b) == 2 && dropped.get() == 0) {
                    dropped.incrementAndGet();
                    return true;
                }
                if (b.get(b.position()) == 20 && dropped.get() == 1) { // the client's ChangeCipherSpec
                    dropped.incrementAndGet();
                    return true;
                }
                return false;
            });
            assertTrue(dropped.get() >= 1, "a flight was lost and recovered");
            p.client.engine.send(ByteBuffer.wrap("after loss".getBytes()));
            p.moveOnce(b -> false);
            assertEquals("after loss", new String(p.server.datagrams.get(0)));
        }
    }

    @Test
    void concurrentHandshakesAreBounded() throws Exception {
        DtlsLayer layer = server(new DatagramSettings(1200, Duration.ofMillis(100), 1));
        try (DatagramPair a = new DatagramPair(client(), layer, 6001);
                DatagramPair b = new DatagramPair(client(), layer, 6002)) {
            a.start();
            // A: cookie exchange, then its verified ClientHello starts a handshake that stalls (we
            // stop delivering to A's client)
            a.server.engine.receive(awaitDatagram(a.client.network));
            a.client.engine.receive(awaitDatagram(a.server.network));
            a.server.engine.receive(awaitDatagram(a.client.network));
            awaitDatagram(a.server.network); // the ServerHello flight, never delivered
            assertEquals(1, layer.activeHandshakes());
            // B: its verified ClientHello is dropped while A holds the only slot
            b.start();
            b.server.engine.receive(awaitDatagram(b.client.network));
            b.client.engine.receive(awaitDatagram(b.server.network));
            b.server.engine.receive(awaitDatagram(b.client.network));
            assertTrue(b.server.network.isEmpty(), "no ServerHello for B");
            assertEquals(1, layer.activeHandshakes());
            // A completes and frees the slot; B's retransmitted hello then gets through
            a.client.network.clear();
            a.server.network.clear();
            a.handshake(WAIT, x -> false);
            b.handshake(WAIT, x -> false);
            assertEquals(0, layer.activeHandshakes());
        }
    }

    @Test
    void aDatagramTooLargeForOneRecordIsRefused() throws Exception {
        try (DatagramPair p = new DatagramPair(client(), server(fast), 5003)) {
            p.start();
            p.handshake(WAIT, b -> false);
            IOException e = assertThrows(IOException.class, () -> p.client.engine.send(ByteBuffer.allocate(20_000)));
            assertTrue(e.getMessage().contains("larger than DTLS can protect"), e.getMessage());
            p.client.engine.send(ByteBuffer.allocate(16_384)); // the largest that fits
            p.moveOnce(b -> false);
            assertEquals(16_384, p.server.datagrams.get(0).length);
        }
    }

    @Test
    void closeNotifyEndsThePeersInput() throws Exception {
        try (DatagramPair p = new DatagramPair(client(), server(fast), 5004)) {
            p.start();
            p.handshake(WAIT, b -> false);
            p.client.engine.closeOutbound();
            p.moveOnce(b -> false);
            assertTrue(p.server.endOfInput);
        }
    }

    @Test
    void anUntrustedServerFailsTheClientWithATypedError() throws Exception {
        DtlsLayer stranger = DtlsLayer.server(TlsServerConfig.builder(
                        Pki.keyMaterial(TestPki.create("Stranger").localhost()))
                .datagramSettings(fast)
                .build());
        try (DatagramPair p = new DatagramPair(client(), stranger, 5005)) {
            p.start();
            TlsException failure = null;
            TlsException serverFailure = null;
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (failure == null && System.nanoTime() < deadline) {
                ByteBuffer b;
                while ((b = p.client.network.poll()) != null) {
                    try {
                        p.server.engine.receive(b);
                    } catch (TlsException serverSide) {
                        serverFailure = serverSide; // the server hears the client's alert
                    }
                }
                while (failure == null && (b = p.server.network.poll()) != null) {
                    try {
                        p.client.engine.receive(b);
                    } catch (TlsException e) {
                        failure = e;
                    }
                }
                if (failure == null && !p.client.failures.isEmpty()) {
                    failure = (TlsException) p.client.failures.get(0);
                }
                java.util.concurrent.locks.LockSupport.parkNanos(200_000);
            }
            assertTrue(failure != null, "the client failed");
            assertEquals(TlsFailure.UNTRUSTED_CERTIFICATE, failure.failure());
            for (ByteBuffer b; (b = p.client.network.poll()) != null; ) { // the alert may still be in flight
                try {
                    p.server.engine.receive(b);
                } catch (TlsException e) {
                    serverFailure = e;
                }
            }
            // the alert reaches the server only through receive, which finishes its work before it
            // returns (the layer contract): the failure is thrown there, never reported later
            assertTrue(serverFailure != null, "the server was told, from within receive");
            assertEquals(TlsFailure.CERTIFICATE_REJECTED_BY_PEER, serverFailure.failure());
            assertEquals("unknown_ca", serverFailure.alert().orElseThrow());
        }
    }

    private static ByteBuffer awaitDatagram(java.util.Queue<ByteBuffer> queue) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        ByteBuffer b;
        while ((b = queue.poll()) == null) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no datagram within " + WAIT);
            }
            java.util.concurrent.locks.LockSupport.parkNanos(200_000);
        }
        return b;
    }
}
