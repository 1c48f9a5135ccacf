/**
 * The chat plugin: an IRC-compatible server ({@link dev.wirekit.chat.ChatServer}), a client
 * ({@link dev.wirekit.chat.ChatClient}), {@code wirekit serve chat} and {@code wirekit chat}.
 */
module dev.wirekit.chat {
    requires dev.wirekit.api;
    requires org.bouncycastle.provider;

    exports dev.wirekit.chat;

    provides dev.wirekit.spi.ServiceProvider with
            dev.wirekit.chat.internal.ChatProvider;
    provides dev.wirekit.spi.CommandProvider with
            dev.wirekit.chat.internal.ChatCommand;
}
