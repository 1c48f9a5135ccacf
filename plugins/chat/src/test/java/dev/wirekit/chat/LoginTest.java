package dev.wirekit.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Accounts and logins: SASL PLAIN, PASS, required login, reserved nicks, in-band REGISTER, throttling. */
class LoginTest {
    private static final char[] PASSWORD = "correct horse".toCharArray();

    private static ChatServerConfig.Builder plaintextLogins() {
        return ChatFixture.config().allowPlaintextLogin(true);
    }

    static String plain(String account, String password) {
        return Base64.getEncoder().encodeToString(("\0" + account + "\0" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** Starts capability negotiation, as clients do before NICK and USER: registration waits for CAP END. */
    static void capLs(IrcTestClient c) throws Exception {
        c.send("CAP LS 302");
        c.expect("CAP");
    }

    /** CAP REQ sasl, AUTHENTICATE PLAIN with these credentials; returns the numeric that ended it. */
    static IrcMessage saslPlain(IrcTestClient c, String account, String password) throws Exception {
        c.send("CAP REQ :sasl");
        assertEquals("ACK", c.expect("CAP").param(1));
        c.send("AUTHENTICATE PLAIN");
        assertEquals("+", c.expect("AUTHENTICATE").param(0));
        c.send("AUTHENTICATE " + plain(account, password));
        return c.expectAny("903", "904");
    }

    @ParameterizedTest
    @ValueSource(strings = {"blocking", "nio"})
    void saslPlainLogsInBeforeTheWelcome(String transport) throws Exception {
        try (ChatFixture f = ChatFixture.start(transport, plaintextLogins().build())) {
            f.chat.accounts().add("alice", PASSWORD);
            try (IrcTestClient c = f.raw()) {
                capLs(c);
                c.send("NICK alice");
                c.send("USER alice 0 * :Alice");
                IrcMessage done = saslPlain(c, "Alice", "correct horse");
                assertEquals("903", done.command());
                IrcMessage loggedIn = c.seen.stream()
                        .filter(m -> m.command().equals("900"))
                        .findFirst()
                        .orElseThrow();
                assertEquals(
                        List.of("alice", "alice!alice@127.0.0.1", "alice"),
                        loggedIn.params().subList(0, 3));
                c.send("CAP END");
                c.expect("001");
                c.send("WHOIS alice");
                assertEquals("alice", c.expect("330").param(2), "WHOIS shows the account");
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"blocking", "nio"})
    void aWrongPasswordFailsAndTheClientMayRetry(String transport) throws Exception {
        try (ChatFixture f = ChatFixture.start(transport, plaintextLogins().build())) {
            f.chat.accounts().add("alice", PASSWORD);
            try (IrcTestClient c = f.raw()) {
                capLs(c);
                c.send("NICK alice");
                c.send("USER alice 0 * :Alice");
                IrcMessage failed = saslPlain(c, "alice", "wrong horse");
                assertEquals("904", failed.command());
                c.send("AUTHENTICATE PLAIN");
                c.expect("AUTHENTICATE");
                c.send("AUTHENTICATE " + plain("alice", "correct horse"));
                assertEquals("903", c.expectAny("903", "904").command());
                c.send("AUTHENTICATE PLAIN");
                assertEquals("907", c.expect("907").command(), "already logged in");
                c.send("CAP END");
                c.expect("001");
            }
            try (IrcTestClient nobody = f.raw()) {
                capLs(nobody);
                nobody.send("NICK ghost");
                assertEquals("904", saslPlain(nobody, "ghost", "anything").command(), "no such account: the same 904");
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"blocking", "nio"})
    void passwordsNeedTlsUnlessAllowed(String transport) throws Exception {
        try (ChatFixture f = ChatFixture.start(transport, ChatFixture.config().build())) {
            f.chat.accounts().add("alice", PASSWORD);
            try (IrcTestClient c = f.raw()) {
                c.send("CAP LS 302");
                assertFalse(c.expect("CAP").last().contains("sasl"), "SASL is not offered on plaintext");
                c.send("CAP REQ sasl");
                assertEquals("NAK", c.expect("CAP").param(1));
                c.send("PASS correct horse");
                c.send("NICK alice");
                c.send("USER alice 0 * :Alice");
                c.send("CAP END");
                assertTrue(c.expect("464").last().contains("TLS"), "PASS is refused too, saying why");
                assertEquals("ERROR", c.readToEnd().getLast().command());
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"blocking", "nio"})
    void passLogsInAndABadPassDisconnects(String transport) throws Exception {
        try (ChatFixture f = ChatFixture.start(transport, plaintextLogins().build())) {
            f.chat.accounts().add("alice", PASSWORD);
            try (IrcTestClient c = f.raw()) {
                c.send("PASS :correct horse");
                c.register("alice");
                assertTrue(c.seen.stream().anyMatch(m -> m.command().equals("900")), "logged in: " + c.seen);
            }
            try (IrcTestClient c = f.raw()) {
                c.send("PASS :alice:correct horse");
                c.register("someone");
                assertEquals(
                        "alice",
                        c.seen.stream()
                                .filter(m -> m.command().equals("900"))
                                .findFirst()
                                .orElseThrow()
                                .param(2));
            }
            try (IrcTestClient c = f.raw()) {
                c.send("PASS :wrong horse");
                c.send("NICK alice");
                c.send("USER alice 0 * :Alice");
                assertEquals("Invalid account name or password", c.expect("464").last());
                assertTrue(c.readToEnd().getLast().last().contains("Bad password"));
            }
            try (IrcTestClient c = f.raw()) {
                c.send("PASS :a bouncer password");
                c.register("unregistered");
                assertTrue(
                        c.seen.stream().noneMatch(m -> m.command().equals("900")), "a PASS for no account is ignored");
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"blocking", "nio"})
    void registeredNicksAreReservedAndLoginCanBeRequired(String transport) throws Exception {
        try (ChatFixture f = ChatFixture.start(transport, plaintextLogins().build())) {
            f.chat.accounts().add("alice", PASSWORD);
            try (IrcTestClient impostor = f.raw()) {
                impostor.send("NICK alice");
                impostor.send("USER x 0 * :X");
                assertTrue(impostor.expect("433").last().contains("registered"));
                impostor.send("NICK notalice");
                impostor.expect("001");
                impostor.send("NICK Alice");
                assertTrue(impostor.expect("433").last().contains("registered"));
            }
        }
        try (ChatFixture f = ChatFixture.start(
                transport, plaintextLogins().requireLogin(true).build())) {
            f.chat.accounts().add("alice", PASSWORD);
            try (IrcTestClient anonymous = f.raw()) {
                anonymous.send("NICK guest");
                anonymous.send("USER guest 0 * :Guest");
                assertTrue(anonymous.expect("464").last().contains("log in"));
                assertTrue(anonymous.readToEnd().getLast().last().contains("Login required"));
            }
            try (IrcTestClient member = f.raw()) {
                capLs(member);
                member.send("NICK alice");
                member.send("USER alice 0 * :Alice");
                assertEquals("903", saslPlain(member, "alice", "correct horse").command());
                member.send("CAP END");
                member.expect("001");
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"blocking", "nio"})
    void inBandRegistration(String transport) throws Exception {
        try (ChatFixture f = ChatFixture.start(transport, ChatFixture.config().build());
                IrcTestClient c = f.client("newbie")) {
            c.send("REGISTER * * :long enough");
            assertEquals("REGISTER", c.expect("421").param(1), "off unless allowed");
        }
        try (ChatFixture f = ChatFixture.start(
                transport, plaintextLogins().allowRegistration(true).build())) {
            try (IrcTestClient c = f.raw()) {
                c.send("CAP LS 302");
                assertTrue(c.expect("CAP").last().contains("draft/account-registration=before-connect"));
                c.send("CAP END");
                c.register("newbie");
                c.send("REGISTER * * :short");
                assertEquals(
                        List.of("REGISTER", "WEAK_PASSWORD"),
                        c.expect("FAIL").params().subList(0, 2));
                c.send("REGISTER other * :long enough");
                assertEquals("ACCOUNT_NAME_MUST_BE_NICK", c.expect("FAIL").param(1));
                c.send("REGISTER * * :long enough");
                IrcMessage ok = c.expect("REGISTER");
                assertEquals(List.of("SUCCESS", "newbie"), ok.params().subList(0, 2));
                assertEquals("newbie", c.expect("900").param(2));
                c.send("REGISTER * * :long enough");
                assertEquals("ALREADY_AUTHENTICATED", c.expect("FAIL").param(1));
            }
            assertTrue(f.chat.accounts().exists("newbie"));
            try (IrcTestClient again = f.raw()) {
                capLs(again);
                again.send("NICK newbie");
                again.send("USER n 0 * :N");
                assertEquals("903", saslPlain(again, "newbie", "long enough").command());
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"blocking", "nio"})
    void failedLoginsBackOffForAShortWhileOnly(String transport) throws Exception {
        ManualClock clock = new ManualClock();
        ChatServerConfig config = plaintextLogins()
                .clock(clock)
                .loginFreeFailures(2)
                .accountBackoffMax(Duration.ofSeconds(10))
                .build();
        try (ChatFixture f = ChatFixture.start(transport, config)) {
            f.chat.accounts().add("alice", PASSWORD);
            try (IrcTestClient c = f.raw()) {
                capLs(c);
                c.send("NICK alice");
                assertEquals("904", saslPlain(c, "alice", "guess 1").command());
                for (int i = 2; i <= 4; i++) {
                    c.send("AUTHENTICATE PLAIN");
                    c.expect("AUTHENTICATE");
                    c.send("AUTHENTICATE " + plain("alice", "guess " + i));
                    c.expect("904");
                }
                c.send("AUTHENTICATE PLAIN");
                c.expect("AUTHENTICATE");
                c.send("AUTHENTICATE " + plain("alice", "correct horse"));
                IrcMessage throttled = c.expect("904");
                assertTrue(throttled.last().contains("try again in"), "even the right password waits: " + throttled);
                clock.advance(Duration.ofMinutes(16));
                c.send("AUTHENTICATE PLAIN");
                c.expect("AUTHENTICATE");
                c.send("AUTHENTICATE " + plain("alice", "correct horse"));
                assertEquals("903", c.expectAny("903", "904").command(), "the back-off ends");
            }
        }
    }
}
