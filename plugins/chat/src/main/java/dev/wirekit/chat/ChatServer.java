package dev.wirekit.chat;

import dev.wirekit.api.Server;
import dev.wirekit.api.Service;
import dev.wirekit.api.Transport;
import dev.wirekit.api.TransportOptions;
import dev.wirekit.api.framing.Framer;
import dev.wirekit.chat.internal.ServerCore;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An IRC-compatible chat server: registration with IRCv3 capability negotiation, channels, private
 * messages, accounts with SASL (PLAIN, EXTERNAL) and PASS login, offline messages for registered
 * accounts, flood and slow-reader protection. The supported subset of IRC is documented in
 * {@code docs/protocols/chat.md}.
 *
 * <pre>{@code
 * ChatServerConfig config = ChatServerConfig.builder()
 *         .accountsFile(Path.of("chat-accounts.txt"))
 *         .build();
 * try (Transport transport = Transport.load();
 *      ChatServer chat = ChatServer.create(config)) {
 *     chat.accounts().add("alice", password);
 *     chat.listen(transport, new InetSocketAddress(6667), TransportOptions.defaults());
 *     chat.listen(transport, new InetSocketAddress(6697), tlsOptions);  // same network, over TLS
 *     ...
 * }
 * }</pre>
 *
 * <p>One server may listen on several addresses and transports at once, with and without TLS: all
 * of them share one set of users and channels. Or use {@link #service()} and {@link #framer()} with
 * {@link Transport#listen} directly. A server holds a timer thread (registration and ping timeouts)
 * and the listeners made by {@link #listen}; {@link #close()} stops them all.
 */
public final class ChatServer implements AutoCloseable {
    private final ServerCore core;
    private final List<Server> listeners = new CopyOnWriteArrayList<>();

    private ChatServer(ServerCore core) {
        this.core = core;
    }

    /**
     * A server configured by {@code config}: opens the account store and mailbox (no socket yet).
     *
     * @throws IOException when the account file exists but cannot be read
     */
    public static ChatServer create(ChatServerConfig config) throws IOException {
        return new ChatServer(ServerCore.create(config));
    }

    /** The service that speaks IRC; run it with {@link #framer()} on any transport. */
    public Service<IrcMessage> service() {
        return core.service();
    }

    /** The framing a chat server reads and writes: {@link IrcCodec#server()}. */
    public Framer<IrcMessage> framer() {
        return IrcCodec.server();
    }

    /** {@code options} with this server's send queue bound ({@link ChatServerConfig#sendQueueBytes()}). */
    public TransportOptions options(TransportOptions options) {
        return options.toBuilder()
                .maxOutboundBytes(core.config().sendQueueBytes())
                .build();
    }

    /**
     * Listens on {@code address} with {@code transport}; a TLS layer in {@code options} makes it a TLS
     * listener. Closed by {@link #close()}, or on its own.
     */
    public Server listen(Transport transport, InetSocketAddress address, TransportOptions options) throws IOException {
        Server server = transport.listen(address, framer(), service(), options(options));
        listeners.add(server);
        return server;
    }

    /** The registered accounts. */
    public AccountStore accounts() {
        return core.accounts();
    }

    public ChatServerConfig config() {
        return core.config();
    }

    /** Clients connected now, registered or not. */
    public int connections() {
        return core.connections();
    }

    /** Registered users now. */
    public int users() {
        return core.users();
    }

    /** Channels that exist now. */
    public int channels() {
        return core.channels();
    }

    /**
     * Checks timeouts now: disconnects clients that did not register in time or did not answer a
     * PING, and PINGs clients that have been silent for the ping interval. Runs on a timer every
     * {@link ChatServerConfig#sweepInterval()}; call it yourself when that is zero (tests with a
     * manual clock).
     */
    public void sweep() {
        core.sweep();
    }

    /** Closes the listeners made by {@link #listen} and stops the timer. */
    @Override
    public void close() {
        RuntimeException failure = null;
        for (Server s : listeners) {
            try {
                s.close();
            } catch (RuntimeException e) {
                failure = e;
            }
        }
        core.close();
        if (failure != null) {
            throw failure;
        }
    }
}
