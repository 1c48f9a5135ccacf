package dev.wirekit.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wirekit.api.TransportOptions;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Bad peers on a TLS listener: plaintext IRC or noise sent to the TLS port, a handshake never
 * finished, a SASL exchange dropped half-way, and a TLS client that stops reading. Each is cut off on
 * its own; the users on the TLS and the plaintext listener carry on.
 */
class TlsBadInputTest {
    private static ChatPki pki;

    @BeforeAll
    static void pki() {
        pki = ChatPki.create();
    }

    private static InetSocketAddress listenTls(ChatFixture f, TransportOptions options) throws IOException {
        return f.chat.listen(f.transport, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), options)
                .localAddress();
    }

    /** alice (TLS) talks in #room; bob (plaintext) still hears her. */
    private static void stillTalking(IrcTestClient alice, IrcTestClient bob, String text) throws IOException {
        alice.send("PRIVMSG #room :" + text);
        assertEquals(text, bob.expect("PRIVMSG").last());
        bob.send("PRIVMSG #room :re: " + text);
        assertEquals("re: " + text, alice.expect("PRIVMSG").last());
    }

    @ParameterizedTest
    @ValueSource(strings = {"blocking", "nio"})
    void plaintextNoiseAndStalledHandshakesOnTheTlsPortHurtNobody(String transport) throws Exception {
        ChatServerConfig config = ChatFixture.config().build();
        TransportOptions tlsOptions = pki.serverOptions().toBuilder()
                .handshakeTimeout(Duration.ofMillis(500))
                .build();
        try (ChatFixture f = ChatFixture.start(transport, config)) {
            f.chat.accounts().add("carol", "correct horse".toCharArray());
            InetSocketAddress tls = listenTls(f, tlsOptions);
            try (IrcTestClient alice = IrcTestClient.connect(f.transport, tls, pki.clientOptions());
                    IrcTestClient bob = f.client("bob")) {
                alice.register("alice");
                for (IrcTestClient c : List.of(alice, bob)) {
                    c.send("JOIN #room");
                    c.expect("366");
                }

                // An IRC client that forgot --tls: no IRC reply, the connection is closed.
                try (RawIrc plaintext = new RawIrc(f.transport, tls)) {
                    plaintext.write("NICK oops\r\nUSER oops 0 * :Oops\r\n");
                    String answer = plaintext.readToEnd();
                    assertTrue(
                            !answer.contains("NOTICE") && !answer.contains("001"),
                            "the TLS port does not speak plaintext IRC: " + answer);
                }
                // Noise instead of a ClientHello.
                try (RawIrc noisy = new RawIrc(f.transport, tls)) {
                    byte[] noise = new byte[16 * 1024];
                    new java.util.Random(7).nextBytes(noise);
                    noisy.write(noise);
                    noisy.readToEnd(); // closed: that connection only
                }
                // A peer that connects and never says anything: the handshake times out.
                try (RawIrc silent = new RawIrc(f.transport, tls)) {
                    assertEquals("", silent.readToEnd(), "a stalled handshake is closed by the handshake timeout");
                }
                // A SASL exchange over TLS dropped half-way.
                try (IrcTestClient carol = IrcTestClient.connect(f.transport, tls, pki.clientOptions())) {
                    carol.send("CAP REQ :sasl");
                    carol.expect("CAP");
                    carol.send("AUTHENTICATE PLAIN");
                    carol.expect("AUTHENTICATE");
                    carol.send("AUTHENTICATE " + "Q".repeat(400)); // more should follow; it never does
                }
                stillTalking(alice, bob, "unaffected");
                assertEquals(2, f.chat.users());
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"blocking", "nio"})
    void aSlowTlsReaderIsDisconnectedWhileTheOthersCarryOn(String transport) throws Exception {
        ChatServerConfig config = ChatFixture.config()
                .sendQueueBytes(8192)
                .floodBurst(10_000)
                .floodRate(10_000)
                .build();
        TransportOptions serverTls =
                pki.serverOptions().toBuilder().sendBufferSize(4096).build();
        TransportOptions slowClient = pki.clientOptions().toBuilder()
                .receiveBufferSize(4096)
                .maxInboundBytes(4096)
                .build();
        try (ChatFixture f = ChatFixture.start(transport, config)) {
            InetSocketAddress tls = listenTls(f, serverTls);
            try (IrcTestClient alice = IrcTestClient.connect(f.transport, tls, pki.clientOptions());
                    IrcTestClient bob = f.client("bob");
                    IrcTestClient slow = IrcTestClient.connect(f.transport, tls, slowClient)) {
                alice.register("alice");
                slow.register("slow");
                for (IrcTestClient c : List.of(alice, bob, slow)) {
                    c.send("JOIN #room");
                    c.expect("366");
                }
                // Lockstep, as in SlowConsumerTest: only the reader that stopped reading can overflow.
                String padding = "z".repeat(380);
                IrcMessage quit = null;
                int sent = 0;
                while (quit == null && sent < 2000) {
                    alice.send("PRIVMSG #room :" + sent + " " + padding);
                    IrcMessage m = bob.expectAny("PRIVMSG", "QUIT");
                    if (m.command().equals("QUIT")) {
                        quit = m;
                        m = bob.expect("PRIVMSG");
                    }
                    assertEquals(sent + " " + padding, m.last(), "bob gets every message, in order");
                    sent++;
                }
                assertTrue(quit != null, "the slow TLS reader was not disconnected after " + sent + " messages");
                assertEquals("slow", quit.sourceNick());
                assertEquals("SendQ exceeded", quit.last());
                stillTalking(alice, bob, "after the slow one left");
                assertEquals(2, f.chat.users());
            }
        }
    }
}
