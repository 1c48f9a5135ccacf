package dev.wirekit.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wirekit.api.TransportOptions;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A client that stops reading is cut off with an ERROR line; everyone else gets every message, in order. */
class SlowConsumerTest {
    private static final int MESSAGES = 2000;

    @ParameterizedTest
    @ValueSource(strings = {"blocking", "nio"})
    void aSlowReaderIsDisconnectedWhileTheOthersCarryOn(String transport) throws Exception {
        ChatServerConfig config = ChatFixture.config()
                .sendQueueBytes(8192)
                .floodBurst(10_000)
                .floodRate(10_000)
                .build();
        TransportOptions smallBuffers =
                TransportOptions.builder().sendBufferSize(4096).build();
        TransportOptions slowClient = TransportOptions.builder()
                .receiveBufferSize(4096)
                .maxInboundBytes(4096)
                .build();
        try (ChatFixture f = ChatFixture.start(transport, config, smallBuffers);
                IrcTestClient alice = f.client("alice");
                IrcTestClient bob = f.client("bob");
                IrcTestClient slow = IrcTestClient.connect(f.transport, f.address, slowClient)) {
            slow.register("slow");
            for (IrcTestClient c : List.of(alice, bob, slow)) {
                c.send("JOIN #room");
                c.expect("366");
            }
            // Lockstep: alice sends the next message once bob has the last one, so bob never falls
            // behind and only the reader that stopped reading can overflow.
            String padding = "z".repeat(380);
            IrcMessage quit = null;
            int sent = 0;
            while (quit == null && sent < MESSAGES) {
                alice.send("PRIVMSG #room :" + sent + " " + padding);
                IrcMessage m = bob.expectAny("PRIVMSG", "QUIT");
                if (m.command().equals("QUIT")) {
                    quit = m;
                    m = bob.expect("PRIVMSG");
                }
                assertEquals(sent + " " + padding, m.last(), "bob gets every message, in order");
                sent++;
            }
            assertTrue(quit != null, "the slow reader was not disconnected after " + sent + " messages");
            for (int i = 0; i < 20; i++) {
                alice.send("PRIVMSG #room :after " + i);
                assertEquals("after " + i, bob.expect("PRIVMSG").last());
            }
            assertEquals("slow", quit.sourceNick());
            assertEquals("SendQ exceeded", quit.last());
            assertTrue(alice.sync().stream().noneMatch(m -> m.command().equals("ERROR")), "the sender is unaffected");
            assertEquals(2, f.chat.users());

            List<IrcMessage> rest = slow.readToEnd();
            IrcMessage last = rest.isEmpty() ? null : rest.getLast();
            assertTrue(
                    last != null
                            && last.command().equals("ERROR")
                            && last.last().contains("SendQ exceeded"),
                    "the slow reader finds out why, once it reads: " + last);
        }
    }
}
