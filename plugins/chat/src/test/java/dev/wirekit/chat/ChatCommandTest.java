package dev.wirekit.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wirekit.chat.internal.ChatCommand;
import dev.wirekit.spi.CommandSpec;
import dev.wirekit.spi.OptionValues;
import dev.wirekit.testkit.doubles.CommandHarness;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code wirekit chat} (the terminal client) and {@code wirekit chat user ...}, run through their specs. */
class ChatCommandTest {
    private static final CommandSpec CHAT = new ChatCommand().command();

    private static CommandSpec sub(CommandSpec spec, String name) {
        return spec.subcommands().stream()
                .filter(s -> s.name().equals(name))
                .findFirst()
                .orElseThrow();
    }

    @ParameterizedTest
    @ValueSource(strings = {"blocking", "nio"})
    void theTerminalClientSendsAndReceivesAtTheSameTime(String transport) throws Exception {
        try (ChatFixture f = ChatFixture.start(transport, ChatFixture.config().build());
                IrcTestClient bob = f.client("bob")) {
            bob.send("JOIN #room");
            bob.expect("366");
            ScriptedContext ctx = new ScriptedContext(
                    OptionValues.parse(
                            CHAT.options(),
                            Map.of(
                                    "target",
                                    "127.0.0.1:" + f.address.getPort(),
                                    "nick",
                                    "alice",
                                    "join",
                                    List.of("#room"))),
                    f.transport);
            CompletableFuture<Integer> run = CompletableFuture.supplyAsync(() -> {
                try {
                    return CHAT.action().run(ctx);
                } catch (Exception e) {
                    throw new java.util.concurrent.CompletionException(e);
                }
            });
            ctx.awaitOutput("* connected to 127.0.0.1:" + f.address.getPort() + " as alice");
            ctx.awaitOutput("* alice joined #room");
            bob.expect("JOIN");
            bob.send("PRIVMSG #room :hello, alice");
            ctx.awaitOutput("[#room] <bob> hello, alice");

            ctx.type("hi bob");
            assertEquals("hi bob", bob.expect("PRIVMSG").last());
            ctx.type("/msg bob psst");
            IrcMessage dm = bob.expect("PRIVMSG");
            assertEquals(List.of("bob", "psst"), dm.params());
            bob.send("PRIVMSG alice :back at you");
            ctx.awaitOutput("*bob* back at you");
            ctx.type("/me waves");
            assertEquals("\u0001ACTION waves\u0001", bob.expect("PRIVMSG").last());
            ctx.type("/names");
            ctx.awaitOutput("* in #room: @bob alice");
            ctx.type("/nick alice2");
            ctx.awaitOutput("* alice is now known as alice2");
            ctx.type("/bogus");
            ctx.awaitOutput("! unknown command /bogus");
            ctx.type("/part #room see you");
            assertEquals("see you", bob.expect("PART").last());
            ctx.type("/quit bye now");
            assertEquals(0, run.get(20, TimeUnit.SECONDS));
            assertTrue(bob.sync().isEmpty(), "alice left #room before quitting");
            assertFalse(ctx.output().contains("Exception"), ctx.output());
        }
    }

    @Test
    void loginWithSaslAndAClearErrorWhenItFails() throws Exception {
        try (ChatFixture f = ChatFixture.start(
                "nio", ChatFixture.config().allowPlaintextLogin(true).build())) {
            f.chat.accounts().add("alice", "correct horse".toCharArray());
            Map<String, Object> values =
                    Map.of("target", "127.0.0.1:" + f.address.getPort(), "nick", "alice", "sasl", "alice");
            ScriptedContext ok = new ScriptedContext(OptionValues.parse(CHAT.options(), values), f.transport);
            ok.type("correct horse"); // no terminal: the password is the first line of input
            ok.endInput();
            assertEquals(0, CHAT.action().run(ok));
            assertTrue(ok.output().contains("as alice (account alice)"), ok.output());

            ScriptedContext bad = new ScriptedContext(OptionValues.parse(CHAT.options(), values), f.transport);
            bad.type("wrong horse");
            assertEquals(1, CHAT.action().run(bad));
            assertTrue(bad.errors().contains("SASL login failed"), bad.errors());
        }
    }

    @Test
    void userAddChangesTheFileARunningServerUses(@TempDir Path dir) throws Exception {
        Path accounts = dir.resolve("accounts.txt");
        CommandSpec user = sub(CHAT, "user");
        ChatServerConfig config = ChatFixture.config()
                .accountsFile(accounts)
                .allowPlaintextLogin(true)
                .build();
        try (ChatFixture f = ChatFixture.start("nio", config)) {
            CommandHarness.Result added = CommandHarness.run(
                    sub(user, "add"),
                    f.transport,
                    Map.of("name", "carol", "accounts", accounts.toString()),
                    "s3cret pass\n");
            assertEquals(0, added.exitCode(), added.err());
            assertTrue(Files.readString(accounts).contains("carol\t"));
            try (ChatClient carol = f.chatClient("carol")
                    .sasl("carol", "s3cret pass".toCharArray())
                    .connect()) {
                assertEquals("carol", carol.account(), "the running server read the new account");
            }
            CommandHarness.Result dup = CommandHarness.run(
                    sub(user, "add"),
                    f.transport,
                    Map.of("name", "Carol", "accounts", accounts.toString()),
                    "other pass\n");
            assertEquals(1, dup.exitCode());
            CommandHarness.Result shortPw = CommandHarness.run(
                    sub(user, "add"), f.transport, Map.of("name", "dave", "accounts", accounts.toString()), "short\n");
            assertEquals(1, shortPw.exitCode());
            assertTrue(shortPw.err().contains("at least 8"), shortPw.err());
            IllegalArgumentException bad = org.junit.jupiter.api.Assertions.assertThrows(
                    IllegalArgumentException.class,
                    () -> CommandHarness.run(
                            sub(user, "add"),
                            f.transport,
                            Map.of("name", "no spaces", "accounts", accounts.toString()),
                            ""));
            assertTrue(bad.getMessage().contains("cannot be an account name"), "a usage error, exit code 2 in the CLI");

            CommandHarness.Result cert = CommandHarness.run(
                    sub(user, "cert"),
                    f.transport,
                    Map.of("name", "carol", "certificate", "AB".repeat(32), "accounts", accounts.toString()),
                    "");
            assertEquals(0, cert.exitCode(), cert.err());
            assertTrue(Files.readString(accounts).contains("ab".repeat(32)));
            CommandHarness.Result list =
                    CommandHarness.run(sub(user, "list"), f.transport, Map.of("accounts", accounts.toString()), "");
            assertEquals("carol", list.out().strip());
            CommandHarness.Result passwd = CommandHarness.run(
                    sub(user, "passwd"),
                    f.transport,
                    Map.of("name", "carol", "accounts", accounts.toString()),
                    "new password\n");
            assertEquals(0, passwd.exitCode());
            assertFalse(f.chat.accounts().verify("carol", "s3cret pass".toCharArray()));
            assertTrue(f.chat.accounts().verify("carol", "new password".toCharArray()));
            CommandHarness.Result removed = CommandHarness.run(
                    sub(user, "remove"), f.transport, Map.of("name", "carol", "accounts", accounts.toString()), "");
            assertEquals(0, removed.exitCode());
            assertFalse(f.chat.accounts().exists("carol"));
        }
    }
}
