package dev.wirekit.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Connection registration, CAP, nick rules, PING and QUIT, timeouts: on both transports. */
class RegistrationTest {

    @ParameterizedTest
    @ValueSource(strings = {"blocking", "nio"})
    void welcomeBurstAddressesTheNickAndAnnouncesTheRules(String transport) throws Exception {
        try (ChatFixture f = ChatFixture.start(transport, ChatFixture.config().build());
                IrcTestClient alice = f.raw()) {
            alice.send("NICK alice");
            alice.send("USER al 0 * :Alice Liddell");
            IrcMessage welcome = alice.expect("001");
            assertEquals("test.wirekit", welcome.source());
            assertEquals("alice", welcome.param(0));
            assertTrue(welcome.last().endsWith("alice!al@127.0.0.1"), welcome.last());
            for (String numeric : List.of("002", "003", "004")) {
                assertEquals("alice", alice.expect(numeric).param(0));
            }
            StringBuilder isupport = new StringBuilder();
            IrcMessage m;
            while ((m = alice.next()).command().equals("005")) {
                isupport.append(String.join(" ", m.params())).append(' ');
            }
            for (String token : List.of("CASEMAPPING=ascii", "CHANTYPES=#", "NICKLEN=30", "PREFIX=(o)@", "UTF8ONLY")) {
                assertTrue(isupport.toString().contains(token), token + " in " + isupport);
            }
            assertEquals("422", m.command(), "no MOTD configured");
            assertEquals(1, f.chat.users());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"blocking", "nio"})
    void capNegotiationHoldsRegistrationUntilCapEnd(String transport) throws Exception {
        try (ChatFixture f = ChatFixture.start(transport, ChatFixture.config().build());
                IrcTestClient c = f.raw()) {
            c.send("CAP LS 302");
            IrcMessage ls = c.expect("CAP");
            assertEquals(List.of("*", "LS"), ls.params().subList(0, 2));
            assertTrue(ls.last().contains("server-time"), ls.last());
            assertTrue(
                    !ls.last().contains("sasl"), "no SASL mechanism is usable on plaintext by default: " + ls.last());
            c.send("NICK capper");
            c.send("USER capper 0 * :Cap");
            assertTrue(c.sync().stream().noneMatch(m -> m.command().equals("001")), "registration waits for CAP END");
            c.send("CAP REQ :server-time nonsense");
            assertEquals("NAK", c.expect("CAP").param(1), "unknown capabilities are refused, all of them");
            c.send("CAP REQ :server-time echo-message");
            IrcMessage ack = c.expect("CAP");
            assertEquals(List.of("capper", "ACK", "server-time echo-message"), ack.params());
            c.send("CAP LIST");
            assertEquals("server-time echo-message", c.expect("CAP").last());
            c.send("CAP END");
            IrcMessage welcome = c.expect("001");
            assertTrue(welcome.tags().containsKey("time"), "server-time stamps what follows: " + welcome);
            c.send("CAP FOO");
            assertEquals("FOO", c.expect("410").param(1));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"blocking", "nio"})
    void nickRulesAndCollisions(String transport) throws Exception {
        try (ChatFixture f = ChatFixture.start(transport, ChatFixture.config().build());
                IrcTestClient alice = f.client("Alice");
                IrcTestClient second = f.raw()) {
            second.send("NICK");
            assertEquals("431", second.expect("431").command());
            second.send("NICK 9lives");
            assertEquals("9lives", second.expect("432").param(1));
            second.send("NICK " + "n".repeat(31));
            second.expect("432");
            second.send("NICK aLiCe");
            IrcMessage inUse = second.expect("433");
            assertEquals(List.of("*", "aLiCe"), inUse.params().subList(0, 2), "nicks compare case-insensitively");
            second.send("USER x 0 * :X");
            second.send("NICK alice_");
            assertEquals("alice_", second.expect("001").param(0));

            second.send("NICK Alice");
            assertEquals("433", second.expect("433").command(), "a registered client cannot take a used nick either");
            alice.send("JOIN #room");
            alice.expect("366");
            second.send("JOIN #room");
            alice.expect(m -> m.command().equals("JOIN") && "alice_".equals(m.sourceNick()), "alice_ joining");
            second.send("NICK zed");
            IrcMessage change = alice.expect("NICK");
            assertEquals("alice_!x@127.0.0.1", change.source());
            assertEquals("zed", change.param(0));
            assertEquals("zed", second.expect("NICK").param(0), "the changer is told too");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"blocking", "nio"})
    void commandsBeforeRegistrationAndUnknownCommands(String transport) throws Exception {
        try (ChatFixture f = ChatFixture.start(transport, ChatFixture.config().build());
                IrcTestClient c = f.raw()) {
            c.send("JOIN #early");
            assertEquals("You have not registered", c.expect("451").last());
            c.send("FROBNICATE now");
            assertEquals("FROBNICATE", c.expect("421").param(1));
            c.send("USER x 0 *");
            assertEquals("USER", c.expect("461").param(1));
            c.send("PING token-1");
            IrcMessage pong = c.expect("PONG");
            assertEquals(List.of("test.wirekit", "token-1"), pong.params());
            c.register("late");
            c.send("USER again 0 * :Again");
            c.expect("462");
            c.send("FROBNICATE");
            c.expect("421");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"blocking", "nio"})
    void quitSaysGoodbyeAndTellsTheChannel(String transport) throws Exception {
        try (ChatFixture f = ChatFixture.start(transport, ChatFixture.config().build());
                IrcTestClient alice = f.client("alice");
                IrcTestClient bob = f.client("bob")) {
            alice.send("JOIN #room");
            alice.expect("366");
            bob.send("JOIN #room");
            bob.expect("366");
            bob.send("QUIT :see you");
            List<IrcMessage> last = bob.readToEnd();
            assertEquals("ERROR", last.get(last.size() - 1).command(), "the quitter gets an ERROR line: " + last);
            IrcMessage quit = alice.expect("QUIT");
            assertEquals("bob", quit.sourceNick());
            assertEquals("Quit: see you", quit.last());
            alice.send("NAMES #room");
            assertEquals("@alice", alice.expect("353").last(), "bob is gone");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"blocking", "nio"})
    void registrationAndPingTimeouts(String transport) throws Exception {
        ManualClock clock = new ManualClock();
        ChatServerConfig config = ChatFixture.config()
                .clock(clock)
                .registrationTimeout(Duration.ofSeconds(30))
                .pingInterval(Duration.ofSeconds(60))
                .pingTimeout(Duration.ofSeconds(20))
                .build();
        try (ChatFixture f = ChatFixture.start(transport, config);
                IrcTestClient lingerer = f.raw();
                IrcTestClient quiet = f.client("quiet");
                IrcTestClient answers = f.client("answers")) {
            lingerer.send("NICK lingerer");
            lingerer.sync();
            clock.advance(Duration.ofSeconds(31));
            f.chat.sweep();
            List<IrcMessage> end = lingerer.readToEnd();
            assertTrue(end.get(end.size() - 1).last().contains("Registration timed out"), end.toString());

            clock.advance(Duration.ofSeconds(61));
            f.chat.sweep();
            assertEquals("test.wirekit", quiet.expect("PING").param(0));
            assertEquals("test.wirekit", answers.expect("PING").param(0));
            answers.send("PONG test.wirekit");
            answers.sync();
            clock.advance(Duration.ofSeconds(21));
            f.chat.sweep();
            List<IrcMessage> dropped = quiet.readToEnd();
            assertTrue(dropped.get(dropped.size() - 1).last().contains("Ping timeout"), dropped.toString());
            answers.send("PING still-here");
            assertEquals("still-here", answers.expect("PONG").last());
        }
    }
}
