package dev.wirekit.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** PRIVMSG and NOTICE between nicks, on both transports. */
class PrivateMessageTest {

    @ParameterizedTest
    @ValueSource(strings = {"blocking", "nio"})
    void privateMessagesReachOnlyTheirTarget(String transport) throws Exception {
        try (ChatFixture f = ChatFixture.start(transport, ChatFixture.config().build());
                IrcTestClient alice = f.client("alice");
                IrcTestClient bob = f.client("bob");
                IrcTestClient carol = f.client("carol")) {
            alice.send("PRIVMSG Bob :psst, bob");
            IrcMessage m = bob.expect("PRIVMSG");
            assertEquals("alice!alice@127.0.0.1", m.source());
            assertEquals(List.of("bob", "psst, bob"), m.params());
            assertTrue(carol.sync().isEmpty(), "carol hears nothing");
            assertTrue(alice.sync().isEmpty(), "delivered: no reply to the sender");

            alice.send("PRIVMSG bob,carol :to both");
            assertEquals("to both", bob.expect("PRIVMSG").last());
            assertEquals("to both", carol.expect("PRIVMSG").last());
            alice.send("PRIVMSG a,b,c,d,e :too many");
            assertEquals("407", alice.expect("407").command());

            alice.send("PRIVMSG nobody :hello?");
            assertEquals("nobody", alice.expect("401").param(1));
            alice.send("NOTICE nobody :hello?");
            assertTrue(alice.sync().isEmpty(), "a NOTICE is never answered");
            alice.send("PRIVMSG");
            alice.expect("411");

            bob.send("AWAY :lunch");
            bob.expect("306");
            alice.send("PRIVMSG bob :are you there?");
            assertEquals("lunch", alice.expect("301").last());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"blocking", "nio"})
    void echoMessageConfirmsDelivery(String transport) throws Exception {
        try (ChatFixture f = ChatFixture.start(transport, ChatFixture.config().build());
                IrcTestClient alice = f.raw();
                IrcTestClient bob = f.client("bob")) {
            alice.send("CAP REQ echo-message");
            alice.expect("CAP");
            alice.send("CAP END");
            alice.register("alice");
            alice.send("PRIVMSG bob :hello");
            IrcMessage echo = alice.expect("PRIVMSG");
            assertEquals(List.of("bob", "hello"), echo.params());
            assertEquals("hello", bob.expect("PRIVMSG").last());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"blocking", "nio"})
    void longTextIsCutToFitTheLineAsRelayed(String transport) throws Exception {
        try (ChatFixture f = ChatFixture.start(transport, ChatFixture.config().build());
                IrcTestClient alice = f.client("alice");
                IrcTestClient bob = f.client("bob")) {
            String text = "é".repeat(240); // 480 bytes: fits as sent, not with alice's prefix in front
            alice.send("PRIVMSG bob :" + text);
            IrcMessage m = bob.expect("PRIVMSG");
            int length = IrcCodec.bodyLength(m);
            assertTrue(
                    length == IrcCodec.MAX_BODY || length == IrcCodec.MAX_BODY - 1, "relayed as " + length + " bytes");
            assertTrue(text.startsWith(m.last()), "cut at a character boundary");
        }
    }
}
