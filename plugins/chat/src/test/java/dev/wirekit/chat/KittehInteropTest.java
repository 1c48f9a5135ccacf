package dev.wirekit.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import net.engio.mbassy.listener.Handler;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.kitteh.irc.client.library.Client;
import org.kitteh.irc.client.library.event.channel.ChannelJoinEvent;
import org.kitteh.irc.client.library.event.channel.ChannelMessageEvent;
import org.kitteh.irc.client.library.event.user.PrivateMessageEvent;
import org.kitteh.irc.client.library.feature.auth.SaslPlain;

/**
 * A third-party IRC client library (Kitteh IRC Client Library) against Wirekit's server: it negotiates
 * capabilities, logs in with SASL PLAIN, joins, and exchanges channel and private messages with a
 * Wirekit client. Plaintext with the server's explicit allow option (SASL over TLS is run as well
 * once the TLS module is available).
 */
class KittehInteropTest {

    /** What the Kitteh client saw: raw lines and events, in order. */
    public static final class Seen {
        final BlockingQueue<Object> events = new LinkedBlockingQueue<>();

        @Handler
        public void join(ChannelJoinEvent e) {
            events.add("JOIN " + e.getUser().getNick() + " " + e.getChannel().getName());
        }

        @Handler
        public void channelMessage(ChannelMessageEvent e) {
            events.add(
                    "CHANNEL " + e.getActor().getNick() + " " + e.getChannel().getName() + " " + e.getMessage());
        }

        @Handler
        public void privateMessage(PrivateMessageEvent e) {
            events.add("PRIVATE " + e.getActor().getNick() + " " + e.getMessage());
        }

        void raw(String line) {
            events.add("RAW " + line);
        }

        String await(Predicate<String> wanted) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            StringBuilder skipped = new StringBuilder();
            while (System.nanoTime() < deadline) {
                Object e = events.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                if (e != null && wanted.test(e.toString())) {
                    return e.toString();
                }
                skipped.append(e).append('\n');
            }
            throw new AssertionError("the Kitteh client did not see it; it saw:\n" + skipped);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"blocking", "nio"})
    void kittehLogsInJoinsAndChats(String transport) throws Exception {
        try (ChatFixture f = ChatFixture.start(
                        transport,
                        ChatFixture.config().allowPlaintextLogin(true).build());
                IrcTestClient bob = f.client("bob")) {
            f.chat.accounts().add("kitty", "correct horse".toCharArray());
            bob.send("JOIN #room");
            bob.expect("366");
            Seen seen = new Seen();
            Client kitteh = Client.builder()
                    .nick("kitty")
                    .user("kitty")
                    .realName("Kitteh interop")
                    .server()
                    .host(f.address.getAddress().getHostAddress())
                    .port(f.address.getPort(), Client.Builder.Server.SecurityType.INSECURE)
                    .then()
                    .listeners()
                    .input(seen::raw)
                    .exception(e -> {
                        if (!(e instanceof org.kitteh.irc.client.library.exception.KittehNagException)) {
                            seen.events.add("EXCEPTION " + e);
                        }
                    })
                    .then()
                    .build();
            try {
                // Kitteh paces what it sends (1.2 s apart by default, to respect real networks' flood
                // limits); 50 ms keeps the test quick and well inside the server's own burst.
                kitteh.setMessageSendingQueueSupplier(
                        org.kitteh.irc.client.library.feature.sending.SingleDelaySender.getSupplier(50));
                kitteh.getEventManager().registerEventListener(seen);
                kitteh.getAuthManager().addProtocol(new SaslPlain(kitteh, "kitty", "correct horse"));
                kitteh.connect();
                seen.await(e -> e.startsWith("RAW ") && e.contains(" 903 "));
                seen.await(e -> e.startsWith("RAW ") && e.contains(" 001 kitty "));

                kitteh.addChannel("#room");
                seen.await(e -> e.equals("JOIN kitty #room"));
                IrcMessage join = bob.expect("JOIN");
                assertEquals("kitty", join.sourceNick());
                bob.send("WHOIS kitty");
                assertEquals("kitty", bob.expect("330").param(2), "logged in through SASL");

                kitteh.sendMessage("#room", "hello from Kitteh");
                IrcMessage m = bob.expect("PRIVMSG");
                assertEquals("hello from Kitteh", m.last());
                bob.send("PRIVMSG #room :hello, Kitteh");
                seen.await(e -> e.equals("CHANNEL bob #room hello, Kitteh"));
                bob.send("PRIVMSG kitty :just between us");
                seen.await(e -> e.equals("PRIVATE bob just between us"));
                kitteh.sendMessage("bob", "likewise");
                IrcMessage dm = bob.expect("PRIVMSG");
                assertEquals(java.util.List.of("bob", "likewise"), dm.params());
            } finally {
                kitteh.shutdown("interop done");
            }
            IrcMessage quit = bob.expect("QUIT");
            assertEquals("kitty", quit.sourceNick());
        }
    }
}
