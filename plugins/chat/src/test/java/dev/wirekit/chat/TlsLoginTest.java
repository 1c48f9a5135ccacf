package dev.wirekit.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wirekit.api.SessionClosedException;
import dev.wirekit.api.TransportOptions;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Logins over TLS, end to end on both transports: SASL PLAIN (offered over TLS, refused on the same
 * server's plaintext listener), SASL EXTERNAL with a client certificate registered to an account,
 * PASS, and the {@link ChatClient} API. One server listens twice (plaintext and TLS) and both
 * listeners share one network.
 */
class TlsLoginTest {
    private static final char[] PASSWORD = "correct horse".toCharArray();
    private static ChatPki pki;

    @BeforeAll
    static void pki() {
        pki = ChatPki.create();
    }

    /** A server with default login policy (passwords need TLS) on a plaintext and a TLS listener. */
    private static final class TwoListeners implements AutoCloseable {
        final ChatFixture plain;
        final InetSocketAddress tls;

        TwoListeners(String transport, ChatServerConfig config) throws IOException {
            plain = ChatFixture.start(transport, config);
            try {
                tls = plain.chat
                        .listen(
                                plain.transport,
                                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                                pki.serverOptions())
                        .localAddress();
            } catch (IOException | RuntimeException e) {
                plain.close();
                throw e;
            }
        }

        IrcTestClient tlsClient(ChatPki.Issued certificate) throws IOException {
            return IrcTestClient.connect(plain.transport, tls, pki.clientOptions(certificate));
        }

        ChatClient.Builder chatClient(String nick, TransportOptions options) {
            return ChatClient.builder(plain.transport, tls).options(options).nick(nick);
        }

        @Override
        public void close() {
            plain.close();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"blocking", "nio"})
    void saslPlainWorksOverTlsAndIsRefusedOnPlaintext(String transport) throws Exception {
        try (TwoListeners s = new TwoListeners(transport, ChatFixture.config().build());
                IrcTestClient bob = s.plain.client("bob")) {
            s.plain.chat.accounts().add("alice", PASSWORD);
            bob.send("JOIN #room");
            bob.expect("366");

            try (IrcTestClient alice = s.tlsClient(null)) {
                alice.send("CAP LS 302");
                assertTrue(alice.expect("CAP").last().contains("sasl=PLAIN,EXTERNAL"), "both offered over TLS");
                alice.send("NICK alice");
                alice.send("USER alice 0 * :Alice");
                assertEquals(
                        "903",
                        LoginTest.saslPlain(alice, "alice", "correct horse").command());
                alice.send("CAP END");
                alice.expect("001");
                alice.send("JOIN #room");
                alice.expect("366");
                assertEquals("alice", bob.expect("JOIN").sourceNick(), "TLS and plaintext share one network");
                alice.send("PRIVMSG #room :hello over TLS");
                assertEquals("hello over TLS", bob.expect("PRIVMSG").last());

                bob.send("WHOIS alice");
                List<IrcMessage> whois = bob.sync();
                assertTrue(whois.stream().anyMatch(m -> m.command().equals("671")), "671 secure: " + whois);
                assertTrue(whois.stream().anyMatch(m -> m.command().equals("330")), "330 account: " + whois);
                alice.send("WHOIS bob");
                assertFalse(alice.sync().stream().anyMatch(m -> m.command().equals("671")), "bob is not on TLS");
            }

            // The same account over the plaintext listener: SASL is not offered, and forcing it fails.
            try (IrcTestClient c = s.plain.raw()) {
                c.send("CAP LS 302");
                assertFalse(c.expect("CAP").last().contains("sasl"), "no SASL on plaintext");
                c.send("CAP REQ :sasl");
                assertEquals("NAK", c.expect("CAP").param(1));
                c.send("AUTHENTICATE PLAIN");
                assertEquals("904", c.expect("904").command());
                c.send("CAP END");
                c.register("alice2");
                assertTrue(c.seen.stream().noneMatch(m -> m.command().equals("900")), "not logged in");
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"blocking", "nio"})
    void saslExternalLogsInWithARegisteredClientCertificate(String transport) throws Exception {
        ChatPki.Issued carols = pki.client("carol");
        ChatPki.Issued strangers = pki.client("stranger");
        try (TwoListeners s = new TwoListeners(transport, ChatFixture.config().build())) {
            s.plain.chat.accounts().add("Carol", PASSWORD);
            s.plain.chat.accounts().addCertificate("carol", AccountStore.fingerprint(carols.certificate()));

            try (IrcTestClient c = s.tlsClient(carols)) {
                c.send("CAP LS 302");
                c.expect("CAP");
                c.send("CAP REQ :sasl");
                c.expect("CAP");
                c.send("NICK carol");
                c.send("USER carol 0 * :Carol");
                c.send("AUTHENTICATE EXTERNAL");
                assertEquals("+", c.expect("AUTHENTICATE").param(0));
                c.send("AUTHENTICATE +");
                assertEquals("903", c.expectAny("903", "904").command());
                IrcMessage loggedIn = c.seen.stream()
                        .filter(m -> m.command().equals("900"))
                        .findFirst()
                        .orElseThrow();
                assertEquals("Carol", loggedIn.param(2), "the account's registered name");
                c.send("CAP END");
                c.expect("001");
            }

            // A trusted certificate that no account lists, and a TLS connection with no certificate.
            for (ChatPki.Issued certificate : new ChatPki.Issued[] {strangers, null}) {
                try (IrcTestClient c = s.tlsClient(certificate)) {
                    c.send("CAP REQ :sasl");
                    c.expect("CAP");
                    c.send("AUTHENTICATE EXTERNAL");
                    c.expect("AUTHENTICATE");
                    c.send("AUTHENTICATE +");
                    IrcMessage failed = c.expectAny("903", "904");
                    assertEquals("904", failed.command());
                    assertTrue(
                            failed.last()
                                    .contains(
                                            certificate == null ? "needs a TLS client certificate" : "not registered"),
                            failed.last());
                    c.send("CAP END");
                    c.register(certificate == null ? "nocert" : "stranger");
                    assertTrue(c.seen.stream().noneMatch(m -> m.command().equals("900")));
                }
            }

            // A certificate from an authority the server does not trust is refused by TLS itself. In TLS
            // 1.3 the client may finish its side of the handshake first, so the refusal can surface on
            // connect, on the first send, or on the first read: a closed session, with the reason.
            Exception refused = assertThrows(Exception.class, () -> {
                try (IrcTestClient c = s.tlsClient(ChatPki.untrustedClient("carol"))) {
                    c.send("PING x");
                    c.expect("PONG");
                }
            });
            assertTrue(
                    refused instanceof IOException || refused instanceof SessionClosedException,
                    "refused as a closed connection: " + refused);
            StringBuilder reasons = new StringBuilder();
            for (Throwable t = refused; t != null; t = t.getCause()) {
                reasons.append(t.getMessage()).append(" | ");
            }
            // On the read side the reason is the alert (unknown_ca); on the send side only that TLS failed.
            assertTrue(
                    reasons.toString().contains("certificate")
                            || reasons.toString().contains("unknown_ca")
                            || reasons.toString().contains("TLS connection has failed"),
                    "says why: " + reasons);

            // EXTERNAL is not available without TLS at all.
            try (IrcTestClient c = s.plain.raw()) {
                c.send("CAP REQ :sasl");
                c.expect("CAP");
                c.send("AUTHENTICATE EXTERNAL");
                assertEquals("904", c.expect("904").command());
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"blocking", "nio"})
    void passLogsInOverTls(String transport) throws Exception {
        try (TwoListeners s = new TwoListeners(transport, ChatFixture.config().build())) {
            s.plain.chat.accounts().add("alice", PASSWORD);
            try (IrcTestClient c = s.tlsClient(null)) {
                c.send("PASS :correct horse");
                c.register("alice");
                assertEquals(
                        "alice",
                        c.seen.stream()
                                .filter(m -> m.command().equals("900"))
                                .findFirst()
                                .orElseThrow(() -> new AssertionError("not logged in: " + c.seen))
                                .param(2));
            }
            try (IrcTestClient c = s.tlsClient(null)) {
                c.send("PASS :wrong horse");
                c.send("NICK alice");
                c.send("USER alice 0 * :Alice");
                assertEquals("Invalid account name or password", c.expect("464").last());
                assertEquals("ERROR", c.readToEnd().getLast().command());
            }
            // Plaintext: the same PASS is refused, saying TLS is needed.
            try (IrcTestClient c = s.plain.raw()) {
                c.send("PASS :correct horse");
                c.send("NICK alice");
                c.send("USER alice 0 * :Alice");
                assertTrue(c.expect("464").last().contains("TLS"));
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"blocking", "nio"})
    void chatClientLogsInOverTlsWithPlainAndExternal(String transport) throws Exception {
        ChatPki.Issued daves = pki.client("dave");
        try (TwoListeners s = new TwoListeners(
                transport, ChatFixture.config().requireLogin(true).build())) {
            s.plain.chat.accounts().add("alice", PASSWORD);
            s.plain.chat.accounts().add("dave", "dave's password".toCharArray());
            s.plain.chat.accounts().addCertificate("dave", AccountStore.fingerprint(daves.certificate()));
            ChatClientTest.Events toDave = new ChatClientTest.Events();
            try (ChatClient alice = s.chatClient("alice", pki.clientOptions())
                            .sasl("alice", PASSWORD)
                            .connect();
                    ChatClient dave = s.chatClient("dave", pki.clientOptions(daves))
                            .saslExternal()
                            .listener(toDave)
                            .connect()) {
                assertEquals("alice", alice.account());
                assertEquals("dave", dave.account());
                alice.message("dave", "over TLS both ways");
                assertEquals(
                        "over TLS both ways",
                        toDave.await(ChatEvent.Message.class, m -> m.from().equals("alice"))
                                .text());
            }
            // Required login, and no certificate registered for this one: refused with the reason.
            ChatException refused = assertThrows(
                    ChatException.class,
                    () -> s.chatClient("mallory", pki.clientOptions(pki.client("mallory")))
                            .saslExternal()
                            .connect());
            assertTrue(refused.getMessage().contains("not registered"), refused.getMessage());
        }
    }
    /** The certificate's registration and a message queued for its account outlive a restart. */
    @ParameterizedTest
    @ValueSource(strings = {"blocking", "nio"})
    void aCertificateLoginAndItsQueuedMailSurviveARestart(String transport, @TempDir Path dir) throws Exception {
        ChatPki.Issued erins = pki.client("erin");
        ChatServerConfig config =
                ChatFixture.config().accountsFile(dir.resolve("accounts.txt")).build();
        try (TwoListeners s = new TwoListeners(transport, config);
                IrcTestClient alice = s.plain.client("alice")) {
            s.plain.chat.accounts().add("erin", PASSWORD);
            s.plain.chat.accounts().addCertificate("erin", AccountStore.fingerprint(erins.certificate()));
            alice.send("PRIVMSG erin :before the restart");
            assertEquals("QUEUED", alice.expect("NOTE").param(1));
        }
        ChatClientTest.Events toErin = new ChatClientTest.Events();
        try (TwoListeners s = new TwoListeners(transport, config);
                ChatClient erin = s.chatClient("erin", pki.clientOptions(erins))
                        .saslExternal()
                        .listener(toErin)
                        .connect()) {
            assertEquals("erin", erin.account());
            assertEquals(
                    "before the restart",
                    toErin.await(ChatEvent.Message.class, m -> m.from().equals("alice"))
                            .text());
        }
    }
}
