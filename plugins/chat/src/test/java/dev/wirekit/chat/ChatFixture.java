package dev.wirekit.chat;

import dev.wirekit.api.Transport;
import dev.wirekit.api.TransportOptions;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/** A chat server on a loopback port, on one transport, for one test. */
final class ChatFixture implements AutoCloseable {
    final Transport transport;
    final ChatServer chat;
    final InetSocketAddress address;

    private ChatFixture(Transport transport, ChatServer chat, InetSocketAddress address) {
        this.transport = transport;
        this.chat = chat;
        this.address = address;
    }

    /** Test defaults: no timer (tests call sweep()), quick login back-off. */
    static ChatServerConfig.Builder config() {
        return ChatServerConfig.builder().serverName("test.wirekit").sweepInterval(java.time.Duration.ZERO);
    }

    static ChatFixture start(String transportName, ChatServerConfig config) throws IOException {
        return start(transportName, config, TransportOptions.defaults());
    }

    static ChatFixture start(String transportName, ChatServerConfig config, TransportOptions options)
            throws IOException {
        Transport transport = Transport.load(transportName);
        ChatServer chat = null;
        try {
            chat = ChatServer.create(config);
            var server = chat.listen(transport, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), options);
            return new ChatFixture(transport, chat, server.localAddress());
        } catch (IOException | RuntimeException e) {
            if (chat != null) {
                chat.close();
            }
            transport.close();
            throw e;
        }
    }

    IrcTestClient client(String nick) throws IOException {
        return IrcTestClient.registered(transport, address, nick);
    }

    IrcTestClient raw() throws IOException {
        return IrcTestClient.connect(transport, address);
    }

    ChatClient.Builder chatClient(String nick) {
        return ChatClient.builder(transport, address).nick(nick);
    }

    @Override
    public void close() {
        try {
            chat.close();
        } finally {
            transport.close();
        }
    }
}
