package dev.wirekit.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wirekit.api.Server;
import dev.wirekit.api.Transport;
import dev.wirekit.api.TransportOptions;
import dev.wirekit.chat.internal.ChatCommand;
import dev.wirekit.spi.CommandSpec;
import dev.wirekit.spi.DeployContext;
import dev.wirekit.spi.OptionValues;
import dev.wirekit.spi.Protocol;
import dev.wirekit.spi.ServiceProvider;
import dev.wirekit.testkit.doubles.CommandHarness;
import dev.wirekit.tls.TlsSettings;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code wirekit serve chat --tls ...} and {@code wirekit chat host:port --tls --sasl user} the way the
 * CLI runs them: the TLS options are parsed by the TLS module's {@link TlsSettings} (as the CLI does)
 * into the {@link DeployContext} and the client options, and the provider and command use what they
 * are given. SASL EXTERNAL takes the client certificate from {@code --cert/--key}.
 */
class ChatTlsCommandTest {
    private static final CommandSpec CHAT = new ChatCommand().command();
    private static ChatPki pki;

    @BeforeAll
    static void pki() {
        pki = ChatPki.create();
    }

    /** What {@code wirekit serve chat --tls --cert --key --trust ca --client-auth optional} deploys. */
    private static Server serve(Transport t, Path dir) throws Exception {
        Path[] server = pki.server().writePem(dir, "server");
        Map<String, Object> tls = new HashMap<>();
        tls.put("tls", "true");
        tls.put("cert", server[0].toString());
        tls.put("key", server[1].toString());
        tls.put("trust", List.of(pki.writeCaPem(dir).toString()));
        tls.put("client-auth", "optional");
        TlsSettings settings = TlsSettings.from(OptionValues.parse(TlsSettings.serverOptions(), tls));
        ServiceProvider provider = ChatProviderTest.provider();
        Map<String, Object> own = Map.of("accounts", dir.resolve("accounts.txt").toString(), "server-name", "tls.test");
        return provider.create(OptionValues.parse(provider.options(), own))
                .start(new DeployContext(
                        t,
                        new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                        Set.of(Protocol.TCP),
                        settings.serverStreamOptions(TransportOptions.defaults()),
                        TransportOptions.defaults()));
    }

    /** What {@code wirekit chat --tls --trust ca.crt [--cert c --key k]} gives the command. */
    private static TransportOptions clientOptions(Path dir, Path[] certificate) throws Exception {
        Map<String, Object> tls = new HashMap<>();
        tls.put("tls", "true");
        tls.put("trust", List.of(dir.resolve("ca.crt").toString()));
        if (certificate != null) {
            tls.put("cert", certificate[0].toString());
            tls.put("key", certificate[1].toString());
        }
        return TlsSettings.from(OptionValues.parse(TlsSettings.clientOptions(), tls))
                .clientStreamOptions(TransportOptions.defaults());
    }

