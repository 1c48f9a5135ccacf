package dev.wirekit.chat.internal;

import dev.wirekit.api.AttributeKey;
import dev.wirekit.api.IdleTimeoutException;
import dev.wirekit.api.Service;
import dev.wirekit.api.Session;
import dev.wirekit.api.framing.FrameTooLongException;
import dev.wirekit.api.framing.FramingException;
import dev.wirekit.chat.IrcFormatException;
import dev.wirekit.chat.IrcMessage;
import java.lang.System.Logger.Level;
import java.nio.charset.CharacterCodingException;
import java.util.HashMap;
import java.util.Map;

/**
 * The IRC server's protocol logic: one instance serves every connection of a {@link
 * dev.wirekit.chat.ChatServer}, on any transport. It checks each command (registration, parameters,
 * rate) and hands it to the class that implements it.
 */
public final class ChatService implements Service<IrcMessage> {
    private static final System.Logger LOG = System.getLogger("dev.wirekit.chat");
    private static final AttributeKey<Client> CLIENT = AttributeKey.of("chat.client", Client.class);

    @FunctionalInterface
    private interface Handler {
        void handle(Client client, IrcMessage message);
    }

    private record Command(int minParams, boolean beforeRegistration, Handler handler) {}

    private final Network network;
    private final Registration registration;
    private final AccountCommands accountCommands;
    private final Map<String, Command> commands = new HashMap<>();

    ChatService(Network network, Accounts accounts) {
        this.network = network;
        Login login = new Login(network, accounts);
        Sasl sasl = new Sasl(network, accounts, login);
        this.registration = new Registration(network, accounts, login, sasl);
        this.accountCommands = new AccountCommands(network, accounts, login);
        ChannelCommands channels = new ChannelCommands(network);
        Queries queries = new Queries(network);
        Messaging messaging = new Messaging(network, accounts);

        early("CAP", 1, registration::cap);
        early("AUTHENTICATE", 1, sasl::authenticate);
        early("PASS", 1, registration::pass);
        early("NICK", 0, registration::nick);
        early("USER", 4, registration::user);
        early("PING", 0, registration::ping);
        early("PONG", 0, registration::pong);
        early("QUIT", 0, registration::quit);
        early("REGISTER", 3, accountCommands::register);
        registered("JOIN", 1, channels::join);
        registered("PART", 1, channels::part);
        registered("NAMES", 0, channels::names);
        registered("TOPIC", 1, channels::topic);
        registered("LIST", 0, channels::list);
        registered("WHO", 0, queries::who);
        registered("WHOIS", 1, queries::whois);
        registered("ISON", 1, queries::ison);
        registered("USERHOST", 1, queries::userhost);
        registered("AWAY", 0, queries::away);
        registered("MODE", 1, queries::mode);
        registered("PRIVMSG", 0, messaging::privmsg);
        registered("NOTICE", 0, messaging::notice);
        registered("MOTD", 0, (c, m) -> registration.motd(c));
    }

    private void early(String name, int minParams, Handler handler) {
        commands.put(name, new Command(minParams, true, handler));
    }

    private void registered(String name, int minParams, Handler handler) {
        commands.put(name, new Command(minParams, false, handler));
    }

    @Override
    public void onOpen(Session<IrcMessage> session) {
        Client client = new Client(
                network,
                session,
                new TokenBucket(network.config.floodBurst(), network.config.floodRate(), network.clock),
                network.clock.instant());
        session.attribute(CLIENT, client);
        network.connected.add(client);
    }

    @Override
    public void onMessage(Session<IrcMessage> session, IrcMessage message) {
        Client client = session.attribute(CLIENT);
        if (client == null || client.outputClosed.get()) {
            return; // leaving: what it still sends has no effect
        }
        client.lastActive = network.clock.instant();
        client.pingSent = null;
        String name = message.command();
        if (!name.equals("PONG") && !withinRate(client, name)) {
            return;
        }
        Command command = commands.get(name);
        if (command == null || (name.equals("REGISTER") && !accountCommands.enabled(client))) {
            network.reply(client, Numeric.ERR_UNKNOWNCOMMAND, name, "Unknown command");
            return;
        }
        if (!command.beforeRegistration() && !client.registered) {
            network.reply(client, Numeric.ERR_NOTREGISTERED, "You have not registered");
            return;
        }
        if (message.params().size() < command.minParams()) {
            network.reply(client, Numeric.ERR_NEEDMOREPARAMS, name, "Not enough parameters");
            return;
        }
        command.handler().handle(client, message);
    }

    /** The per-client token bucket: over it, 263 (try again); far over it, disconnected. */
    private boolean withinRate(Client client, String command) {
        if (client.bucket.tryTake()) {
            client.excess = 0;
            return true;
        }
        if (++client.excess > network.config.floodBurst()) {
            LOG.log(Level.INFO, () -> "chat: disconnecting " + client + ": excess flood");
            registration.leave(client, "Excess Flood");
            return false;
        }
        network.reply(client, Numeric.RPL_TRYAGAIN, command, "Please wait a while and try again.");
        return false;
    }

    @Override
    public boolean onFramingError(Session<IrcMessage> session, FramingException error) {
        Client client = session.attribute(CLIENT);
        if (client == null || client.outputClosed.get()) {
            return true;
        }
        client.lastActive = network.clock.instant();
        Throwable cause = error.getCause();
        if (cause instanceof IrcFormatException format && format.isEmptyLine()) {
            return true; // RFC 2812: empty messages are silently ignored
        }
        if (!withinRate(client, "*")) {
            return true;
        }
        if (error instanceof FrameTooLongException) {
            network.reply(client, Numeric.ERR_INPUTTOOLONG, "Input line was too long");
        } else if (cause instanceof CharacterCodingException) {
            network.send(
                    client,
                    network.fromServer(
                            "FAIL",
                            "*",
                            "INVALID_UTF8",
                            "Message rejected, your IRC software MUST use UTF-8 encoding on this network"));
        } else {
            String why = cause instanceof IrcFormatException f ? f.getMessage() : error.getMessage();
            network.reply(client, Numeric.ERR_UNKNOWNCOMMAND, "*", "Malformed message: " + why);
        }
        return true;
    }

    @Override
    public void onClose(Session<IrcMessage> session, Throwable cause) {
        Client client = session.attribute(CLIENT);
        if (client == null) {
            return;
        }
        client.outputClosed.set(true);
        PasswordHasher.wipe(client.pass);
        String reason = client.quitReason != null ? client.quitReason : describe(cause);
        network.quit(client, reason);
    }

    private static String describe(Throwable cause) {
        if (cause == null) {
            return "Connection closed";
        }
        if (cause instanceof IdleTimeoutException) {
            return "Ping timeout";
        }
        return "Connection error";
    }

    /** Says goodbye to {@code client} with an ERROR line. */
    void disconnect(Client client, String reason) {
        registration.leave(client, reason);
    }
}
