package dev.wirekit.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wirekit.api.Server;
import dev.wirekit.api.Transport;
import dev.wirekit.spi.CommandProvider;
import dev.wirekit.spi.DeployContext;
import dev.wirekit.spi.OptionValues;
import dev.wirekit.spi.Protocol;
import dev.wirekit.spi.ServiceProvider;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code wirekit serve chat} as the CLI runs it: found by ServiceLoader, configured by options, started. */
class ChatProviderTest {

    static ServiceProvider provider() {
        return ServiceLoader.load(ServiceProvider.class).stream()
                .map(ServiceLoader.Provider::get)
                .filter(p -> p.name().equals("chat"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no 'chat' ServiceProvider on the class path"));
    }

    @Test
    void bothProvidersAreDiscovered() {
        assertEquals(6667, provider().defaultPort());
        assertTrue(ServiceLoader.load(CommandProvider.class).stream()
                .map(ServiceLoader.Provider::get)
                .anyMatch(c -> c.command().name().equals("chat")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"blocking", "nio"})
    void servesChatFromItsOptions(String transport, @TempDir Path dir) throws Exception {
        Path motd = Files.writeString(dir.resolve("motd.txt"), "Welcome to the test network\nBe nice\n");
        ServiceProvider provider = provider();
        Map<String, Object> raw = new HashMap<>();
        raw.put("accounts", dir.resolve("accounts.txt").toString());
        raw.put("motd", motd.toString());
        raw.put("server-name", "chat.test");
        raw.put("require-login", "true");
        raw.put("allow-plaintext-login", "true");
        OptionValues values = OptionValues.parse(provider.options(), raw);
        try (Transport t = Transport.load(transport);
                Server server = provider.create(values)
                        .start(DeployContext.of(
                                t, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), Protocol.TCP))) {
            AccountStore.open(dir.resolve("accounts.txt"), ChatServerConfig.PasswordHashing.OWASP)
                    .add("alice", "correct horse".toCharArray());
            try (IrcTestClient anonymous = IrcTestClient.connect(t, server.localAddress())) {
                anonymous.send("NICK guest");
                anonymous.send("USER guest 0 * :Guest");
                assertEquals("chat.test", anonymous.expect("464").source(), "--require-login and --server-name apply");
            }
            ChatClientTest.Events events = new ChatClientTest.Events();
            try (ChatClient alice = ChatClient.builder(t, server.localAddress())
                    .nick("alice")
                    .sasl("alice", "correct horse".toCharArray())
                    .listener(events)
                    .connect()) {
                assertEquals("alice", alice.account());
                assertEquals(
                        "- Be nice",
                        events.await(
                                        ChatEvent.Reply.class,
                                        r -> r.code().equals("372") && r.text().contains("nice"))
                                .text());
            }
        }
    }

    @Test
    void badOptionsAreReportedByName() {
        ServiceProvider provider = provider();
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> provider.create(OptionValues.parse(provider.options(), Map.of("server-name", "no dots"))));
        assertTrue(e.getMessage().startsWith("option --server-name"), e.getMessage());
        e = assertThrows(
                IllegalArgumentException.class,
                () -> provider.create(OptionValues.parse(provider.options(), Map.of("nick-length", "3"))));
        assertTrue(e.getMessage().startsWith("option --nick-length"), e.getMessage());
        e = assertThrows(
                IllegalArgumentException.class,
                () -> provider.create(OptionValues.parse(provider.options(), Map.of("motd", "/no/such/file"))));
        assertTrue(e.getMessage().startsWith("option --motd"), e.getMessage());
        assertFalse(provider.options().stream().anyMatch(o -> o.name().equals("tls")), "the CLI owns --tls");
    }
}
