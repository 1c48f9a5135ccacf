package dev.wirekit.chat;

import dev.wirekit.api.ClientSession;
import dev.wirekit.api.SessionClosedException;
import dev.wirekit.api.Transport;
import dev.wirekit.api.TransportOptions;
import dev.wirekit.chat.internal.ClientProtocol;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * A chat (IRC) client for applications: connects, registers (with SASL or PASS login when asked),
 * and then joins channels and sends messages while a listener receives what arrives.
 *
 * <pre>{@code
 * try (ChatClient chat = ChatClient.builder(transport, new InetSocketAddress("chat.example", 6697))
 *         .options(tlsClientOptions)
 *         .nick("alice")
 *         .sasl("alice", password)
 *         .listener(event -> System.out.println(event))
 *         .connect()) {
 *     chat.join("#general");
 *     chat.message("#general", "hello, everyone");
 *     chat.message("bob", "hello, bob");        // queued by the server if bob is offline
 * }
 * }</pre>
 *
 * <p><b>Threading.</b> One virtual thread reads from the server and calls the listener, one event at
 * a time, in order; it answers the server's PINGs itself. A listener that blocks holds up reading
 * (and a server disconnects clients that stop reading), so hand long work to another thread. The
 * other methods may be called from any thread.
 *
 * <p>Long texts are split into several messages so that each fits IRC's 512-byte line as the server
 * relays it.
 */
public final class ChatClient implements AutoCloseable {
    private final ClientSession<IrcMessage> session;
    private final ClientProtocol protocol;
    private final Thread reader;

    private ChatClient(ClientSession<IrcMessage> session, ClientProtocol protocol) {
        this.session = session;
        this.protocol = protocol;
        this.reader =
                Thread.ofVirtual().name("wirekit-chat-client-" + session.id()).start(this::read);
    }

    /** Starts describing a connection to {@code address} made with {@code transport}. */
    public static Builder builder(Transport transport, InetSocketAddress address) {
        return new Builder(transport, address);
    }

    private void read() {
        String reason = "connection closed";
        IrcMessage error = null;
        try {
            IrcMessage m;
            while ((m = session.receive(Duration.ZERO)) != null) {
                if (m.command().equals("ERROR")) {
                    error = m;
                }
                protocol.handle(m);
            }
            if (error != null) {
                reason = error.last();
            }
        } catch (IOException e) {
            reason = "connection failed: " + e.getMessage();
        } catch (RuntimeException e) {
            reason = "connection failed: " + e;
        } finally {
            session.close();
            protocol.disconnected(reason, error);
        }
    }

    /** Our nick now. */
    public String nick() {
        return protocol.nick();
    }

    /** The account we are logged in to, or null. */
    public String account() {
        return protocol.account();
    }

    /** The channels we are in now. */
    public Set<String> channels() {
        return protocol.channels();
    }

    /** True until the connection ends. */
    public boolean isConnected() {
        return session.isOpen() && reader.isAlive();
    }

    /** The capabilities the server acknowledged. */
    public Set<String> capabilities() {
        return protocol.capabilities();
    }

    /** Joins {@code channel}; a {@link ChatEvent.Joined} with our nick follows. */
    public void join(String channel) {
        send(IrcMessage.of("JOIN", channel));
    }

    /** Leaves {@code channel}, with {@code reason} (or null). */
    public void part(String channel, String reason) {
        send(reason == null ? IrcMessage.of("PART", channel) : IrcMessage.of("PART", channel, reason));
    }

    /** Sends {@code text} to a channel or a nick, split into as many messages as it needs. */
    public void message(String target, String text) {
        for (String part : protocol.split("PRIVMSG", target, text, 0)) {
            send(IrcMessage.of("PRIVMSG", target, part));
        }
    }

    /** Sends a NOTICE (which nobody answers automatically). */
    public void notice(String target, String text) {
        for (String part : protocol.split("NOTICE", target, text, 0)) {
            send(IrcMessage.of("NOTICE", target, part));
        }
    }

    /** Sends a CTCP ACTION ({@code /me waves}). */
    public void action(String target, String text) {
        for (String part : protocol.split("PRIVMSG", target, text, 9)) {
            send(IrcMessage.of("PRIVMSG", target, "\u0001ACTION " + part + "\u0001"));
        }
    }

    /** Sets {@code channel}'s topic. */
    public void topic(String channel, String topic) {
        send(IrcMessage.of("TOPIC", channel, topic));
    }

    /** Asks for another nick; a {@link ChatEvent.NickChanged} (or a 433 reply) follows. */
    public void changeNick(String nick) {
        send(IrcMessage.of("NICK", nick));
    }