    @ParameterizedTest
    @ValueSource(strings = {"blocking", "nio"})
    void serveChatWithTlsAndChatWithSaslPlain(String transport, @TempDir Path dir) throws Exception {
        try (Transport t = Transport.load(transport);
                Server server = serve(t, dir)) {
            AccountStore.open(dir.resolve("accounts.txt"), ChatServerConfig.PasswordHashing.OWASP)
                    .add("alice", "correct horse".toCharArray());
            InetSocketAddress address = server.localAddress();
            try (IrcTestClient bob = IrcTestClient.connect(t, address, pki.clientOptions())) {
                bob.register("bob");
                bob.send("JOIN #room");
                bob.expect("366");

                // The password is the first line of standard input (no terminal), then what is typed.
                CommandHarness.Result r = CommandHarness.run(
                        CHAT,
                        t,
                        clientOptions(dir, null),
                        Map.of(
                                "target",
                                "127.0.0.1:" + address.getPort(),
                                "nick",
                                "alice",
                                "sasl",
                                "alice",
                                "join",
                                List.of("#room")),
                        "correct horse\n/msg #room hello over TLS\n/msg bob psst\n/quit bye\n");
                assertEquals(0, r.exitCode(), r.err());
                assertTrue(
                        r.out().contains("* connected to 127.0.0.1:" + address.getPort() + " as alice (account alice)"),
                        r.out());
                assertEquals("alice", bob.expect("JOIN").sourceNick());
                assertEquals(
                        List.of("#room", "hello over TLS"),
                        bob.expect("PRIVMSG").params());
                assertEquals(List.of("bob", "psst"), bob.expect("PRIVMSG").params());
                assertEquals("Quit: bye", bob.expect("QUIT").last());
            }

            // A wrong password: a clear error and exit code 1, not a hang.
            CommandHarness.Result wrong = CommandHarness.run(
                    CHAT,
                    t,
                    clientOptions(dir, null),
                    Map.of("target", "127.0.0.1:" + address.getPort(), "nick", "alice", "sasl", "alice"),
                    "wrong horse\n");
            assertEquals(1, wrong.exitCode());
            assertTrue(wrong.err().contains("Invalid account name or password"), wrong.err());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"blocking", "nio"})
    void saslExternalUsesTheCertificateGivenWithCertAndKey(String transport, @TempDir Path dir) throws Exception {
        ChatPki.Issued carol = pki.client("carol");
        Path[] carolPem = carol.writePem(dir, "carol");
        try (Transport t = Transport.load(transport);
                Server server = serve(t, dir)) {
            // As 'wirekit chat user add carol --no-password' and 'wirekit chat user cert carol carol.crt' do.
            AccountStore accounts =
                    AccountStore.open(dir.resolve("accounts.txt"), ChatServerConfig.PasswordHashing.OWASP);
            accounts.add("carol", "unused password".toCharArray());
            accounts.addCertificate("carol", AccountStore.fingerprint(carol.certificate()));
            String target = "127.0.0.1:" + server.localAddress().getPort();

            CommandHarness.Result r = CommandHarness.run(
                    CHAT,
                    t,
                    clientOptions(dir, carolPem),
                    Map.of("target", target, "nick", "carol", "sasl-external", "true"),
                    "/quit\n");
            assertEquals(0, r.exitCode(), r.err());
            assertTrue(r.out().contains("as carol (account carol)"), r.out());

            // The same without --cert: the server says what is missing.
            CommandHarness.Result noCert = CommandHarness.run(
                    CHAT,
                    t,
                    clientOptions(dir, null),
                    Map.of("target", target, "nick", "carol", "sasl-external", "true"),
                    "/quit\n");
            assertEquals(1, noCert.exitCode());
            assertTrue(noCert.err().contains("needs a TLS client certificate"), noCert.err());
        }
    }

    @org.junit.jupiter.api.Test
    void saslExternalWithoutTlsIsAUsageErrorBeforeConnecting() throws Exception {
        try (Transport t = Transport.load("nio")) {
            // Port 9 on loopback: nothing is contacted, the options are refused first.
            IllegalArgumentException noTls = assertThrows(
                    IllegalArgumentException.class,
                    () -> CommandHarness.run(
                            CHAT, t, Map.of("target", "127.0.0.1:9", "nick", "carol", "sasl-external", "true"), ""));
            assertTrue(noTls.getMessage().contains("--tls --cert FILE --key FILE"), noTls.getMessage());
            IllegalArgumentException both = assertThrows(
                    IllegalArgumentException.class,
                    () -> CommandHarness.run(
                            CHAT,
                            t,
                            pki.clientOptions(),
                            Map.of("target", "127.0.0.1:9", "sasl", "carol", "sasl-external", "true"),
                            ""));
            assertTrue(both.getMessage().startsWith("choose one login"), both.getMessage());
        }
    }
}
