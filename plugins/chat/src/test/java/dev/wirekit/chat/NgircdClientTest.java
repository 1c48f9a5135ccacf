package dev.wirekit.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wirekit.api.Transport;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Wirekit's {@link ChatClient} against a real IRC server (ngircd), over TLS and over plaintext. */
class NgircdClientTest {

    @ParameterizedTest
    @ValueSource(strings = {"blocking", "nio"})
    void chatClientTalksToNgircdOverTls(String transport, @TempDir Path dir) throws Exception {
        ChatPki pki = ChatPki.create();
        try (Ngircd ngircd = Ngircd.start(dir, pki.rsaServer());
                Transport t = Transport.load(transport)) {
            ChatClientTest.Events toAlice = new ChatClientTest.Events();
            ChatClientTest.Events toBob = new ChatClientTest.Events();
            try (ChatClient alice = ChatClient.builder(t, ngircd.tlsAddress)
                            .options(pki.clientOptions())
                            .nick("alice")
                            .listener(toAlice)
                            .connect();
                    ChatClient bob = ChatClient.builder(t, ngircd.address)
                            .nick("bob")
                            .listener(toBob)
                            .connect()) {
                alice.join("#room");
                toAlice.await(ChatEvent.Joined.class, j -> j.nick().equals("alice"));
                bob.join("#room");
                toAlice.await(ChatEvent.Joined.class, j -> j.nick().equals("bob"));
                alice.message("#room", "hello from TLS");
                ChatEvent.Message m =
                        toBob.await(ChatEvent.Message.class, e -> e.from().equals("alice"));
                assertEquals("#room", m.target());
                assertEquals("hello from TLS", m.text());
                bob.message("alice", "hello back");
                ChatEvent.Message dm =
                        toAlice.await(ChatEvent.Message.class, e -> e.from().equals("bob"));
                assertTrue(!dm.toChannel());
                assertEquals("hello back", dm.text());
            }
        }
    }
}
