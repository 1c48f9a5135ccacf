package dev.wirekit.chat;

import static dev.wirekit.chat.LoginTest.capLs;
import static dev.wirekit.chat.LoginTest.saslPlain;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Messages to registered accounts that are offline: kept, bounded, persisted, delivered at login. */
class OfflineMessageTest {
    private static final char[] PASSWORD = "correct horse".toCharArray();

    /** Logs in as {@code account} with SASL and server-time, and registers. */
    static IrcTestClient login(ChatFixture f, String account) throws Exception {
        IrcTestClient c = f.raw();
        capLs(c);
        c.send("CAP REQ server-time");
        c.expect("CAP");
        c.send("NICK " + account);
        c.send("USER " + account + " 0 * :" + account);
        assertEquals("903", saslPlain(c, account, "correct horse").command());
        c.send("CAP END");
        c.expect("001");
        return c;
    }

    @ParameterizedTest
    @ValueSource(strings = {"blocking", "nio"})
    void queuedWhileOfflineAndDeliveredAtTheNextLogin(String transport) throws Exception {
        try (ChatFixture f = ChatFixture.start(
                transport, ChatFixture.config().allowPlaintextLogin(true).build())) {
            f.chat.accounts().add("bob", PASSWORD);
            try (IrcTestClient alice = f.client("alice")) {
                alice.send("PRIVMSG bob :are you there?");
                IrcMessage queued = alice.expect("NOTE");
                assertEquals(
                        List.of("PRIVMSG", "QUEUED", "bob"), queued.params().subList(0, 3));
                alice.send("PRIVMSG bob :call me");
                alice.expect("NOTE");
                alice.send("NOTICE bob :a notice, kept without a reply");
                assertTrue(alice.sync().isEmpty());

                try (IrcTestClient bob = login(f, "bob")) {
                    IrcMessage intro = bob.expect("NOTICE");
                    assertTrue(intro.last().startsWith("3 messages arrived while you were away"), intro.last());
                    IrcMessage first = bob.expect("PRIVMSG");
                    assertEquals("alice!alice@127.0.0.1", first.source());
                    assertEquals(List.of("bob", "are you there?"), first.params());
                    assertTrue(first.tags().containsKey("time"), "the original time rides along: " + first);
                    assertEquals("call me", bob.expect("PRIVMSG").last());
                    assertEquals(
                            "a notice, kept without a reply",
                            bob.expect("NOTICE").last());

                    IrcMessage delivered = alice.expect("NOTE");
                    assertEquals(
                            List.of("PRIVMSG", "DELIVERED", "bob"),
                            delivered.params().subList(0, 3));
                    assertTrue(delivered.last().contains("2 queued messages"), delivered.last());
                    bob.send("QUIT");
                    bob.readToEnd();
                }
                try (IrcTestClient bob = login(f, "bob")) {
                    assertTrue(
                            bob.sync().stream().noneMatch(m -> m.command().equals("PRIVMSG")), "delivered once only");
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"blocking", "nio"})
    void theMailboxIsBoundedAndRefusalsAreReported(String transport) throws Exception {
        try (ChatFixture f = ChatFixture.start(
                transport, ChatFixture.config().maxOfflineMessages(2).build())) {
            f.chat.accounts().add("bob", PASSWORD);
            try (IrcTestClient alice = f.client("alice");
                    IrcTestClient carol = f.client("carol");
                    IrcTestClient dave = f.client("dave")) {
                alice.send("PRIVMSG bob :one");
                assertEquals("QUEUED", alice.expect("NOTE").param(1));
                alice.send("PRIVMSG bob :two");
                assertEquals("SENDER_LIMIT", alice.expect("FAIL").param(1), "one sender fills at most half");
                carol.send("PRIVMSG bob :three");
                assertEquals("QUEUED", carol.expect("NOTE").param(1));
                dave.send("PRIVMSG bob :four");
                IrcMessage full = dave.expect("FAIL");
                assertEquals(
                        List.of("PRIVMSG", "MAILBOX_FULL", "bob"), full.params().subList(0, 3));
                dave.send("PRIVMSG nobody :five");
                assertEquals("401", dave.expect("401").command(), "not an account: no such nick");
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"blocking", "nio"})
    void accountsAndQueuedMessagesSurviveARestart(String transport, @TempDir Path dir) throws Exception {
        Path accounts = dir.resolve("accounts.txt");
        ChatServerConfig config = ChatFixture.config()
                .allowPlaintextLogin(true)
                .accountsFile(accounts)
                .build();
        try (ChatFixture f = ChatFixture.start(transport, config)) {
            f.chat.accounts().add("bob", PASSWORD);
            try (IrcTestClient alice = f.client("alice")) {
                alice.send("PRIVMSG bob :before the restart");
                alice.expect("NOTE");
            }
        }
        assertTrue(
                Files.readString(accounts).contains("$argon2id$v=19$m=19456,t=2,p=1$"), "an Argon2id hash is stored");
        assertTrue(!Files.readString(accounts).contains("correct horse"), "never the password");
        try (ChatFixture f = ChatFixture.start(transport, config);
                IrcTestClient bob = login(f, "bob")) {
            bob.expect("NOTICE");
            assertEquals("before the restart", bob.expect("PRIVMSG").last());
        }
        try (var files = Files.list(dir.resolve("accounts.txt.offline"))) {
            assertEquals(0, files.count(), "a delivered mailbox leaves no file behind");
        }
    }
}
