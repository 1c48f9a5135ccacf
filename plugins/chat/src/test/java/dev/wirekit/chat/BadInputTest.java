package dev.wirekit.chat;

import static dev.wirekit.chat.LoginTest.capLs;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Bad input gets the right numeric or ERROR, the offender's session goes on where IRC says it should,
 * and nobody else notices: every test ends with a bystander receiving a channel message.
 */
class BadInputTest {

    /** A bystander in #room, and a way to check it still hears alice. */
    private static void bystanderStillHears(IrcTestClient alice, IrcTestClient bob, String text) throws Exception {
        alice.send("PRIVMSG #room :" + text);
        IrcMessage m = bob.expect("PRIVMSG");
        assertEquals(text, m.last(), "the bystander's view: " + bob.seen);
    }

    private static void joinRoom(IrcTestClient... clients) throws Exception {
        for (IrcTestClient c : clients) {
            c.send("JOIN #room");
            c.expect("366");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"blocking", "nio"})
    void overlongLinesAndInvalidUtf8AreAnsweredAndTheSessionGoesOn(String transport) throws Exception {
        try (ChatFixture f = ChatFixture.start(transport, ChatFixture.config().build());
                IrcTestClient alice = f.client("alice");
                IrcTestClient bob = f.client("bob");
                RawIrc mallory = new RawIrc(f.transport, f.address)) {
            joinRoom(alice, bob);
            mallory.write("NICK mallory\r\nUSER m 0 * :M\r\nJOIN #room\r\n");
            mallory.expect("366");
            bob.expect("JOIN");

            mallory.write("PRIVMSG #room :" + "x".repeat(600) + "\r\n");
            assertEquals("Input line was too long", mallory.expect("417").last());
            mallory.write("PRIVMSG #room :" + "y".repeat(50_000) + "\r\n");
            mallory.expect("417");

            ByteArrayOutputStream bad = new ByteArrayOutputStream();
            bad.writeBytes("PRIVMSG #room :".getBytes(StandardCharsets.US_ASCII));
            bad.writeBytes(new byte[] {(byte) 0xff, (byte) 0xfe, (byte) 0xc3});
            bad.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
            mallory.write(bad.toByteArray());
            IrcMessage utf8 = mallory.expect("FAIL");
            assertEquals(List.of("*", "INVALID_UTF8"), utf8.params().subList(0, 2));

            mallory.write(":only-a-prefix\r\n\r\n   \r\n@bad_tag PING x\r\n");
            assertTrue(mallory.expect("421").last().startsWith("Malformed message"));
            mallory.expect("421");
            mallory.write("PING :alive\r\n");
            assertEquals("alive", mallory.expect("PONG").last(), "the session goes on; empty lines were ignored");
            mallory.write("PRIVMSG #room :fine now\r\n");
            assertEquals("fine now", bob.expect("PRIVMSG").last(), "nothing of the bad lines reached the channel");
            bystanderStillHears(alice, bob, "still here");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"blocking", "nio"})
    void aFloodIsSlowedThenCutOff(String transport) throws Exception {
        ChatServerConfig config = ChatFixture.config()
                .clock(new ManualClock()) // tokens never refill during the test
                .floodBurst(10)
                .floodRate(1)
                .build();
        try (ChatFixture f = ChatFixture.start(transport, config);
                IrcTestClient alice = f.client("alice");
                IrcTestClient bob = f.client("bob");
                RawIrc flooder = new RawIrc(f.transport, f.address)) {
            joinRoom(alice, bob);
            StringBuilder lines = new StringBuilder("NICK flooder\r\nUSER f 0 * :F\r\nJOIN #room\r\n");
            for (int i = 0; i < 40; i++) {
                lines.append("PRIVMSG #room :flood ").append(i).append("\r\n");
            }
            flooder.write(lines.toString());
            IrcMessage slow = flooder.expect("263");
            assertEquals("PRIVMSG", slow.param(1));
            IrcMessage error = flooder.expect("ERROR");
            assertTrue(error.last().contains("Excess Flood"), error.last());
            IrcMessage quit = bob.expect("QUIT");
            assertEquals("flooder", quit.sourceNick());
            long delivered =
                    bob.seen.stream().filter(m -> m.command().equals("PRIVMSG")).count();
            assertEquals(10 - 3, delivered, "the burst minus NICK, USER and JOIN got through, in order");
            bystanderStillHears(alice, bob, "after the flood");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"blocking", "nio"})
    void aHalfFinishedSaslExchangeIsAbortedCleanly(String transport) throws Exception {
        try (ChatFixture f = ChatFixture.start(
                        transport,
                        ChatFixture.config()
                                .allowPlaintextLogin(true)
                                .floodBurst(100)
                                .build());
                IrcTestClient alice = f.client("alice");
                IrcTestClient bob = f.client("bob")) {
            f.chat.accounts().add("carol", "correct horse".toCharArray());
            joinRoom(alice, bob);
            try (IrcTestClient carol = f.raw()) {
                capLs(carol);
                carol.send("CAP REQ sasl");
                carol.expect("CAP");
                carol.send("NICK carol2");
                carol.send("USER c 0 * :C");
                carol.send("AUTHENTICATE PLAIN");
                carol.expect("AUTHENTICATE");
                carol.send("AUTHENTICATE " + "A".repeat(400)); // a first chunk: more should follow
                carol.send("CAP END");
                assertEquals("906", carol.expect("906").command(), "abandoned at CAP END, and said so");
                assertEquals("carol2", carol.expect("001").param(0), "registration goes on without login");
                carol.send("AUTHENTICATE FOO");
                assertEquals("PLAIN", carol.expect("908").param(1));
                carol.expect("904");
                carol.send("AUTHENTICATE PLAIN");
                carol.expect("AUTHENTICATE");
                for (int i = 0; i < 11; i++) {
                    carol.send("AUTHENTICATE " + "B".repeat(400));
                }
                carol.expect("905");
                carol.send("AUTHENTICATE *");
                carol.expect("906");
            }
            try (RawIrc quitter = new RawIrc(f.transport, f.address)) {
                quitter.write("CAP REQ sasl\r\nAUTHENTICATE PLAIN\r\n");
                quitter.expect("AUTHENTICATE");
            } // disconnects mid-exchange
            bystanderStillHears(alice, bob, "unaffected");
            assertEquals(2, f.chat.users());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"blocking", "nio"})
    void garbageBytesNeverHurtTheServer(String transport) throws Exception {
        try (ChatFixture f = ChatFixture.start(
                        transport, ChatFixture.config().floodBurst(100_000).build());
                IrcTestClient alice = f.client("alice");
                IrcTestClient bob = f.client("bob")) {
            joinRoom(alice, bob);
            byte[] noise = new byte[64 * 1024];
            new java.util.Random(42).nextBytes(noise);
            try (RawIrc noisy = new RawIrc(f.transport, f.address)) {
                noisy.write(noise);
                noisy.write("\r\nPING :survived\r\n");
                assertEquals("survived", noisy.expect("PONG").last(), "every bad line was answered and skipped");
            }
            try (RawIrc noisy = new RawIrc(f.transport, f.address)) {
                for (int i = 0; i < 20; i++) {
                    noisy.write(noise);
                }
                noisy.write("\r\nPING :survived\r\n");
                assertEquals("survived", noisy.expect("PONG").last(), "1.3 MB of noise, and the session goes on");
            }
            bystanderStillHears(alice, bob, "quiet again");
        }
    }
}
