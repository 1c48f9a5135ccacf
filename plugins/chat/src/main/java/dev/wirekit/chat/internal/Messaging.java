package dev.wirekit.chat.internal;

import dev.wirekit.chat.IrcMessage;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.List;

/**
 * {@code PRIVMSG} and {@code NOTICE} to channels and nicks, and the offline mailbox for registered
 * accounts that are not connected.
 *
 * <p>What the sender of a PRIVMSG learns: nothing when it was delivered (or, with
 * {@code echo-message}, its own message back); {@code NOTE PRIVMSG QUEUED <nick>} when the target is
 * a registered account that is offline and the message was stored; {@code FAIL PRIVMSG
 * MAILBOX_FULL|SENDER_LIMIT|TEMPORARILY_UNAVAILABLE <nick>} when it could not be stored; {@code 401}
 * when there is no such nick or account; later {@code NOTE PRIVMSG DELIVERED <nick>} when stored
 * messages reach their reader. A NOTICE is never answered (RFC 2812: no automatic replies to
 * NOTICE), but is stored for offline accounts like a PRIVMSG.
 */
final class Messaging {
    private static final System.Logger LOG = System.getLogger("dev.wirekit.chat");

    private final Network network;
    private final Accounts accounts;

    Messaging(Network network, Accounts accounts) {
        this.network = network;
        this.accounts = accounts;
    }

    void privmsg(Client client, IrcMessage message) {
        send(client, message, false);
    }

    void notice(Client client, IrcMessage message) {
        send(client, message, true);
    }

    private void send(Client client, IrcMessage message, boolean notice) {
        String command = notice ? "NOTICE" : "PRIVMSG";
        if (message.params().isEmpty() || message.param(0).isEmpty()) {
            if (!notice) {
                network.reply(client, Numeric.ERR_NORECIPIENT, "No recipient given (" + command + ")");
            }
            return;
        }
        String text = message.param(1);
        if (text == null || text.isEmpty()) {
            if (!notice) {
                network.reply(client, Numeric.ERR_NOTEXTTOSEND, "No text to send");
            }
            return;
        }
        List<String> targets = ChannelCommands.split(message.param(0));
        if (targets.size() > network.config.maxTargets()) {
            if (!notice) {
                network.reply(
                        client,
                        Numeric.ERR_TOOMANYTARGETS,
                        message.param(0),
                        "Too many recipients (at most " + network.config.maxTargets() + ")");
            }
            return;
        }
        for (String target : targets) {
            if (target.startsWith("#")) {
                toChannel(client, command, target, text, notice);
            } else {
                toNick(client, command, target, text, notice);
            }
        }
    }

    private void toChannel(Client client, String command, String name, String text, boolean notice) {
        network.read(batch -> {
            Channel channel = network.channels.get(Names.fold(name));
            if (channel == null) {
                if (!notice) {
                    batch.numeric(client, Numeric.ERR_NOSUCHCHANNEL, name, "No such channel");
                }
                return;
            }
            synchronized (channel) {
                if (channel.noExternal && !channel.members.containsKey(client)) {
                    if (!notice) {
                        batch.numeric(client, Numeric.ERR_CANNOTSENDTOCHAN, channel.name, "Cannot send to channel");
                    }
                    return;
                }
                IrcMessage out = Network.fit(IrcMessage.from(client.prefix(), command, channel.name, text));
                for (Client member : channel.members.keySet()) {
                    if (member != client || client.has(Capabilities.ECHO_MESSAGE)) {
                        batch.send(member, out);
                    }
                }
                if (!channel.members.containsKey(client) && client.has(Capabilities.ECHO_MESSAGE)) {
                    batch.send(client, out);
                }
            }
        });
    }

    private void toNick(Client client, String command, String nick, String text, boolean notice) {
        boolean[] delivered = {false};
        network.read(batch -> {
            Client target = network.find(nick);
            if (target != null) {
                IrcMessage out = Network.fit(IrcMessage.from(client.prefix(), command, target.nick, text));
                batch.send(target, out);
                if (client.has(Capabilities.ECHO_MESSAGE) && target != client) {
                    batch.send(client, out);
                }
                if (target.away != null && !notice) {
                    batch.numeric(client, "301", target.nick, target.away);
                }
                delivered[0] = true;
            }
        });
        if (delivered[0]) {
            return;
        }
        if (!accounts.store.exists(nick)) {
            if (!notice) {
                network.reply(client, Numeric.ERR_NOSUCHNICK, nick, "No such nick/channel");
            }
            return;
        }
        offline(client, command, nick, text, notice);
    }

    private void offline(Client client, String command, String nick, String text, boolean notice) {
        String account = accounts.store.canonicalName(nick).orElse(nick);
        IrcMessage shaped = Network.fit(IrcMessage.from(client.prefix(), command, account, text));
        Mailbox.Letter letter =
                new Mailbox.Letter(network.clock.instant(), command, client.prefix(), client.account, shaped.last());
        Mailbox.Outcome outcome;
        try {
            outcome = accounts.mailbox.offer(account, letter, Mailbox.key(letter));
        } catch (IOException e) {
            LOG.log(Level.ERROR, "chat: cannot store an offline message for " + account, e);
            if (!notice) {
                network.send(
                        client,
                        network.fromServer(
                                "FAIL",
                                "PRIVMSG",
                                "TEMPORARILY_UNAVAILABLE",
                                account,
                                "Your message to " + account + " could not be stored; it was not delivered"));
            }
            return;
        }
        if (notice) {
            return;
        }
        IrcMessage reply = switch (outcome) {
            case QUEUED ->
                network.fromServer(
                        "NOTE",
                        "PRIVMSG",
                        "QUEUED",
                        account,
                        account + " is offline; your message will be delivered when they next log in");
            case FULL ->
                network.fromServer(
                        "FAIL",
                        "PRIVMSG",
                        "MAILBOX_FULL",
                        account,
                        account + "'s offline mailbox is full; your message was not delivered");
            case SENDER_LIMIT ->
                network.fromServer(
                        "FAIL",
                        "PRIVMSG",
                        "SENDER_LIMIT",
                        account,
                        "You have too many messages waiting for " + account + "; this one was not delivered");
            case DISABLED -> network.numeric(client, Numeric.ERR_NOSUCHNICK, nick, "No such nick/channel");
        };
        network.send(client, reply);
    }
}