    /**
     * Creates an account for our nick with {@code password} (in-band {@code REGISTER}), on servers that
     * allow it; waits for the answer and, on success, we are logged in to it.
     *
     * @throws ChatException with the server's reason when it refused
     */
    public void register(char[] password, Duration timeout) throws IOException {
        try {
            protocol.awaitRegister(() -> send(IrcMessage.of("REGISTER", "*", "*", new String(password))), timeout);
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    /** Sends any message. */
    public void send(IrcMessage message) {
        session.send(message);
    }

    /** Says goodbye: sends QUIT and waits (at most 5 s) for the server to close the connection. */
    public void quit(String reason) {
        try {
            send(reason == null ? IrcMessage.of("QUIT") : IrcMessage.of("QUIT", reason));
        } catch (SessionClosedException e) {
            return;
        }
        join(Duration.ofSeconds(5));
    }

    /** {@link #quit} with a default reason if still connected, then closes. */
    @Override
    public void close() {
        if (isConnected()) {
            quit("Leaving");
        }
        session.close();
        join(Duration.ofSeconds(5));
    }

    private void join(Duration timeout) {
        try {
            reader.join(timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Describes a connection; {@link #connect()} makes it. */
    public static final class Builder {
        private final Transport transport;
        private final InetSocketAddress address;
        private TransportOptions options = TransportOptions.defaults();
        private String nick;
        private String user;
        private String realName;
        private String saslAccount;
        private char[] saslPassword;
        private boolean saslExternal;
        private char[] pass;
        private boolean echo;
        private int nickRetries;
        private Duration timeout = Duration.ofSeconds(30);
        private Consumer<ChatEvent> listener = e -> {};

        private Builder(Transport transport, InetSocketAddress address) {
            this.transport = Objects.requireNonNull(transport, "transport");
            this.address = Objects.requireNonNull(address, "address");
        }

        /** Connection options; a TLS layer here makes the connection secure. */
        public Builder options(TransportOptions value) {
            options = Objects.requireNonNull(value, "options");
            return this;
        }

        public Builder nick(String value) {
            nick = value;
            return this;
        }

        /** The user name (default: the nick). */
        public Builder user(String value) {
            user = value;
            return this;
        }

        /** The real name (default: the nick). */
        public Builder realName(String value) {
            realName = value;
            return this;
        }

        /** Log in with SASL PLAIN as {@code account}. The array is cleared once sent. */
        public Builder sasl(String account, char[] password) {
            saslAccount = Objects.requireNonNull(account, "account");
            saslPassword = password.clone();
            saslExternal = false;
            return this;
        }

        /** Log in with SASL EXTERNAL: the TLS client certificate of the options' layer. */
        public Builder saslExternal() {
            saslExternal = true;
            saslAccount = null;
            saslPassword = null;
            return this;
        }

        /** Send {@code PASS} (a server or account password) before registering. */
        public Builder password(char[] value) {
            pass = value.clone();
            return this;
        }

        /** Ask for {@code echo-message}: our own messages come back as events once the server took them. */
        public Builder echoMessages(boolean value) {
            echo = value;
            return this;
        }

        /** When the nick is taken, try it with {@code _} appended, up to {@code times} times. */
        public Builder retryNickInUse(int times) {
            nickRetries = times;
            return this;
        }

        /** How long connecting and registering may take (default 30 s). */
        public Builder timeout(Duration value) {
            timeout = Objects.requireNonNull(value, "timeout");
            return this;
        }

        /** Who receives events; called on the client's reader thread. */
        public Builder listener(Consumer<ChatEvent> value) {
            listener = Objects.requireNonNull(value, "listener");
            return this;
        }

        /**
         * Connects and registers; returns once the server has welcomed us (and, with SASL, logged us
         * in).
         *
         * @throws ChatException when the server refused: nick in use, login failed, SASL unavailable
         * @throws IOException when the connection failed or registration took longer than the timeout
         */
        public ChatClient connect() throws IOException {
            if (nick == null) {
                throw new IllegalStateException("no nick: call nick(...) before connect()");
            }
            ClientSession<IrcMessage> session = transport.connect(address, IrcCodec.client(), options);
            ClientProtocol protocol = new ClientProtocol(
                    session,
                    nick,
                    saslExternal ? "EXTERNAL" : saslAccount == null ? null : "PLAIN",
                    saslAccount,
                    saslPassword,
                    echo,
                    nickRetries,
                    listener);
            ChatClient client = new ChatClient(session, protocol);
            try {
                protocol.start(user == null ? nick : user, realName == null ? nick : realName, pass);
                protocol.registered().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                return client;
            } catch (ExecutionException e) {
                client.session.close();
                if (e.getCause() instanceof IOException io) {
                    throw io;
                }
                throw new ChatException("registration failed: " + e.getCause(), e.getCause());
            } catch (TimeoutException e) {
                client.session.close();
                throw new ChatException("the server did not complete registration within " + timeout, e);
            } catch (InterruptedException e) {
                client.session.close();
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException("interrupted while registering");
            } finally {
                if (pass != null) {
                    Arrays.fill(pass, '\0');
                }
            }
        }
    }

    @Override
    public String toString() {
        return "ChatClient[" + nick() + " at " + session.remoteAddress() + "]";
    }
}
