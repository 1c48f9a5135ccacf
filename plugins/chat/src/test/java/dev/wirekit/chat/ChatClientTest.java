package dev.wirekit.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The Java client API against Wirekit's server, on both transports. */
class ChatClientTest {

    /** Collects a client's events; waits for the ones a test cares about. */
    static final class Events implements java.util.function.Consumer<ChatEvent> {
        final BlockingQueue<ChatEvent> queue = new LinkedBlockingQueue<>();
        final List<ChatEvent> skipped = new ArrayList<>();

        @Override
        public void accept(ChatEvent e) {
            queue.add(e);
        }

        <E extends ChatEvent> E await(Class<E> type, Predicate<E> wanted) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (System.nanoTime() < deadline) {
                ChatEvent e = queue.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                if (type.isInstance(e) && wanted.test(type.cast(e))) {
                    return type.cast(e);
                }
                if (e != null) {
                    skipped.add(e);
                }
            }
            throw new AssertionError("no matching " + type.getSimpleName() + "; events: " + skipped);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"blocking", "nio"})
    void twoClientsChatInAChannelAndPrivately(String transport) throws Exception {
        try (ChatFixture f = ChatFixture.start(
                transport, ChatFixture.config().allowPlaintextLogin(true).build())) {
            f.chat.accounts().add("alice", "correct horse".toCharArray());
            Events aliceEvents = new Events();
            Events bobEvents = new Events();
            try (ChatClient alice = f.chatClient("alice")
                            .sasl("alice", "correct horse".toCharArray())
                            .listener(aliceEvents)
                            .connect();
                    ChatClient bob = f.chatClient("bob").listener(bobEvents).connect()) {
                assertEquals("alice", alice.account());
                assertNull(bob.account());
                assertTrue(
                        alice.capabilities().containsAll(Set.of("sasl", "server-time")),
                        alice.capabilities().toString());

                alice.join("#room");
                aliceEvents.await(ChatEvent.Joined.class, j -> j.nick().equals("alice"));
                bob.join("#room");
                ChatEvent.Names names =
                        bobEvents.await(ChatEvent.Names.class, n -> n.channel().equals("#room"));
                assertEquals(List.of("@alice", "bob"), names.names());
                aliceEvents.await(ChatEvent.Joined.class, j -> j.nick().equals("bob"));
                assertEquals(Set.of("#room"), bob.channels());

                alice.message("#room", "hello, room");
                ChatEvent.Message m = bobEvents.await(ChatEvent.Message.class, x -> true);
                assertEquals("alice", m.from());
                assertEquals("#room", m.target());
                assertEquals("hello, room", m.text());
                assertTrue(m.toChannel());

                bob.message("alice", "psst");
                ChatEvent.Message p = aliceEvents.await(ChatEvent.Message.class, x -> !x.fromServer());
                assertEquals("bob", p.from());
                assertEquals("alice", p.target());

                bob.action("#room", "waves");
                ChatEvent.Message action = aliceEvents.await(ChatEvent.Message.class, ChatEvent.Message::action);
                assertEquals("waves", action.text());

                String longText = "0123456789".repeat(120);
                alice.message("bob", longText);
                StringBuilder joined = new StringBuilder();
                while (joined.length() < longText.length()) {
                    joined.append(bobEvents
                            .await(ChatEvent.Message.class, x -> x.target().equals("bob"))
                            .text());
                }
                assertEquals(longText, joined.toString(), "split to fit, nothing lost");

                alice.topic("#room", "plans");
                assertEquals(
                        "plans",
                        bobEvents.await(ChatEvent.Topic.class, t -> true).topic());
                bob.changeNick("robert");
                aliceEvents.await(ChatEvent.NickChanged.class, n -> n.newNick().equals("robert"));
                bobEvents.await(ChatEvent.NickChanged.class, n -> n.newNick().equals("robert"));
                assertEquals("robert", bob.nick());
                bob.part("#room", "bye");
                assertEquals(
                        "bye",
                        aliceEvents.await(ChatEvent.Parted.class, x -> true).reason());
                bob.join("#room");
                aliceEvents.await(ChatEvent.Joined.class, j -> j.nick().equals("robert"));
                bob.quit("done");
                assertEquals(
                        "Quit: done",
                        aliceEvents.await(ChatEvent.Quit.class, x -> true).reason());
                bobEvents.await(ChatEvent.Disconnected.class, x -> true);
                assertTrue(!bob.isConnected());
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"blocking", "nio"})
    void refusalsBecomeChatExceptions(String transport) throws Exception {
        try (ChatFixture f = ChatFixture.start(
                transport, ChatFixture.config().allowPlaintextLogin(true).build())) {
            f.chat.accounts().add("alice", "correct horse".toCharArray());
            ChatException wrong = assertThrows(
                    ChatException.class,
                    () -> f.chatClient("alice")
                            .sasl("alice", "wrong horse".toCharArray())
                            .connect());
            assertEquals("904", wrong.reply().command());
            try (ChatClient first = f.chatClient("taken").connect()) {
                ChatException inUse = assertThrows(
                        ChatException.class, () -> f.chatClient("taken").connect());
                assertEquals("433", inUse.reply().command());
                try (ChatClient second = f.chatClient("taken").retryNickInUse(2).connect()) {
                    assertEquals("taken_", second.nick());
                }
            }
        }
        try (ChatFixture f = ChatFixture.start(transport, ChatFixture.config().build())) {
            ChatException noSasl = assertThrows(
                    ChatException.class,
                    () -> f.chatClient("x").sasl("x", "whatever1".toCharArray()).connect());
            assertTrue(noSasl.getMessage().contains("does not offer SASL"), noSasl.getMessage());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"blocking", "nio"})
    void registerInBandThenGetOfflineMessages(String transport) throws Exception {
        ChatServerConfig config = ChatFixture.config()
                .allowPlaintextLogin(true)
                .allowRegistration(true)
                .build();
        try (ChatFixture f = ChatFixture.start(transport, config)) {
            try (ChatClient carol = f.chatClient("carol").connect()) {
                carol.register("long enough".toCharArray(), Duration.ofSeconds(20));
                assertEquals("carol", carol.account());
                ChatException again = assertThrows(
                        ChatException.class, () -> carol.register("long enough".toCharArray(), Duration.ofSeconds(20)));
                assertEquals("ALREADY_AUTHENTICATED", again.reply().param(1));
            }
            Events daveEvents = new Events();
            try (ChatClient dave = f.chatClient("dave").listener(daveEvents).connect()) {
                dave.message("carol", "while you were out");
                ChatEvent.Reply queued =
                        daveEvents.await(ChatEvent.Reply.class, r -> r.code().startsWith("NOTE"));
                assertEquals("NOTE QUEUED", queued.code());
                Events carolEvents = new Events();
                try (ChatClient carol = f.chatClient("carol")
                        .sasl("carol", "long enough".toCharArray())
                        .listener(carolEvents)
                        .connect()) {
                    ChatEvent.Message late = carolEvents.await(ChatEvent.Message.class, m -> !m.fromServer());
                    assertEquals("while you were out", late.text());
                    assertEquals("dave", late.from());
                    assertEquals(
                            "NOTE DELIVERED",
                            daveEvents
                                    .await(ChatEvent.Reply.class, r -> r.code().startsWith("NOTE"))
                                    .code());
                }
            }
        }
    }
}
