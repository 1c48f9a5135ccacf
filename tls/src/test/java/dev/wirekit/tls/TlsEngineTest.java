package dev.wirekit.tls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wirekit.api.SecurityInfo;
import dev.wirekit.testkit.pki.Issued;
import dev.wirekit.testkit.pki.TestPki;
import dev.wirekit.testkit.property.Chunking;
import dev.wirekit.testkit.property.Generators;
import dev.wirekit.testkit.property.Property;
import dev.wirekit.tls.testing.Pair;
import dev.wirekit.tls.testing.Pki;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The TLS engine without sockets: two engines joined in memory. */
class TlsEngineTest {
    private static TestPki pki;
    private static Issued serverCert;
    private static Issued clientCert;

    @BeforeAll
    static void pki() {
        pki = TestPki.create();
        serverCert = pki.leaf().cn("server").dns("server.test").dns("localhost").issue();
        clientCert = pki.client("alice");
    }

    private static TlsServerConfig.Builder server() {
        return TlsServerConfig.builder(Pki.keyMaterial(serverCert));
    }

    private static TlsClientConfig.Builder client() {
        return TlsClientConfig.builder().trust(Pki.trust(pki));
    }

    private static Pair pair(TlsClientConfig c, TlsServerConfig s) {
        return new Pair(TlsLayer.client(c), TlsLayer.server(s), Optional.of("server.test"));
    }

    @ParameterizedTest
    @EnumSource(TlsVersion.class)
    void handshakeFillsInSecurityInfoOnBothSides(TlsVersion version) throws Exception {
        Pair p = pair(
                        client().protocols(version)
                                .keyMaterial(Pki.keyMaterial(clientCert))
                                .applicationProtocols("wk/2", "wk/1")
                                .build(),
                        server().clientAuth(ClientAuth.REQUIRED)
                                .clientTrust(Pki.trust(pki))
                                .applicationProtocols("wk/1", "wk/2")
                                .build())
                .handshake();
        assertEquals(1, p.client.establishedCount.get());
        assertEquals(1, p.server.establishedCount.get());
        SecurityInfo c = p.client.engine.security().orElseThrow();
        SecurityInfo s = p.server.engine.security().orElseThrow();
        assertEquals(version.standardName(), c.protocol());
        assertEquals(version.standardName(), s.protocol());
        assertEquals(c.cipherSuite(), s.cipherSuite());
        String expectedSuite =
                version == TlsVersion.TLS_1_3 ? "TLS_AES_128_GCM_SHA256" : "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256";
        assertEquals(expectedSuite, s.cipherSuite(), "the server's first preference");
        assertEquals(serverCert.chain(), c.peerCertificates());
        assertEquals(serverCert.chain(), s.localCertificates());
        assertEquals(clientCert.chain(), s.peerCertificates());
        assertEquals(clientCert.chain(), c.localCertificates());
        assertEquals(Optional.of("server.test"), c.serverName());
        assertEquals(Optional.of("server.test"), s.serverName());
        assertEquals(Optional.of("wk/1"), s.applicationProtocol(), "the server's preference wins");
        assertEquals(Optional.of("wk/1"), c.applicationProtocol());
    }

    @Test
    void dataFlowsBothWaysAfterTheHandshake() throws Exception {
        Pair p = pair(client().build(), server().build()).handshake();
        p.client.engine.send(ByteBuffer.wrap("ping".getBytes()));
        p.pump();
        assertEquals("ping", p.server.application.toString());
        p.server.engine.send(ByteBuffer.wrap("pong".getBytes()));
        p.pump();
        assertEquals("pong", p.client.application.toString());
    }

    @Test
    void ciphertextInRandomChunksYieldsTheSamePlaintext() {
        Property.named("plaintext(chunks(ciphertext(messages))) == messages")
                .trials(60)
                .check(Generators.lists(Generators.bytes(40_000), 8), messages -> {
                    for (Chunking chunking : new Chunking[] {Chunking.RANDOM, Chunking.ALL_AT_ONCE}) {
                        Pair p = pair(client().build(), server().build()).handshake();
                        ByteArrayOutputStream sent = new ByteArrayOutputStream();
                        for (byte[] m : messages) {
                            p.client.engine.send(ByteBuffer.wrap(m));
                            sent.writeBytes(m);
                        }
                        byte[] ciphertext = p.client.drainNetwork();
                        for (ByteBuffer piece : chunking.split(ciphertext, new SplittableRandom(ciphertext.length))) {
                            p.server.engine.receive(piece);
                        }
                        assertArrayEquals(sent.toByteArray(), p.server.application.toByteArray(), chunking.name());
                    }
                });
    }

