package dev.wirekit.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import javax.net.ssl.TrustManagerFactory;
import net.engio.mbassy.listener.Handler;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.kitteh.irc.client.library.Client;
import org.kitteh.irc.client.library.event.channel.ChannelJoinEvent;
import org.kitteh.irc.client.library.event.channel.ChannelMessageEvent;
import org.kitteh.irc.client.library.event.user.PrivateMessageEvent;
import org.kitteh.irc.client.library.feature.auth.SaslExternal;
import org.kitteh.irc.client.library.feature.auth.SaslPlain;

/**
 * A third-party IRC client library (Kitteh IRC Client Library) against Wirekit's server: it negotiates
 * capabilities, logs in with SASL PLAIN, joins, and exchanges channel and private messages with a
 * Wirekit client: over plaintext (with the server's explicit allow option), and over TLS, where Kitteh
 * trusts the test CA and logs in with SASL PLAIN or, with its own client certificate, SASL EXTERNAL.
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

    private static ChatPki pki;

    @BeforeAll
    static void pki() {
        pki = ChatPki.create();
    }

    /** How the Kitteh client reaches the server and logs in. */
    private interface Setup {
        void apply(Client.Builder.Server server) throws Exception;
    }

    @ParameterizedTest
    @ValueSource(strings = {"blocking", "nio"})
    void kittehLogsInJoinsAndChats(String transport) throws Exception {
        try (ChatFixture f = ChatFixture.start(
                transport, ChatFixture.config().allowPlaintextLogin(true).build())) {
            f.chat.accounts().add("kitty", "correct horse".toCharArray());
            chat(
                    f,
                    f.address,
                    server -> server.port(f.address.getPort(), Client.Builder.Server.SecurityType.INSECURE),
                    kitteh -> new SaslPlain(kitteh, "kitty", "correct horse"),
                    false);
        }
    }

    /** The interop bullet: over TLS (Kitteh trusts the test CA), SASL PLAIN, join, talk. */
    @ParameterizedTest
    @ValueSource(strings = {"blocking", "nio"})
    void kittehOverTlsWithSaslPlain(String transport) throws Exception {
        // Default policy: passwords only over TLS.
        try (ChatFixture f = ChatFixture.start(transport, ChatFixture.config().build())) {
            f.chat.accounts().add("kitty", "correct horse".toCharArray());
            InetSocketAddress tls = f.chat.listen(
                            f.transport,
                            new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                            pki.serverOptions())
                    .localAddress();
            TrustManagerFactory trust = pki.trustManagerFactory();
            chat(
                    f,
                    tls,
                    server -> server.port(tls.getPort(), Client.Builder.Server.SecurityType.SECURE)
                            .secureTrustManagerFactory(trust),
                    kitteh -> new SaslPlain(kitteh, "kitty", "correct horse"),
                    true);
        }
    }

    /** Over TLS with Kitteh's own client certificate (PEM files), logged in by SASL EXTERNAL. */
    @ParameterizedTest
    @ValueSource(strings = {"blocking", "nio"})
    void kittehOverTlsWithSaslExternal(String transport, @TempDir Path dir) throws Exception {
        ChatPki.Issued certificate = pki.client("kitty");
        Path[] pem = certificate.writePem(dir, "kitty");
        try (ChatFixture f = ChatFixture.start(transport, ChatFixture.config().build())) {
            f.chat.accounts().add("kitty", "correct horse".toCharArray());
            f.chat.accounts().addCertificate("kitty", AccountStore.fingerprint(certificate.certificate()));
            InetSocketAddress tls = f.chat.listen(
                            f.transport,
                            new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                            pki.serverOptions())
                    .localAddress();
            TrustManagerFactory trust = pki.trustManagerFactory();
            chat(
                    f,
                    tls,
                    server -> server.port(tls.getPort(), Client.Builder.Server.SecurityType.SECURE)
                            .secureTrustManagerFactory(trust)
                            .secureKeyCertChain(pem[0])
                            .secureKey(pem[1]),
                    SaslExternal::new,
                    true);
        }
    }

    /**
     * Kitteh connects to {@code address} as {@code kitty}, logs in with {@code auth}, joins #room and
     * exchanges channel and private messages with a Wirekit client on the plaintext listener.
     */
    private static void chat(
            ChatFixture f,
            InetSocketAddress address,
            Setup setup,
            java.util.function.Function<Client, org.kitteh.irc.client.library.feature.auth.AuthProtocol> auth,
            boolean secure)
            throws Exception {
        try (IrcTestClient bob = f.client("bob")) {
            bob.send("JOIN #room");
            bob.expect("366");
            Seen seen = new Seen();
            Client.Builder.Server server = Client.builder()
                    .nick("kitty")
                    .user("kitty")
                    .realName("Kitteh interop")
                    .server()
                    .host(address.getAddress().getHostAddress());
            setup.apply(server);
            Client kitteh = server.then()
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
                kitteh.getAuthManager().addProtocol(auth.apply(kitteh));
                kitteh.connect();
                seen.await(e -> e.startsWith("RAW ") && e.contains(" 903 "));
                seen.await(e -> e.startsWith("RAW ") && e.contains(" 001 kitty "));

                kitteh.addChannel("#room");
                seen.await(e -> e.equals("JOIN kitty #room"));
                IrcMessage join = bob.expect("JOIN");
                assertEquals("kitty", join.sourceNick());
                bob.send("WHOIS kitty");
                List<IrcMessage> whois = bob.sync();
                assertEquals(
                        List.of("kitty"),
                        whois.stream()
                                .filter(m -> m.command().equals("330"))
                                .map(m -> m.param(2))
                                .toList(),
                        "logged in through SASL: " + whois);
                assertEquals(
                        secure,
                        whois.stream().anyMatch(m -> m.command().equals("671")),
                        "671 says whether kitty is on TLS: " + whois);

                kitteh.sendMessage("#room", "hello from Kitteh");
                IrcMessage m = bob.expect("PRIVMSG");
                assertEquals("hello from Kitteh", m.last());
                bob.send("PRIVMSG #room :hello, Kitteh");
                seen.await(e -> e.equals("CHANNEL bob #room hello, Kitteh"));
                bob.send("PRIVMSG kitty :just between us");
                seen.await(e -> e.equals("PRIVATE bob just between us"));
                kitteh.sendMessage("bob", "likewise");
                IrcMessage dm = bob.expect("PRIVMSG");
                assertEquals(List.of("bob", "likewise"), dm.params());
            } finally {
                kitteh.shutdown("interop done");
            }
            IrcMessage quit = bob.expect("QUIT");
            assertEquals("kitty", quit.sourceNick());
        }
    }
}