    @Test
    void theHandshakeSurvivesOneByteAtATime() throws Exception {
        Pair p = pair(client().build(), server().build());
        p.server.engine.start();
        p.client.engine.start();
        for (int round = 0; round < 10 && !(p.client.isEstablished() && p.server.isEstablished()); round++) {
            for (ByteBuffer b : Chunking.ONE_BYTE.split(p.client.drainNetwork(), new SplittableRandom(1))) {
                p.server.engine.receive(b);
            }
            for (ByteBuffer b : Chunking.ONE_BYTE.split(p.server.drainNetwork(), new SplittableRandom(2))) {
                p.client.engine.receive(b);
            }
        }
        assertTrue(p.client.isEstablished() && p.server.isEstablished());
        p.server.engine.send(ByteBuffer.wrap(new byte[] {42}));
        for (ByteBuffer b : Chunking.ONE_BYTE.split(p.server.drainNetwork(), new SplittableRandom(3))) {
            p.client.engine.receive(b);
        }
        assertArrayEquals(new byte[] {42}, p.client.application.toByteArray());
    }

    @Test
    void halfCloseKeepsTheOtherDirectionOpen() throws Exception {
        Pair p = pair(client().build(), server().build()).handshake();
        p.client.engine.send(ByteBuffer.wrap("last words".getBytes()));
        p.client.engine.closeOutbound();
        p.pump();
        assertEquals("last words", p.server.application.toString());
        assertTrue(p.server.endOfInput, "close_notify ends the server's input");
        assertFalse(p.client.endOfInput);
        p.server.engine.send(ByteBuffer.wrap("reply after your close".getBytes()));
        p.pump();
        assertEquals("reply after your close", p.client.application.toString());
        p.server.engine.closeOutbound();
        p.pump();
        assertTrue(p.client.endOfInput);
        assertThrows(java.io.IOException.class, () -> p.client.engine.send(ByteBuffer.wrap(new byte[1])));
    }

    @Test
    void largeWritesAreCutIntoRecords() throws Exception {
        Pair p = pair(client().build(), server().build()).handshake();
        byte[] big = new byte[300_000];
        new SplittableRandom(7).nextBytes(big);
        p.server.engine.send(ByteBuffer.wrap(big));
        p.pump();
        assertArrayEquals(big, p.client.application.toByteArray());
    }

    @Test
    void noCommonApplicationProtocolIsTypedOnBothSides() {
        Pair p = pair(
                client().applicationProtocols("wk/9").build(),
                server().applicationProtocols("wk/1").build());
        TlsException e = assertThrows(TlsException.class, p::handshake);
        assertEquals(TlsFailure.NO_COMMON_APPLICATION_PROTOCOL, e.failure());
        assertInstanceOf(NegotiationException.class, e, "raised by the server, which decides");
        TlsException onClient = assertThrows(TlsException.class, () -> p.client.receive(p.server.drainNetwork()));
        assertEquals(TlsFailure.NO_COMMON_APPLICATION_PROTOCOL, onClient.failure());
        assertInstanceOf(PeerAlertException.class, onClient);
    }

    @Test
    void anEngineThatFailedIgnoresLaterInput() throws Exception {
        Pair p = pair(client().build(), server().build());
        p.server.engine.start();
        TlsException e = assertThrows(TlsException.class, () -> p.server.receive("not tls at all".getBytes()));
        assertEquals(TlsFailure.NOT_TLS, e.failure());
        p.server.receive(new byte[] {22, 3, 3, 0, 5, 1, 2, 3, 4, 5}); // silently dropped
        assertTrue(p.server.application.size() == 0);
        assertEquals(List.of(), p.server.failures);
    }
}
